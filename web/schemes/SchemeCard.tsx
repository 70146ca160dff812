// One scheme: its name, code, note and 督导 visits a year, its categories in order with their synonyms as chips;
// for admins, the forms that change them. Each write goes through `write`, which shows the outcome.
import { useState, type FormEvent } from 'react'
import { MAX_VISITS_PER_YEAR } from '../../server/shared/domain'
import { addCategory, updateScheme, type SchemeItem } from '../api/client'
import { CategoryRow } from './CategoryRow'
import { movedCategory, wordsOf } from './scheme-form-values'
import type { Write } from './write'
import { FormActions } from './FormActions'
import { checklistOf, DEFAULT_CHECKLIST_ITEMS } from '../../server/shared/domain'

export interface SchemeCardProps {
  scheme: SchemeItem
  mayEdit: boolean
  busy: boolean // a write is under way: buttons wait
  write: Write
  nameOf: (schemeId: string) => string
}

export function SchemeCard({ scheme, mayEdit, busy, write, nameOf }: SchemeCardProps) {
  const [editing, setEditing] = useState(false)
  const synonyms = scheme.synonyms ?? {}

  const move = (index: number, by: -1 | 1) =>
    write(async () => {
      const categories = [...movedCategory(scheme.categories, index, by)]
      await updateScheme(scheme.id, { categories })
      return `已调整“${scheme.name}”的类别顺序：${categories.join('、')}`
    })

  return (
    <section className="scheme-card" aria-labelledby={`scheme-${scheme.id}`} data-testid={`scheme-${scheme.id}`}>
      {editing ? (
        <SchemeFieldsForm scheme={scheme} busy={busy} write={write} onClose={() => setEditing(false)} />
      ) : (
        <header className="scheme-head">
          <h2 id={`scheme-${scheme.id}`}>
            {scheme.name}
            <code className="scheme-code">{scheme.id}</code>
            {scheme.isDefault && <span className="scheme-badge">默认</span>}
          </h2>
          {mayEdit && (
            <button type="button" className="scheme-edit" disabled={busy} onClick={() => setEditing(true)}>
              编辑
            </button>
          )}
          {scheme.note && <p className="scheme-note">{scheme.note}</p>}
          <p className="scheme-meta">
            {scheme.categories.length} 个类别 · 每年督导 {scheme.visitsPerYear} 次
          </p>
          <p className="scheme-meta">督导检查项目：{checklistOf(scheme).join('、')}{scheme.checklist?.length ? '' : '（默认）'}</p>
        </header>
      )}

      <ol className="scheme-categories">
        {scheme.categories.map((category, i) => (
          <CategoryRow
            key={category}
            scheme={scheme}
            category={category}
            position={i}
            synonyms={synonyms[category] ?? []}
            mayEdit={mayEdit}
            busy={busy}
            write={write}
            nameOf={nameOf}
            onMove={(by) => move(i, by)}
          />
        ))}
      </ol>

      {mayEdit && <NewCategoryForm scheme={scheme} busy={busy} write={write} />}
    </section>
  )
}

function SchemeFieldsForm({ scheme, busy, write, onClose }: { scheme: SchemeItem; busy: boolean; write: Write; onClose: () => void }) {
  const [name, setName] = useState(scheme.name)
  const [note, setNote] = useState(scheme.note)
  const [visits, setVisits] = useState(String(scheme.visitsPerYear))
  const [criteria, setCriteria] = useState((scheme.checklist ?? []).join('、'))

  async function submit(e: FormEvent) {
    e.preventDefault()
    const change = {
      ...(name.trim() !== scheme.name ? { name: name.trim() } : {}),
      ...(note.trim() !== scheme.note ? { note: note.trim() } : {}),
      ...(Number(visits) !== scheme.visitsPerYear ? { visitsPerYear: Number(visits) } : {}),
      ...(wordsOf(criteria).join('、') !== (scheme.checklist ?? []).join('、') ? { checklist: wordsOf(criteria) } : {}),
    }
    if (Object.keys(change).length === 0) return onClose()
    const saved = await write(async () => {
      const updated = await updateScheme(scheme.id, change)
      return `已保存方案“${updated.name}”`
    })
    if (saved) onClose()
  }

  return (
    <form className="scheme-head scheme-head-form" onSubmit={submit} aria-label={`编辑方案 ${scheme.name}`}>
      <h2>
        编辑方案<code className="scheme-code">{scheme.id}</code>
      </h2>
      <div className="scheme-fields">
        <label>
          <span>名称</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={40} />
        </label>
        <label>
          <span>每年督导次数</span>
          <input type="number" min={0} max={MAX_VISITS_PER_YEAR} step={1} value={visits} onChange={(e) => setVisits(e.target.value)} required />
        </label>
        <label className="scheme-wide">
          <span>督导检查项目（用、分隔；留空用默认：{DEFAULT_CHECKLIST_ITEMS.join('、')}）</span>
          <input value={criteria} onChange={(e) => setCriteria(e.target.value)} />
        </label>
        <label className="scheme-wide">
          <span>说明</span>
          <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={500} />
        </label>
      </div>
      <FormActions className="scheme-form-actions" submit="保存" busy={busy} onCancel={onClose} />
    </form>
  )
}

function NewCategoryForm({ scheme, busy, write }: { scheme: SchemeItem; busy: boolean; write: Write }) {
  const [name, setName] = useState('')
  const [synonyms, setSynonyms] = useState('')

  async function submit(e: FormEvent) {
    e.preventDefault()
    const saved = await write(async () => {
      await addCategory(scheme.id, { name: name.trim(), synonyms: wordsOf(synonyms) })
      return `已在“${scheme.name}”中新增类别“${name.trim()}”`
    })
    if (saved) {
      setName('')
      setSynonyms('')
    }
  }

  return (
    <form className="scheme-add-category" onSubmit={submit} aria-label={`为 ${scheme.name} 新增类别`}>
      <input aria-label="新类别名称" value={name} onChange={(e) => setName(e.target.value)} placeholder="新类别，如 医院" required maxLength={40} />
      <input aria-label="新类别的同义词" value={synonyms} onChange={(e) => setSynonyms(e.target.value)} placeholder="同义词（可选，用、分隔）" />
      <button type="submit" disabled={busy}>
        添加类别
      </button>
    </form>
  )
}
