// A unit's inspections (督导), under its edit form: visits done and due this year against its scheme's rhythm,
// each visit (date, inspectors, rating, findings, checklist, follow-up with its due date and whether it is
// closed or overdue), a button that closes an open follow-up, and a form to record a new visit. The server
// decides what may be written (editors in scope) and checks every value; this only shows its answers.
import { useState } from 'react'
import { CHECKLIST_RESULTS, INSPECTION_RATINGS, type ChecklistResult } from '../../server/shared/domain'
import { ApiError, closeFollowUp, createInspection, fetchInspections, type InspectionItem, type VisitsSummary } from '../api/client'
import { useAsyncValue } from '../api/use-async-value'
import { emptyDraft, followUpLine, inspectionOfDraft, visitsLine, type InspectionDraft } from './inspection-draft'
import './inspections.css'
import { PhotoThumbs } from '../panels/PhotoThumbs'

export interface InspectionsPanelProps {
  unitId: number
}

export function InspectionsPanel({ unitId }: InspectionsPanelProps) {
  const [loads, setLoads] = useState(0) // bumped after a write, to reload
  const list = useAsyncValue(() => fetchInspections({ unit: String(unitId) }), [unitId, loads])
  const [draft, setDraft] = useState<InspectionDraft | null>(null) // null: the add form is closed
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  const answer = list.value
  const today = answer?.asOf ?? new Date().toISOString().slice(0, 10)

  async function run(work: () => Promise<unknown>, done: string) {
    setBusy(true)
    setMessage(null)
    try {
      await work()
      setMessage({ text: done, error: false })
      return true
    } catch (e) {
      const stale = e instanceof ApiError && e.status === 412
      setMessage({ text: stale ? '他人已先修改了这条督导记录，已重新载入，请再试一次' : e instanceof Error ? e.message : String(e), error: true })
      return false
    } finally {
      setBusy(false)
      setLoads((n) => n + 1)
    }
  }

  const add = async () => {
    if (draft && (await run(() => createInspection(inspectionOfDraft(unitId, draft)), '已新增督导记录'))) setDraft(null)
  }
  const close = (i: InspectionItem) => void run(() => closeFollowUp(i.id, i.version, today), `已标记 ${i.date} 督导的整改完成`)

  return (
    <section className="inspections" aria-label="督导记录" data-testid="inspections-panel">
      <h3>
        督导记录
        {draft === null && (
          <button type="button" className="link-button" onClick={() => setDraft(emptyDraft(today))} disabled={!answer}>
            ＋ 新增督导
          </button>
        )}
      </h3>
      {list.error && <p className="notice-inline unit-form-error" role="alert">{list.error.message}</p>}
      {answer?.visits && <VisitsLine visits={answer.visits} />}
      {message && <p className={message.error ? 'notice-inline unit-form-error' : 'unit-form-ok'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
      {draft && <DraftForm draft={draft} today={today} busy={busy} onChange={setDraft} onSubmit={add} onCancel={() => setDraft(null)} />}
      {answer && answer.inspections.length === 0 && <p className="inspections-empty">暂无督导记录</p>}
      <ol className="inspections-list">
        {answer?.inspections.map((i) => (
          <li key={i.id} className={`inspection is-${i.followUpState}`}>
            <div className="inspection-head">
              <strong>{i.date}</strong>
              {i.rating && <span className={`inspection-rating rating-${INSPECTION_RATINGS.indexOf(i.rating)}`}>{i.rating}</span>}
              <span className="inspection-people">{i.inspectors.join('、') || '—'}</span>
            </div>
            {i.findings && <p className="inspection-findings">{i.findings}</p>}
            <PhotoThumbs photos={i.photos} label={`${i.date} 督导照片`} />
            {i.checklist.length > 0 && (
              <ul className="inspection-checklist">
                {i.checklist.map((c) => (
                  <li key={c.item} className={`result-${CHECKLIST_RESULTS.indexOf(c.result)}`} title={c.note || undefined}>
                    {c.item}：{c.result}
                  </li>
                ))}
              </ul>
            )}
            {i.followUpState !== 'none' && (
              <div className="inspection-follow-up">
                <span>整改：{i.followUp || '（未写明）'}</span>
                <span className={`follow-up-state state-${i.followUpState}`}>{followUpLine(i, today)}</span>
                {i.followUpState !== 'closed' && (
                  <button type="button" disabled={busy} onClick={() => close(i)}>
                    标记已整改
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  )
}

function VisitsLine({ visits }: { visits: VisitsSummary }) {
  const overdue = visits.overdueFollowUps.length
  return (
    <p className="inspections-visits" data-testid="visits-due">
      <span>{visitsLine(visits)}</span>
      {visits.due > 0 && <span className="visits-badge is-due">尚需 {visits.due} 次</span>}
      {visits.needsVisits && visits.due === 0 && <span className="visits-badge is-done">已达标</span>}
      {overdue > 0 && <span className="visits-badge is-overdue">{overdue} 项整改逾期</span>}
    </p>
  )
}

interface DraftFormProps {
  draft: InspectionDraft
  today: string // no visit lies after it
  busy: boolean
  onChange(draft: InspectionDraft): void
  onSubmit(): void
  onCancel(): void
}

function DraftForm({ draft, today, busy, onChange, onSubmit, onCancel }: DraftFormProps) {
  const set = <K extends keyof InspectionDraft>(key: K, value: InspectionDraft[K]) => onChange({ ...draft, [key]: value })
  const setItem = (index: number, change: Partial<InspectionDraft['checklist'][number]>) =>
    set('checklist', draft.checklist.map((c, i) => (i === index ? { ...c, ...change } : c)))
  return (
    <form className="inspection-form" onSubmit={(e) => { e.preventDefault(); onSubmit() }} aria-label="新增督导">
      <div className="inspection-form-row">
        <label>
          <span className="control-label">督导日期</span>
          <input type="date" value={draft.date} max={today} onChange={(e) => set('date', e.target.value)} required />
        </label>
        <label>
          <span className="control-label">评定</span>
          <select value={draft.rating} onChange={(e) => set('rating', e.target.value)}>
            <option value="">（不评定）</option>
            {INSPECTION_RATINGS.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
      </div>
      <label>
        <span className="control-label">督导人员（以“、”分隔）</span>
        <input value={draft.inspectors} placeholder="如：张三、李四" onChange={(e) => set('inspectors', e.target.value)} required />
      </label>
      <fieldset className="inspection-form-checklist">
        <legend className="control-label">检查项目</legend>
        {draft.checklist.map((c, index) => (
          <div key={index} className="checklist-row">
            <span className="checklist-item">{c.item}</span>
            <select aria-label={`${c.item} 结果`} value={c.result} onChange={(e) => setItem(index, { result: e.target.value as ChecklistResult })}>
              {CHECKLIST_RESULTS.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
            <input aria-label={`${c.item} 说明`} placeholder="说明" value={c.note} onChange={(e) => setItem(index, { note: e.target.value })} />
          </div>
        ))}
      </fieldset>
      <label>
        <span className="control-label">督导发现</span>
        <textarea rows={2} value={draft.findings} onChange={(e) => set('findings', e.target.value)} />
      </label>
      <div className="inspection-form-row">
        <label>
          <span className="control-label">整改要求</span>
          <input value={draft.followUp} placeholder="无需整改则留空" onChange={(e) => set('followUp', e.target.value)} />
        </label>
        <label className="date">
          <span className="control-label">整改期限</span>
          <input type="date" value={draft.followUpDue} min={draft.date} onChange={(e) => set('followUpDue', e.target.value)} />
        </label>
      </div>
      <div className="unit-form-actions">
        <button type="submit" disabled={busy}>保存督导记录</button>
        <button type="button" onClick={onCancel} disabled={busy}>取消</button>
      </div>
    </form>
  )
}
