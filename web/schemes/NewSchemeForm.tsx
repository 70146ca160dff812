// The form for a new scheme: its id (the slug in URLs and imports), name, categories in order, visits a year, note.
import { useState, type FormEvent } from 'react'
import { MAX_VISITS_PER_YEAR } from '../../server/shared/domain'
import { createScheme } from '../api/client'
import { EMPTY_NEW_SCHEME, newSchemeOf, type NewSchemeValues } from './scheme-form-values'
import type { Write } from './write'
import { FormActions } from './FormActions'

export function NewSchemeForm({ busy, write, onClose }: { busy: boolean; write: Write; onClose: () => void }) {
  const [values, setValues] = useState<NewSchemeValues>(EMPTY_NEW_SCHEME)
  const set = (field: keyof NewSchemeValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }))

  async function submit(e: FormEvent) {
    e.preventDefault()
    const saved = await write(async () => {
      const scheme = await createScheme(newSchemeOf(values))
      return `已新增方案“${scheme.name}”（${scheme.id}）：${scheme.categories.length} 个类别`
    })
    if (saved) onClose()
  }

  return (
    <form className="scheme-card scheme-new" onSubmit={submit} aria-label="新增方案">
      <h2>新增方案</h2>
      <div className="scheme-fields">
        <label>
          <span>方案代码</span>
          <input value={values.id} onChange={set('id')} placeholder="如 wujin（小写字母、数字、-）" required pattern="[a-z0-9-]{1,40}" />
        </label>
        <label>
          <span>名称</span>
          <input value={values.name} onChange={set('name')} placeholder="如 五进" required maxLength={40} />
        </label>
        <label>
          <span>每年督导次数</span>
          <input type="number" min={0} max={MAX_VISITS_PER_YEAR} step={1} value={values.visitsPerYear} onChange={set('visitsPerYear')} required />
        </label>
        <label className="scheme-wide">
          <span>类别（按顺序，用、或逗号分隔）</span>
          <input value={values.categories} onChange={set('categories')} placeholder="如 机关、企业、社区、学校、医院" required />
        </label>
        <label className="scheme-wide">
          <span>说明</span>
          <textarea value={values.note} onChange={set('note')} rows={2} maxLength={500} placeholder="如 依据的实施方案文件" />
        </label>
      </div>
      <FormActions className="scheme-form-actions" submit="保存方案" busy={busy} onCancel={onClose} />
    </form>
  )
}
