// A new unit, placed by a click on the map ("在地图上添加单位"): its name, category and the other fields a
// writer fills in, status 培育 (its naming comes later, through the workflow). The area the point falls in is
// shown before saving; the server finds it again (or checks a typed area code against it) and refuses, naming
// the value, what is wrong or outside the writer's scope. Saved, the page opens the created unit.
import { useState } from 'react'
import { createUnit } from '../api/client'
import { UnitFieldInputs } from './UnitForm'
import { blankFormValues, type FormValues, NEW_FIELDS, newUnitOf } from './unit-form-values'
import { frameCodeOf } from './unit-location'

export interface NewUnitFormProps {
  scope: string | null // the writer's area: the map shows it (its county); null: the store's first prefecture
  categories: readonly string[]
  onCreated(id: number, message: string): void
  onClose(): void
}

export function NewUnitForm({ scope, categories, onCreated, onClose }: NewUnitFormProps) {
  const [values, setValues] = useState<FormValues>(blankFormValues)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function save() {
    setBusy(true)
    setError(null)
    try {
      const { unit, warnings } = await createUnit(newUnitOf(values))
      onCreated(unit.id, [`已新增单位 #${unit.id}“${unit.name}”（培育）`, ...warnings].join('；'))
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setBusy(false)
    }
  }

  return (
    <aside className="unit-form" aria-label="新增单位" data-testid="unit-new-form">
      <h2>
        新增单位 <small>状态 培育</small>
        <button className="link-button" onClick={onClose} aria-label="关闭">✕</button>
      </h2>
      <p className="unit-new-status">在地图上点击放置单位，可拖动标记调整位置；所在区域按位置确定。</p>
      <form onSubmit={(e) => { e.preventDefault(); void save() }}>
        <UnitFieldInputs
          fields={NEW_FIELDS}
          values={values}
          categories={categories}
          saved={null}
          frame={frameCodeOf(scope)}
          focus={null}
          onChange={(change) => setValues((v) => ({ ...v, ...change }))}
        />
        {error && <p className="notice-inline unit-form-error" role="alert">{error}</p>}
        <div className="unit-form-actions">
          <button type="submit" disabled={busy}>保存</button>
        </div>
      </form>
    </aside>
  )
}
