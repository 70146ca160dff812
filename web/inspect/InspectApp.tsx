// /inspect: 督导 in the field, for a phone (360×780 up), online or not. The list of the scope's units (visits
// due first, then nearest), a map of the scope, the visit form, and the sync queue. Everything typed is saved to
// IndexedDB before it is sent; the queue syncs when the network returns and keeps going after a new sign-in.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import { ApiError, signIn } from '../api/client'
import { CredentialFields, needsTotp } from '../login/CredentialFields'
import { fetchFieldPack, storedFieldPack, type FieldPack, type OpenFollowUp } from './field-pack'
import { linkFieldManifest, registerFieldWorker } from './field-worker'
import { forgetPhotos, photoBlob, queuedItems, queueWithPhotos, saveItem } from './queue-db'
import { closedFollowUps, nextItem, queuedItem, QUEUE_STATE_LABELS, type QueueItem } from './queue-state'
import { QueueList } from './QueueList'
import { ScopeMap } from './ScopeMap'
import { runSync } from './sync'
import { VisitForm, type Fix } from './VisitForm'
import { distanceText, visitOrder, type FieldUnit } from './visit-order'
import './inspect.css'

type View = 'list' | 'map' | 'queue'
const SYNC_TICK_MS = 5_000 // how often the queue looks for items whose backoff has passed

export function InspectApp() {
  const [pack, setPack] = useState<FieldPack | null | undefined>(undefined) // undefined: loading
  const [items, setItems] = useState<QueueItem[]>([])
  const [view, setView] = useState<View>('list')
  const [unit, setUnit] = useState<FieldUnit | null>(null)
  const [fix, setFix] = useState<Fix | null>(null)
  const [online, setOnline] = useState(navigator.onLine)
  const [signInNeeded, setSignInNeeded] = useState(false)
  const syncing = useRef(false)

  const reloadQueue = useCallback(async () => setItems(await queuedItems()), [])

  const sync = useCallback(async (options: { now?: boolean } = {}) => {
    if (syncing.current || !navigator.onLine) return
    syncing.current = true
    try {
      const outcome = await runSync({
        items: queuedItems,
        save: async (item) => {
          await saveItem(item)
          if (item.state === 'synced' && item.work.kind === 'visit') await forgetPhotos(item.work.photos.map((p) => p.sha256))
          await reloadQueue()
        },
        photo: photoBlob,
        now: Date.now,
      }, options)
      if (outcome === 'signed-out') setSignInNeeded(true)
    } finally {
      syncing.current = false
    }
  }, [reloadQueue])

  const refreshPack = useCallback(async () => {
    try {
      const fresh = await fetchFieldPack(new URLSearchParams(location.search).get('area'))
      if (fresh === null) setSignInNeeded(true)
      setPack((current) => fresh ?? current ?? null)
      return fresh
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setSignInNeeded(true)
      const stored = await storedFieldPack()
      setPack((current) => current ?? stored ?? null)
      return stored ?? null
    }
  }, [])

  useEffect(() => {
    document.title = '督导 · 民族团结进步创建'
    linkFieldManifest()
    void registerFieldWorker().catch(() => {}) // without a worker the page still works while online
    void (async () => {
      // An item left 同步中 by a closed or crashed tab is sent again: every sync is idempotent.
      for (const item of await queuedItems()) if (item.state === 'syncing') await saveItem(nextItem(item, { type: 'interrupted' }))
      await reloadQueue()
      setPack((await storedFieldPack()) ?? undefined)
      if ((await refreshPack()) !== null) await sync()
    })()
    const wentOnline = () => {
      setOnline(true)
      void refreshPack().then(() => sync({ now: true }))
    }
    const wentOffline = () => setOnline(false)
    window.addEventListener('online', wentOnline)
    window.addEventListener('offline', wentOffline)
    const tick = window.setInterval(() => void sync(), SYNC_TICK_MS)
    const watch = navigator.geolocation?.watchPosition(
      (p) => setFix({ lon: p.coords.longitude, lat: p.coords.latitude, accuracyM: p.coords.accuracy, takenAt: new Date(p.timestamp).toISOString() }),
      () => {},
      { enableHighAccuracy: true, maximumAge: 30_000 },
    )
    return () => {
      window.removeEventListener('online', wentOnline)
      window.removeEventListener('offline', wentOffline)
      window.clearInterval(tick)
      if (watch !== undefined) navigator.geolocation.clearWatch(watch)
    }
  }, [reloadQueue, refreshPack, sync])

  async function closeFollowUp(followUp: OpenFollowUp, label: string) {
    const id = `close-${followUp.inspectionId}-${crypto.randomUUID()}`
    await saveItem(queuedItem(id, `${label}：整改“${followUp.followUp || '（无说明）'}”`, { kind: 'close-follow-up', inspectionId: followUp.inspectionId, version: followUp.version, closedAt: today() }, Date.now()))
    await reloadQueue()
    void sync()
  }

  async function change(item: QueueItem, event: Parameters<typeof nextItem>[1]) {
    await saveItem(nextItem(item, event))
    await reloadQueue()
    void sync()
  }

  if (pack === undefined) return <div className="inspect-page"><p className="inspect-muted">正在打开…</p></div>
  const user = pack?.user ?? null
  const pending = items.filter((i) => i.state !== 'synced').length

  return (
    <div className="inspect-page">
      <header className="inspect-header">
        <h1>督导</h1>
        <span className={online ? 'inspect-online' : 'inspect-offline'} role="status">{online ? '在线' : '离线'}</span>
        {user && <span className="inspect-muted">{user.username}</span>}
      </header>
      {(signInNeeded || user === null) && <SignIn username={user?.username} onSignedIn={async () => {
        setSignInNeeded(false)
        await refreshPack()
        await sync()
      }} />}
      {pack && unit ? (
        <VisitForm
          unit={unit}
          fix={fix}
          inspector={pack.user.username}
          today={today()}
          onCancel={() => setUnit(null)}
          onSave={async (visit, photos) => {
            const clientId = crypto.randomUUID()
            await queueWithPhotos(queuedItem(clientId, unit.name, { kind: 'visit', visit, photos: photos.map((p) => p.photo) }, Date.now()), photos.map((p) => ({ sha256: p.photo.sha256, blob: p.blob })))
            await reloadQueue()
            setUnit(null)
            setView('queue')
            void sync()
          }}
        />
      ) : pack ? (
        <>
          <nav className="inspect-tabs" aria-label="视图">
            {(['list', 'map', 'queue'] as const).map((v) => (
              <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
                {{ list: '我的督导', map: '地图', queue: `同步队列${pending > 0 ? ` (${pending})` : ''}` }[v]}
              </button>
            ))}
          </nav>
          {pack.sample && (
            <p className="notice notice-sample inspect-sample" role="status" data-testid="sample-notice">
              示例数据 · 单位名称与位置为演示用虚构数据
            </p>
          )}
          {pack.scope === null && <p className="notice inspect-warning">此账号不限区域：请在网址后加上要督导的区划代码，例如 /inspect?area=530626</p>}
          {view === 'list' && <UnitList pack={pack} closing={closedFollowUps(items)} position={fix && [fix.lon, fix.lat]} onPick={setUnit} onClose={closeFollowUp} />}
          {view === 'map' && <ScopeMap areas={pack.areas} units={pack.units} position={fix && [fix.lon, fix.lat]} onPick={setUnit} />}
          {view === 'queue' && <QueueList items={items} onRetry={(item, version) => void change(item, { type: 'retry', version })} onDrop={(item) => void change(item, { type: 'drop' })} waitingForSignIn={signInNeeded} />}
          <p className="inspect-muted inspect-footnote">数据更新于 {new Date(pack.savedAt).toLocaleString('zh-CN')} · {QUEUE_STATE_LABELS.pending} {items.filter((i) => i.state === 'pending').length}</p>
        </>
      ) : null}
    </div>
  )
}

function UnitList({ pack, closing, position, onPick, onClose }: { pack: FieldPack; closing: Map<number, number>; position: [number, number] | null; onPick(u: FieldUnit): void; onClose(f: OpenFollowUp, label: string): void }) {
  return (
    <ul className="inspect-units" aria-label="我的督导">
      {visitOrder(pack.units, position).map((u) => (
        <li key={u.id}>
          <button type="button" className="inspect-unit" onClick={() => onPick(u)}>
            <strong>{u.name}</strong>
            <span className="inspect-muted">{u.category}{u.distanceM !== null ? ` · ${distanceText(u.distanceM)}` : ''}</span>
            <span className={u.due > 0 ? 'inspect-due' : 'inspect-muted'}>{u.due > 0 ? `待督导 ${u.due} 次` : '本期已督导'}{u.overdueFollowUps > 0 ? ` · 整改逾期 ${u.overdueFollowUps}` : ''}</span>
          </button>
          {pack.followUps.filter((f) => f.unitId === u.id && (closing.get(f.inspectionId) ?? -1) < f.version).map((f) => (
            <div key={f.inspectionId} className="inspect-followup">
              <span>整改：{f.followUp || '（无说明）'}{f.followUpDue ? `，期限 ${f.followUpDue}` : ''}</span>
              <button type="button" className="secondary" onClick={() => onClose(f, u.name)}>已整改</button>
            </div>
          ))}
        </li>
      ))}
    </ul>
  )
}

function SignIn({ username, onSignedIn }: { username?: string; onSignedIn(): Promise<void> }) {
  const [error, setError] = useState<string | null>(null)
  const [askCode, setAskCode] = useState(false)
  const [busy, setBusy] = useState(false)
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setBusy(true)
    try {
      await signIn(String(form.get('username')), String(form.get('password')), form.get('totp') ? String(form.get('totp')) : undefined)
      await onSignedIn()
    } catch (e) {
      if (needsTotp(e)) setAskCode(true)
      else setError(e instanceof ApiError ? e.message : '无法连接服务器：联网后再登录，记录仍保存在本机')
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="inspect-signin card" onSubmit={submit} aria-label="登录">
      <p>{username ? '登录已过期：请重新登录，待同步的记录随后继续上传。' : '请用督导员账号登录。'}</p>
      <CredentialFields username={username} askCode={askCode} error={error} busy={busy} submitLabel="登录" />
    </form>
  )
}

function today(): string {
  const now = new Date()
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10)
}
