// Sends the queue: each due item once, in the order it was made. A visit first (idempotent by its clientId),
// then each of its photos the server lacks (HEAD, then PUT). What the server answers moves the item
// (queue-state.ts): 2xx synced; 401 waits for the user to sign in again and stops the round; 409/412 conflict
// with the server's current record; 5xx, 429 or no answer retries after a backoff and stops the round (the
// network is down: the next item would fail alike); any other 4xx is refused with the server's reason.
import { ApiError, photoStored, syncVisit, updateInspection, uploadPhoto } from '../api/client'
import { isDue, nextItem, type QueueEvent, type QueueItem } from './queue-state'

export interface SyncDeps {
  items(): Promise<QueueItem[]>
  save(item: QueueItem): Promise<void>
  photo(sha256: string): Promise<Blob | undefined>
  now(): number
}

/** idle: nothing more to send now; offline: the network failed; signed-out: a sign-in is needed first. */
export type SyncOutcome = 'idle' | 'offline' | 'signed-out'

/** `now`: the network just came back, so every pending item is tried whatever its backoff. */
export async function runSync(deps: SyncDeps, { now = false } = {}): Promise<SyncOutcome> {
  for (const queued of await deps.items()) {
    if (!(now ? queued.state === 'pending' : isDue(queued, deps.now()))) continue
    const item = nextItem(queued, { type: 'start' })
    await deps.save(item)
    let event: QueueEvent
    try {
      await send(item, deps)
      event = { type: 'done' }
    } catch (error) {
      event = eventOf(error, deps.now())
    }
    await deps.save(nextItem(item, event))
    if (event.type === 'signed-out') return 'signed-out'
    if (event.type === 'failed') return 'offline'
  }
  return 'idle'
}

async function send(item: QueueItem, deps: SyncDeps): Promise<void> {
  const work = item.work
  if (work.kind === 'close-follow-up') {
    await updateInspection(work.inspectionId, work.version, { followUpClosedAt: work.closedAt })
    return
  }
  await syncVisit(item.id, work.visit)
  for (const photo of work.photos) {
    if (await photoStored(photo.sha256)) continue
    const blob = await deps.photo(photo.sha256)
    if (!blob) throw new ApiError(400, 'photo_missing', `照片 ${photo.sha256.slice(0, 12)} 不在本机存储中`)
    await uploadPhoto(photo.sha256, blob, { visit: item.id, takenAt: photo.takenAt, exifLocationKept: photo.exifLocationKept })
  }
}

/** What an error of a sync means for its item. */
export function eventOf(error: unknown, now: number): QueueEvent {
  if (!(error instanceof ApiError)) return { type: 'failed', reason: '网络不可用，稍后自动重试', at: now }
  if (error.status === 401) return { type: 'signed-out', reason: '登录已过期，请重新登录后继续同步' }
  if (error.status === 409 || error.status === 412) {
    return { type: 'conflict', reason: error.message, current: (error.details as { current?: unknown } | undefined)?.current ?? null }
  }
  if (error.status >= 500 || error.status === 429) return { type: 'failed', reason: error.message, at: now }
  return { type: 'refused', reason: error.message }
}
