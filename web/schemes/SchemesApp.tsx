// /schemes: the creation schemes (创建方案) with their categories in order and each category's synonyms (the
// words ledgers write for it, which imports map to it). Admins add a scheme, edit its name, note and 督导 visits
// a year, and add, rename, reorder and remove categories and their synonyms; everyone else reads. The server
// checks every write and its message shows in the banner.
import { useState } from 'react'
import { fetchCurrentUser, fetchSchemes } from '../api/client'
import { useAsyncValue } from '../api/use-async-value'
import { LedgerHeader } from '../panels/LedgerHeader'
import { NewSchemeForm } from './NewSchemeForm'
import { SchemeCard } from './SchemeCard'
import type { Write } from './write'
import './schemes.css'
import { PageMessages } from '../panels/PageMessages'

export function SchemesApp() {
  const user = useAsyncValue(fetchCurrentUser, []).value
  const [version, setVersion] = useState(0) // bumped after a write, to reload the schemes
  const listed = useAsyncValue(fetchSchemes, [version])
  const schemes = listed.value?.schemes ?? []
  const [adding, setAdding] = useState(false)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const mayEdit = user?.role === 'admin'

  /** Runs one write; its answer's text (or the server's message) shows in the banner. True when it was saved. */
  const write: Write = async (work) => {
    setBusy(true)
    setMessage(null)
    try {
      const text = await work()
      setMessage({ text, error: false })
      setVersion((v) => v + 1)
      return true
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), error: true })
      return false
    } finally {
      setBusy(false)
    }
  }
  const nameOf = (id: string) => schemes.find((s) => s.id === id)?.name ?? id

  return (
    <div className="ledger-page schemes-page">
      <LedgerHeader title="创建方案" here="/schemes" user={user} />

      <div className="schemes-toolbar">
        <span className="schemes-total">
          {listed.value ? `共 ${schemes.length} 个方案 · 类别按顺序排列，同义词是台账里的其他写法，导入时归入该类别` : '正在加载…'}
        </span>
        {mayEdit ? (
          <button type="button" className="button-primary schemes-add" disabled={adding || busy} onClick={() => { setMessage(null); setAdding(true) }}>
            新增方案
          </button>
        ) : (
          user && <span className="schemes-muted schemes-add">仅管理员可编辑方案</span>
        )}
      </div>

      <PageMessages loadError={listed.error} message={message} />

      <main className="schemes-main">
        {adding && <NewSchemeForm busy={busy} write={write} onClose={() => setAdding(false)} />}
        <div className="schemes-grid">
          {schemes.map((scheme) => (
            <SchemeCard key={scheme.id} scheme={scheme} mayEdit={mayEdit} busy={busy} write={write} nameOf={nameOf} />
          ))}
        </div>
      </main>
    </div>
  )
}
