// The phone's own store (IndexedDB, through idb): the sync queue, the photos' bytes, and the field pack (the
// scope's units, boundaries and visits due) that lets /inspect open with no network. Everything a visit holds
// is written here before any sync is tried, so a reload or a crashed tab loses nothing.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { QueueItem } from './queue-state'

interface FieldDb extends DBSchema {
  queue: { key: string; value: QueueItem }
  photos: { key: string; value: { sha256: string; blob: Blob } }
  pack: { key: string; value: unknown }
}

let opened: Promise<IDBPDatabase<FieldDb>> | null = null

function db(): Promise<IDBPDatabase<FieldDb>> {
  opened ??= openDB<FieldDb>('atlas-inspect', 1, {
    upgrade(database) {
      database.createObjectStore('queue', { keyPath: 'id' })
      database.createObjectStore('photos', { keyPath: 'sha256' })
      database.createObjectStore('pack')
    },
  })
  return opened
}

/** The queue, oldest first. */
export async function queuedItems(): Promise<QueueItem[]> {
  return (await (await db()).getAll('queue')).sort((a, b) => a.createdAt - b.createdAt)
}

export async function saveItem(item: QueueItem): Promise<void> {
  await (await db()).put('queue', item)
}

/** A new item with its photos' bytes, in one transaction: both are kept, or neither. */
export async function queueWithPhotos(item: QueueItem, photos: readonly { sha256: string; blob: Blob }[]): Promise<void> {
  const tx = (await db()).transaction(['queue', 'photos'], 'readwrite')
  await Promise.all([...photos.map((p) => tx.objectStore('photos').put(p)), tx.objectStore('queue').put(item), tx.done])
}

export async function photoBlob(sha256: string): Promise<Blob | undefined> {
  return (await (await db()).get('photos', sha256))?.blob
}

/** Drops the bytes of photos the server has taken: the queue keeps what they were, the server keeps them. */
export async function forgetPhotos(sha256s: readonly string[]): Promise<void> {
  const tx = (await db()).transaction('photos', 'readwrite')
  await Promise.all([...sha256s.map((sha256) => tx.store.delete(sha256)), tx.done])
}

export async function savePack(key: string, pack: unknown): Promise<void> {
  await (await db()).put('pack', pack, key)
}

export async function loadPack<T>(key: string): Promise<T | undefined> {
  return (await (await db()).get('pack', key)) as T | undefined
}
