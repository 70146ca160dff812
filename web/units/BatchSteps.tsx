// A step of the naming workflow for every checked row at once (a county's yearly 申报 list): the server moves
// them all or none, and names the unit that stopped the batch.
import { useState } from 'react'
import { UNIT_STATUSES, type HonourLevel, type UnitStatus } from '../../server/shared/domain'
import { namingLevels, stepsFor, type WorkflowActor } from '../../server/shared/workflow'
import { transitionUnits } from '../api/client'

export interface BatchStepsProps {
  ids: number[]
  statuses: UnitStatus[] // of the checked rows
  actor: WorkflowActor
  onMoved(message: string): void
  onClear(): void
}

export function BatchSteps({ ids, statuses, actor, onMoved, onClear }: BatchStepsProps) {
  const targets = UNIT_STATUSES.filter((to) => statuses.some((status) => stepsFor(actor, status).some((step) => step.to === to)))
  const [to, setTo] = useState<UnitStatus | ''>('')
  const [reason, setReason] = useState('')
  const [level, setLevel] = useState<HonourLevel | ''>('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const go = async () => {
    if (!to) return
    setBusy(true)
    setError(null)
    try {
      const moved = await transitionUnits(ids, { to, reason: reason.trim(), ...(to === '命名' && level ? { level } : {}) })
      onMoved(`${moved} 个单位已转为${to}`)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="units-batch" data-testid="units-batch" role="region" aria-label="批量办理">
      <strong>已选 {ids.length} 个单位</strong>
      <select aria-label="批量转为" value={to} onChange={(e) => setTo(e.target.value as UnitStatus | '')}>
        <option value="">批量转为…</option>
        {targets.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
      {to === '命名' && (
        <select aria-label="命名级别" value={level} onChange={(e) => setLevel(e.target.value as HonourLevel | '')}>
          <option value="">按申报级别</option>
          {namingLevels(actor).map((l) => <option key={l} value={l}>{l}</option>)}
        </select>
      )}
      <input aria-label="批量办理说明" placeholder="说明（撤销、退回时必填）" value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="button" disabled={busy || !to} onClick={() => void go()}>办理</button>
      <button type="button" className="link-button" onClick={onClear}>取消选择</button>
      {error && <span className="units-batch-error" role="alert">{error}</span>}
    </div>
  )
}
