// One unit in the side form: its stored record (GET /api/units/:id/record), edited and saved with the version
// it was read at. When someone else saved first (412), the form shows both versions field by field so the
// user keeps theirs or takes the other's, then saves over the current version. Below the fields: the steps of
// the naming workflow this user may take (撤销 among them, with its reason), the history, and the 督导 visits.
import { Fragment, useEffect, useState } from 'react'
import { HONOUR_LEVELS, type HonourLevel } from '../../server/shared/domain'
import { FIELD_LABELS } from '../../server/shared/unit-fields'
import type { WorkflowActor } from '../../server/shared/workflow'
import { ApiError, fetchUnitRecord, transitionUnit, updateUnit, type UnitRecord } from '../api/client'
import { InspectionsPanel } from './InspectionsPanel'
import { conflictingFields, EDIT_FIELDS, editOf, type EditField, type FormValues, formValuesOf } from './unit-form-values'
import { UnitHistoryList } from './UnitHistoryList'
import { frameCodeOf, type LonLat } from './unit-location'
import { UnitLocation } from './UnitLocation'
import { WorkflowPanel } from './WorkflowPanel'

export interface UnitFormProps {
  id: number
  mayEdit: boolean
  actor: WorkflowActor | null
  categories: readonly string[]
  onSaved(): void
  onClose(): void
}

const LABELS: Record<EditField, string> = FIELD_LABELS

interface Conflict {
  base: FormValues // the record this form started from
  current: UnitRecord // as someone else saved it since
  mine: FormValues // what this form was about to save
}

export function UnitForm({ id, mayEdit, actor, categories, onSaved, onClose }: UnitFormProps) {
  const [record, setRecord] = useState<UnitRecord | null>(null)
  const [values, setValues] = useState<FormValues | null>(null)
  const [conflict, setConflict] = useState<Conflict | null>(null)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!mayEdit) return
    fetchUnitRecord(id).then(
      ({ unit }) => {
        setRecord(unit)
        setValues(formValuesOf(unit))
      },
      (e: Error) => setMessage({ text: e.message, error: true }),
    )
  }, [id, mayEdit])

  async function run(work: () => Promise<{ unit: UnitRecord; warnings: string[] }>, done: string) {
    setBusy(true)
    setMessage(null)
    try {
      const { unit, warnings } = await work()
      setRecord(unit)
      setValues(formValuesOf(unit))
      setConflict(null)
      setMessage({ text: [done, ...warnings].join('；'), error: false })
      onSaved()
    } catch (e) {
      const current = e instanceof ApiError && e.status === 412 ? (e.details as { current?: UnitRecord } | undefined)?.current : undefined
      if (current && values && record) setConflict({ base: formValuesOf(record), current, mine: values })
      setMessage({ text: current ? '保存未成功：他人已先保存了此单位，请选择保留哪一边' : e instanceof Error ? e.message : String(e), error: true })
    } finally {
      setBusy(false)
    }
  }

  const save = () => record && values && run(() => updateUnit(record.id, record.version, editOf(record, values)), `已保存（版本 ${record.version + 1}）`)
  /** Continue over the other person's version: their record becomes the base, the user's values stay. */
  const mergeOver = (taken: Partial<FormValues>) => {
    if (!conflict) return
    setRecord(conflict.current)
    setValues({ ...conflict.mine, ...taken })
    setConflict(null)
    setMessage({ text: `已按版本 ${conflict.current.version} 合并，请检查后再保存`, error: false })
  }

  if (!mayEdit) {
    return (
      <aside className="unit-form" aria-label="单位">
        <p>编辑单位需要以编辑或管理员身份 <a href={`/login?next=/units`}>登录</a>。</p>
        <button onClick={onClose}>关闭</button>
      </aside>
    )
  }
  return (
    <aside className="unit-form" aria-label="编辑单位" data-testid="unit-form">
      <h2>
        单位 #{id} {record ? <small>版本 {record.version} · {record.status}</small> : null}
        <button className="link-button" onClick={onClose} aria-label="关闭">✕</button>
      </h2>
      {message && <p className={message.error ? 'notice-inline unit-form-error' : 'unit-form-ok'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
      {conflict && <ConflictView conflict={conflict} onMerge={mergeOver} />}
      {record && values && !conflict && (
        <form onSubmit={(e) => { e.preventDefault(); void save() }}>
          <UnitFieldInputs
            fields={EDIT_FIELDS}
            values={values}
            categories={categories}
            saved={savedPointOf(record)}
            frame={frameCodeOf(record.areaCode)}
            focus={savedPointOf(record) ? null : record.areaCode}
            onChange={(change) => setValues((v) => v && { ...v, ...change })}
          />
          <div className="unit-form-actions">
            <button type="submit" disabled={busy}>保存</button>
          </div>
        </form>
      )}
      {record && actor && !conflict && (
        <WorkflowPanel record={record} actor={actor} busy={busy} onStep={(transition, label) => void run(() => transitionUnit(record.id, record.version, transition), `已办理${label}：${record.status} → ${transition.to}`)} />
      )}
      {record && <UnitHistoryList id={id} version={record.version} />}
      <InspectionsPanel unitId={id} />
    </aside>
  )
}

export interface UnitFieldInputsProps {
  fields: readonly EditField[]
  values: FormValues
  categories: readonly string[]
  saved: LonLat | null // the point as stored
  frame: string | null // the area the location map shows
  focus: string | null // an area within it the map frames (the unit's own, while it has no point)
  onChange(change: Partial<FormValues>): void
}

/** The form's fields in order, with the location map after the coordinates. */
export function UnitFieldInputs({ fields, values, categories, saved, frame, focus, onChange }: UnitFieldInputsProps) {
  return fields.map((field) => (
    <Fragment key={field}>
      <label>
        <span className="control-label">{LABELS[field]}</span>
        <FieldInput field={field} value={values[field]} categories={categories} onChange={(v) => onChange({ [field]: v })} />
      </label>
      {field === 'lat' && <UnitLocation lon={values.lon} lat={values.lat} saved={saved} frame={frame} focus={focus} onPick={(lon, lat) => onChange({ lon, lat })} />}
    </Fragment>
  ))
}

function savedPointOf(unit: UnitRecord): LonLat | null {
  return unit.lon === null || unit.lat === null ? null : [unit.lon, unit.lat]
}

function FieldInput({ field, value, categories, onChange }: { field: EditField; value: string; categories: readonly string[]; onChange(v: string): void }) {
  if (field === 'category') {
    return (
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {!categories.includes(value) && <option value={value}>{value || '（请选择类别）'}</option>}
        {categories.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
    )
  }
  if (field === 'level') {
    return (
      <select value={value} onChange={(e) => onChange(e.target.value as HonourLevel | '')}>
        <option value="">（未命名）</option>
        {HONOUR_LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
      </select>
    )
  }
  if (field === 'notes') return <textarea value={value} rows={3} onChange={(e) => onChange(e.target.value)} />
  return <input value={value} inputMode={field === 'lon' || field === 'lat' || field === 'yearNamed' ? 'decimal' : undefined} onChange={(e) => onChange(e.target.value)} />
}

function ConflictView({ conflict, onMerge }: { conflict: Conflict; onMerge(taken: Partial<FormValues>): void }) {
  const theirs = formValuesOf(conflict.current)
  const fields = conflictingFields(conflict.mine, theirs)
  // A field only they changed keeps their value; one the user changed keeps the user's, until chosen otherwise.
  const [taken, setTaken] = useState<Partial<FormValues>>(() =>
    Object.fromEntries(fields.filter((f) => conflict.mine[f] === conflict.base[f]).map((f) => [f, theirs[f]])),
  )
  return (
    <section className="unit-conflict" data-testid="unit-conflict">
      <h3>他人已修改此单位（当前版本 {conflict.current.version}）</h3>
      <p>以下字段两边不同：选择保留哪一边，然后在当前版本上继续编辑。</p>
      <table>
        <thead>
          <tr><th>字段</th><th>我的修改</th><th>当前已保存</th></tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field}>
              <th>{LABELS[field]}</th>
              <td><label><input type="radio" name={field} checked={taken[field] === undefined} onChange={() => setTaken(({ [field]: _, ...rest }) => rest)} /> {conflict.mine[field] || '（空）'}</label></td>
              <td><label><input type="radio" name={field} checked={taken[field] !== undefined} onChange={() => setTaken({ ...taken, [field]: theirs[field] })} /> {theirs[field] || '（空）'}</label></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button onClick={() => onMerge(taken)}>按所选合并，继续编辑</button>
    </section>
  )
}
