// One target being added or edited, in place in the table: a row of inputs, 保存 and 取消, and the server's
// message right under it when a save is refused (a bad value, or an area outside the user's scope).
import { useState } from 'react'
import { HONOUR_LEVELS } from '../../server/shared/domain'
import type { Scheme } from '../api/responses'
import type { AreaOption } from '../panels/AreaPicker'
import { categoriesFor, type TargetFormValues } from './target-form-values'
import { Options } from '../panels/Options'

export interface TargetEditorProps {
  initial: TargetFormValues
  areas: readonly AreaOption[] // the areas a target may be set for here
  schemes: readonly Scheme[]
  columns: number // of the table, for the message row
  save(values: TargetFormValues): Promise<void> // rejects with the server's message
  onCancel(): void
}

const INDENT: Record<AreaOption['level'], string> = { country: '', province: '', prefecture: '', county: '　', township: '　　', village: '　　　' }

export function TargetEditor({ initial, areas, schemes, columns, save, onCancel }: TargetEditorProps) {
  const [values, setValues] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (field: keyof TargetFormValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }))
  const categories = categoriesFor(schemes, values.schemeId)
  const areaChoices = areas.some((a) => a.code === values.areaCode) || values.areaCode === '' ? areas : [{ code: values.areaCode, name: values.areaCode, level: 'county' as const }, ...areas]

  async function submit() {
    setBusy(true)
    setError(null)
    try {
      await save(values)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setBusy(false)
    }
  }

  return (
    <>
      <tr className="targets-editing" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
        <td>
          <select aria-label="区域" value={values.areaCode} onChange={set('areaCode')}>
            {values.areaCode === '' && <option value="">选择区域…</option>}
            {areaChoices.map((a) => (
              <option key={a.code} value={a.code}>
                {INDENT[a.level]}
                {a.name}
              </option>
            ))}
          </select>
        </td>
        <td>
          <select aria-label="方案" value={values.schemeId} onChange={set('schemeId')}>
            <option value="">全部方案</option>
            <Options choices={schemes.map((s) => ({ value: s.id, label: s.name }))} />
          </select>
        </td>
        <td>
          <select aria-label="类别" value={values.category} onChange={set('category')}>
            <option value="">全部类别</option>
            {!categories.includes(values.category) && values.category !== '' && <option value={values.category}>{values.category}（不在此方案中）</option>}
            <Options choices={categories} />
          </select>
        </td>
        <td>
          <select aria-label="最低级别" value={values.minLevel} onChange={set('minLevel')}>
            <option value="">任意级别</option>
            <Options choices={HONOUR_LEVELS.map((l) => ({ value: l, label: `${l}及以上` }))} />
          </select>
        </td>
        <td>
          <input aria-label="目标数" type="number" min={0} step={1} inputMode="numeric" value={values.count} onChange={set('count')} />
        </td>
        <td>
          <input aria-label="完成年限" type="number" min={2000} max={2100} step={1} inputMode="numeric" value={values.dueYear} onChange={set('dueYear')} />
        </td>
        <td>
          <input aria-label="备注" maxLength={500} value={values.note} onChange={set('note')} />
        </td>
        <td className="targets-muted">保存后计算</td>
        <td className="targets-actions">
          <button type="button" className="button-primary" disabled={busy} onClick={submit}>
            {busy ? '正在保存…' : '保存'}
          </button>
          <button type="button" disabled={busy} onClick={onCancel}>
            取消
          </button>
        </td>
      </tr>
      {error && (
        <tr className="targets-error-row">
          <td colSpan={columns}>
            <p className="targets-error" role="alert">
              {error}
            </p>
          </td>
        </tr>
      )}
    </>
  )
}
