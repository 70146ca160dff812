// The sync queue as the inspector sees it: every visit and follow-up close made on this phone with its state
// (待同步, 同步中, 已同步, 被拒绝 with the reason, 冲突 with the server's record, said in words, and the choice it leaves). While the
// session is gone nothing can be sent, so pending items say they wait for the sign-in (待登录), not for the network.
import { QUEUE_STATE_LABELS, type QueueItem } from './queue-state'

interface QueueListProps {
  items: QueueItem[]
  onRetry(item: QueueItem, version?: number): void
  onDrop(item: QueueItem): void
  waitingForSignIn: boolean // the server refused the session: a sign-in comes before any sync
}

const WAITING_FOR_SIGN_IN = '待登录'

export function QueueList({ items, onRetry, onDrop, waitingForSignIn }: QueueListProps) {
  if (items.length === 0) return <p className="inspect-muted">本机没有待同步的记录。</p>
  const waiting = waitingForSignIn ? items.filter((i) => i.state === 'pending').length : 0
  return (
    <>
      {waiting > 0 && <p className="notice inspect-warning" role="status" data-testid="queue-waiting">{waiting} 条记录保存在本机，等待重新登录后同步。</p>}
      <ul className="inspect-queue" aria-label="同步队列">
        {[...items].reverse().map((item) => (
          <li key={item.id} className={`inspect-queue-item state-${item.state}`} data-state={item.state}>
            <div className="inspect-queue-head">
              <strong>{item.label}</strong>
              <span className="inspect-badge">{waitingForSignIn && item.state === 'pending' ? WAITING_FOR_SIGN_IN : QUEUE_STATE_LABELS[item.state]}</span>
            </div>
            <div className="inspect-muted">
              {item.work.kind === 'visit' ? `督导 ${item.work.visit.date} · ${item.work.photos.length} 张照片` : `关闭整改 ${item.work.closedAt}`}
            </div>
            {item.reason && item.state !== 'conflict' && <p className="inspect-reason">{item.reason}</p>}
            {item.state === 'conflict' && <ConflictChoice item={item} onRetry={onRetry} onDrop={onDrop} />}
            {item.state === 'refused' && <button type="button" className="secondary" onClick={() => onRetry(item)}>重新提交</button>}
          </li>
        ))}
      </ul>
    </>
  )
}

function ConflictChoice({ item, onRetry, onDrop }: Pick<QueueListProps, 'onRetry' | 'onDrop'> & { item: QueueItem }) {
  const current = item.current as { version?: number; followUpClosedAt?: string | null; followUpClosedBy?: string } | null
  return (
    <div className="inspect-conflict">
      {current?.followUpClosedAt ? <p>{current.followUpClosedBy || '他人'} 已于 {current.followUpClosedAt} 关闭了这项整改。</p> : <p>服务器上的记录已被他人修改。</p>}
      <button type="button" className="secondary" onClick={() => onDrop(item)}>以服务器为准</button>
      {current?.version !== undefined && <button type="button" onClick={() => onRetry(item, current.version)}>仍按我的提交</button>}
    </div>
  )
}
