// One category of a scheme: its place, its name and its synonyms as chips; for admins, move up or down, rename
// (every unit and target of it follows; the old name stays a synonym), edit the synonyms, remove.
import { useState, type FormEvent, type KeyboardEvent } from 'react'
import { changeCategory, removeCategory, type SchemeItem } from '../api/client'
import { renameSummary, wordsOf } from './scheme-form-values'
import type { Write } from './write'
import { FormActions } from './FormActions'

export interface CategoryRowProps {
  scheme: SchemeItem
  category: string
  position: number // 0-based
  synonyms: readonly string[]
  mayEdit: boolean
  busy: boolean
  write: Write
  nameOf: (schemeId: string) => string
  onMove: (by: -1 | 1) => void
}

type Mode = 'read' | 'rename' | 'synonyms'

export function CategoryRow({ scheme, category, position, synonyms, mayEdit, busy, write, nameOf, onMove }: CategoryRowProps) {
  const [mode, setMode] = useState<Mode>('read')
  const last = position === scheme.categories.length - 1

  async function remove() {
    if (!window.confirm(`从方案“${scheme.name}”中删除类别“${category}”？仍有单位或目标使用它时，服务器会拒绝。`)) return
    await write(async () => {
      await removeCategory(scheme.id, category)
      return `已从“${scheme.name}”中删除类别“${category}”`
    })
  }

  return (
    <li className={`scheme-category ${mode !== 'read' ? 'is-editing' : ''}`} data-testid={`category-${scheme.id}-${category}`}>
      <span className="scheme-position">{position + 1}</span>
      {mode === 'rename' ? (
        <RenameForm scheme={scheme} category={category} busy={busy} write={write} nameOf={nameOf} onClose={() => setMode('read')} />
      ) : (
        <span className="scheme-category-name">{category}</span>
      )}
      {mode === 'synonyms' ? (
        <SynonymsForm scheme={scheme} category={category} synonyms={synonyms} busy={busy} write={write} onClose={() => setMode('read')} />
      ) : (
        mode === 'read' && (
          <span className="scheme-chips" aria-label={`${category} 的同义词`}>
            {synonyms.length === 0 ? <span className="schemes-muted">—</span> : synonyms.map((s) => <span key={s} className="scheme-chip">{s}</span>)}
          </span>
        )
      )}
      {mayEdit && mode === 'read' && (
        <span className="scheme-category-actions">
          <button type="button" title="上移" aria-label={`上移 ${category}`} disabled={busy || position === 0} onClick={() => onMove(-1)}>
            ↑
          </button>
          <button type="button" title="下移" aria-label={`下移 ${category}`} disabled={busy || last} onClick={() => onMove(1)}>
            ↓
          </button>
          <button type="button" disabled={busy} onClick={() => setMode('rename')}>
            改名
          </button>
          <button type="button" disabled={busy} onClick={() => setMode('synonyms')}>
            同义词
          </button>
          <button type="button" className="button-danger" disabled={busy} onClick={remove}>
            删除
          </button>
        </span>
      )}
    </li>
  )
}

function RenameForm({ scheme, category, busy, write, nameOf, onClose }: { scheme: SchemeItem; category: string; busy: boolean; write: Write; nameOf: (id: string) => string; onClose: () => void }) {
  const [name, setName] = useState(category)

  async function submit(e: FormEvent) {
    e.preventDefault()
    const to = name.trim()
    if (to === category) return onClose()
    if (!window.confirm(`将“${category}”改名为“${to}”？所有类别为“${category}”的单位和目标都会随之改名（记入各单位的修改记录），“${category}”保留为同义词，旧台账仍可导入。`)) return
    const saved = await write(async () => {
      const { renamed } = await changeCategory(scheme.id, category, { name: to })
      return renamed ? renameSummary(renamed, nameOf) : `“${category}”未改名`
    })
    if (saved) onClose()
  }

  return (
    <form className="scheme-inline-form" onSubmit={submit} aria-label={`将 ${category} 改名`}>
      <input aria-label="新名称" value={name} onChange={(e) => setName(e.target.value)} required maxLength={40} autoFocus />
      <FormActions className="scheme-inline-actions" submit="改名" busy={busy} onCancel={onClose} />
    </form>
  )
}

function SynonymsForm({ scheme, category, synonyms, busy, write, onClose }: { scheme: SchemeItem; category: string; synonyms: readonly string[]; busy: boolean; write: Write; onClose: () => void }) {
  const [words, setWords] = useState<readonly string[]>(synonyms)
  const [typed, setTyped] = useState('')
  const withTyped = () => [...new Set([...words, ...wordsOf(typed)])]

  function addTyped() {
    setWords(withTyped())
    setTyped('')
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter' || typed.trim() === '') return
    e.preventDefault() // Enter adds the chip; saving is the button
    addTyped()
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    const next = withTyped()
    const saved = await write(async () => {
      await changeCategory(scheme.id, category, { synonyms: next })
      return `已保存“${category}”的同义词：${next.length > 0 ? next.join('、') : '无'}`
    })
    if (saved) onClose()
  }

  return (
    <form className="scheme-inline-form scheme-synonyms-form" onSubmit={submit} aria-label={`${category} 的同义词`}>
      <span className="scheme-chips">
        {words.map((word) => (
          <span key={word} className="scheme-chip">
            {word}
            <button type="button" className="scheme-chip-remove" aria-label={`去掉 ${word}`} onClick={() => setWords(words.filter((w) => w !== word))}>
              ×
            </button>
          </span>
        ))}
      </span>
      <input aria-label="新同义词" value={typed} onChange={(e) => setTyped(e.target.value)} onKeyDown={onKeyDown} placeholder="输入后回车添加" maxLength={200} autoFocus />
      <FormActions className="scheme-inline-actions" submit="保存" busy={busy} onCancel={onClose} />
    </form>
  )
}
