// The unit's place in the naming workflow (培育 → 申报 → 推荐 → 验收 → 命名 → 复查) and the steps the signed-in
// user may take from there, as server/shared/workflow.ts allows them; a step opens a small form for its
// reason, and for a naming its level, year and 文号.
import { useState } from 'react'
import { HONOUR_LEVELS, type HonourLevel } from '../../server/shared/domain'
import { namingLevels, stepsFor, type WorkflowActor, type WorkflowStep } from '../../server/shared/workflow'
import type { UnitRecord, UnitTransition } from '../api/client'

const PATH = ['培育', '申报', '推荐', '验收', '命名', '复查'] as const

export interface WorkflowPanelProps {
  record: UnitRecord
  actor: WorkflowActor
  busy: boolean
  onStep(transition: UnitTransition, label: string): void
}

export function WorkflowPanel({ record, actor, busy, onStep }: WorkflowPanelProps) {
  const [open, setOpen] = useState<WorkflowStep | null>(null)
  const steps = stepsFor(actor, record.status).filter((step) => levelsFor(step, record, actor).length > 0 || step.naming === null)
  return (
    <section className="unit-workflow" data-testid="unit-workflow" aria-label="命名流程">
      <h3>命名流程</h3>
      <ol className="workflow-path">
        {PATH.map((status) => (
          <li key={status} className={status === record.status ? 'is-current' : ''}>{status}</li>
        ))}
        {record.status === '撤销' && <li className="is-current is-revoked">撤销</li>}
      </ol>
      <div className="workflow-steps">
        {steps.length === 0 && <span className="control-label">当前没有你可以办理的步骤</span>}
        {steps.map((step) => (
          <button key={`${step.action}-${step.to}`} type="button" disabled={busy} className={open === step ? 'is-open' : ''} onClick={() => setOpen(open === step ? null : step)}>
            {step.label}
          </button>
        ))}
      </div>
      {open && (
        <StepForm
          key={`${open.action}-${record.version}`}
          step={open}
          levels={levelsFor(open, record, actor)}
          current={record.level}
          busy={busy}
          onSubmit={(transition) => {
            onStep(transition, open.label)
            setOpen(null)
          }}
        />
      )}
    </section>
  )
}

/** The levels a naming step may give: the approver's own, above the current one for a promotion, the current one for a passed review. */
function levelsFor(step: WorkflowStep, record: UnitRecord, actor: WorkflowActor): HonourLevel[] {
  const mine = namingLevels(actor)
  if (step.naming === 'higher-level') return mine.filter((level) => record.level === null || HONOUR_LEVELS.indexOf(level) > HONOUR_LEVELS.indexOf(record.level))
  if (step.naming === 'same-level' && record.level !== null) return mine.filter((level) => level === record.level)
  return mine
}

function StepForm({ step, levels, current, busy, onSubmit }: { step: WorkflowStep; levels: HonourLevel[]; current: HonourLevel | null; busy: boolean; onSubmit(transition: UnitTransition): void }) {
  const [reason, setReason] = useState('')
  const [level, setLevel] = useState<HonourLevel | ''>(current !== null && levels.includes(current) ? current : (levels.at(-1) ?? ''))
  const [year, setYear] = useState(String(new Date().getFullYear()))
  const [document, setDocument] = useState('')
  const naming = step.naming !== null
  const submit = () => {
    const transition: UnitTransition = { to: step.to, reason: reason.trim() }
    if (naming) Object.assign(transition, { level: level || undefined, year: Number(year), document: document.trim() || undefined })
    onSubmit(transition)
  }
  return (
    <form className="workflow-step-form" data-testid="workflow-step-form" onSubmit={(e) => { e.preventDefault(); submit() }}>
      <p>
        {step.label}：{step.from.join('/')} → <strong>{step.to}</strong>
      </p>
      {naming && (
        <>
          <label>
            <span className="control-label">命名级别</span>
            <select value={level} onChange={(e) => setLevel(e.target.value as HonourLevel)} disabled={step.naming === 'same-level'}>
              {levels.map((l) => <option key={l} value={l}>{l}</option>)}
            </select>
          </label>
          <label>
            <span className="control-label">命名年份</span>
            <input value={year} inputMode="numeric" onChange={(e) => setYear(e.target.value)} />
          </label>
          <label>
            <span className="control-label">文号</span>
            <input value={document} placeholder="如 昭市民宗〔2026〕15号" onChange={(e) => setDocument(e.target.value)} />
          </label>
        </>
      )}
      <label>
        <span className="control-label">{step.reasonRequired ? '原因（必填）' : '说明'}</span>
        <input value={reason} required={step.reasonRequired} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" disabled={busy}>办理{step.label}</button>
    </form>
  )
}
