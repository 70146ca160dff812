// The sync queue of /inspect as a state machine: what happens to a queued item when its sync starts, succeeds,
// is refused, conflicts, fails on the network, or the tab died while it ran. Pure: the queue's storage
// (queue-db.ts) and the network (sync.ts) are elsewhere; each applies `nextItem` and stores what it returns.
//
//   pending ──start──▶ syncing ──done──▶ synced
//      ▲                 │ ├─refused──▶ refused ──retry──▶ pending
//      │                 │ └─conflict─▶ conflict ─retry──▶ pending (on the current version) / ─drop─▶ synced
//      └──failed (backoff), signed-out, interrupted ──┘

export const QUEUE_STATES = ['pending', 'syncing', 'synced', 'refused', 'conflict'] as const
export type QueueState = (typeof QUEUE_STATES)[number]

export const QUEUE_STATE_LABELS: Readonly<Record<QueueState, string>> = {
  pending: '待同步',
  syncing: '同步中',
  synced: '已同步',
  refused: '被拒绝',
  conflict: '冲突',
}

export interface QueuedPhoto {
  sha256: string
  mime: string
  width: number
  height: number
  takenAt: string | null
  exifLocationKept: boolean
}

/** A visit recorded on the phone, as it is synced (PUT /api/inspections/by-client-id/:clientId). */
export interface VisitPayload {
  unit: number
  date: string
  inspectors: string[]
  checklist: { item: string; result: string; note: string }[]
  rating: string | null
  findings: string
  followUp: string
  followUpDue: string | null
  gps: { lon: number; lat: number; accuracyM: number; takenAt: string } | null
}

export type QueuedWork =
  | { kind: 'visit'; visit: VisitPayload; photos: QueuedPhoto[] }
  | { kind: 'close-follow-up'; inspectionId: number; version: number; closedAt: string }

export interface QueueItem {
  id: string // the visit's clientId, or the close's own id
  label: string // what the queue shows, e.g. the unit's name
  work: QueuedWork
  state: QueueState
  attempts: number // failed tries since the last success or the user's retry
  nextTryAt: number // epoch ms: a pending item is not tried before
  reason: string | null // why refused, in conflict, or why the last try failed
  current: unknown // with a conflict: the server's current record (details.current of the 412)
  createdAt: number
}

export type QueueEvent =
  | { type: 'start' }
  | { type: 'done' }
  | { type: 'refused'; reason: string }
  | { type: 'conflict'; reason: string; current: unknown }
  | { type: 'failed'; reason: string; at: number } // the network, or a 5xx: tried again after a backoff
  | { type: 'signed-out'; reason: string } // 401: waits, without counting, until the user signs in again
  | { type: 'interrupted' } // found syncing at start-up: the tab closed or crashed mid-sync
  | { type: 'retry'; version?: number } // the user's choice after a refusal or a conflict (version: send over this one)
  | { type: 'drop' } // the user keeps the server's record in a conflict

export function queuedItem(id: string, label: string, work: QueuedWork, now: number): QueueItem {
  return { id, label, work, state: 'pending', attempts: 0, nextTryAt: now, reason: null, current: null, createdAt: now }
}

/** The item after `event`; an event that does not apply in its state leaves it as it is. */
export function nextItem(item: QueueItem, event: QueueEvent): QueueItem {
  switch (event.type) {
    case 'start':
      return item.state === 'pending' ? { ...item, state: 'syncing' } : item
    case 'done':
      return item.state === 'syncing' ? { ...item, state: 'synced', attempts: 0, reason: null, current: null } : item
    case 'refused':
      return item.state === 'syncing' ? { ...item, state: 'refused', reason: event.reason } : item
    case 'conflict':
      return item.state === 'syncing' ? { ...item, state: 'conflict', reason: event.reason, current: event.current } : item
    case 'failed': {
      if (item.state !== 'syncing') return item
      const attempts = item.attempts + 1
      return { ...item, state: 'pending', attempts, nextTryAt: event.at + backoffMs(attempts), reason: event.reason }
    }
    case 'signed-out':
      return item.state === 'syncing' ? { ...item, state: 'pending', reason: event.reason } : item
    case 'interrupted':
      return item.state === 'syncing' ? { ...item, state: 'pending' } : item
    case 'retry': {
      if (item.state !== 'refused' && item.state !== 'conflict') return item
      const work = event.version !== undefined && item.work.kind === 'close-follow-up' ? { ...item.work, version: event.version } : item.work
      return { ...item, work, state: 'pending', attempts: 0, nextTryAt: 0, reason: null, current: null }
    }
    case 'drop':
      return item.state === 'conflict' ? { ...item, state: 'synced', reason: '以服务器上的记录为准', current: null } : item
  }
}

/** Wait before try n + 1 after n failures: 2 s, 4 s, 8 s … capped at 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(1, attempts))
}

/** Whether the sync should try `item` now. */
export function isDue(item: QueueItem, now: number): boolean {
  return item.state === 'pending' && item.nextTryAt <= now
}

/**
 * The follow-ups this phone has closed (queued, sent, or settled in a conflict), each with the latest version a
 * close was made over: the list offers a follow-up again only when the pack brings a later version (reopened).
 */
export function closedFollowUps(items: readonly QueueItem[]): Map<number, number> {
  const closed = new Map<number, number>()
  for (const { work } of items) if (work.kind === 'close-follow-up') closed.set(work.inspectionId, Math.max(work.version, closed.get(work.inspectionId) ?? 0))
  return closed
}
