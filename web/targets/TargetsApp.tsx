// /targets: the creation targets (创建目标) of an area and of every area within it, each with its progress as
// the dashboard and the screen show it (GET /api/targets). Signed-in editors and admins add, edit in place and
// delete them; the server checks the values and the user's area scope and its message shows by the form.
import { writesData } from '../../server/shared/roles'
import { useCallback, useMemo, useState } from 'react'
import { ancestorCodesOf } from '../../server/shared/area-codes'
import { createTarget, deleteTarget, fetchCurrentUser, fetchSchemes, fetchTargets, updateTarget, type TargetItem } from '../api/client'
import { useAsyncValue } from '../api/use-async-value'
import { LedgerHeader } from '../panels/LedgerHeader'
import { PageMessages } from '../panels/PageMessages'
import { Options } from '../panels/Options'
import { SampleNotice } from '../panels/SampleNotice'
import { AreaPicker, type AreaOption } from '../panels/AreaPicker'
import { TargetEditor } from './TargetEditor'
import { changeOf, emptyFormValues, formValuesOf, newTargetOf, type TargetFormValues } from './target-form-values'
import './targets.css'

// Fixed widths (px; the note takes the rest), so a row opening for editing does not shift the columns.
const COLUMNS: readonly { heading: string; width?: number }[] = [
  { heading: '区域', width: 160 },
  { heading: '方案', width: 120 },
  { heading: '类别', width: 150 },
  { heading: '最低级别', width: 120 },
  { heading: '目标数', width: 90 },
  { heading: '完成年限', width: 100 },
  { heading: '备注' },
  { heading: '进度', width: 240 },
  { heading: '', width: 140 },
]

/** The area path a link names (?area=530626), from the top down; empty: every area. */
function pathOfLocation(): string[] {
  const area = new URLSearchParams(window.location.search).get('area')
  return area && /^\d{6}(\d{3}){0,2}$/.test(area) ? ancestorCodesOf(area).reverse() : []
}

function progressText(target: TargetItem): string {
  return `${target.progress.achieved}/${target.progress.count}`
}

export function TargetsApp() {
  const user = useAsyncValue(fetchCurrentUser, []).value
  const schemes = useAsyncValue(fetchSchemes, []).value?.schemes ?? []
  const [path, setPath] = useState<string[]>(pathOfLocation)
  const [scheme, setScheme] = useState('')
  const [version, setVersion] = useState(0) // bumped after a write, to reload the list
  const [editing, setEditing] = useState<number | 'new' | null>(null)
  const [areas, setAreas] = useState<AreaOption[]>([])
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const area = path.at(-1)
  const mayEdit = user !== null && user !== undefined && writesData(user.role)

  const listed = useAsyncValue(() => fetchTargets({ ...(area ? { area } : {}), ...(scheme ? { scheme } : {}) }), [area, scheme, version])
  const answer = listed.value
  const targets = answer?.targets ?? []
  const schemeName = useMemo(() => new Map(schemes.map((s) => [s.id, s.name])), [schemes])

  const choose = useCallback((next: string[]) => {
    setPath(next)
    setEditing(null)
    const url = new URL(window.location.href)
    if (next.length > 0) url.searchParams.set('area', next[next.length - 1])
    else url.searchParams.delete('area')
    window.history.replaceState(null, '', url)
  }, [])

  const saved = (text: string) => {
    setEditing(null)
    setMessage({ text, error: false })
    setVersion((v) => v + 1)
  }

  async function create(values: TargetFormValues) {
    const target = await createTarget(newTargetOf(values))
    saved(`已新增目标：${target.areaName} ${target.category ?? '全部类别'} ${target.count} 个`)
  }

  async function update(target: TargetItem, values: TargetFormValues) {
    const change = changeOf(target, values)
    if (Object.keys(change).length === 0) return setEditing(null)
    await updateTarget(target.id, change)
    saved(`已保存目标 #${target.id}`)
  }

  async function remove(target: TargetItem) {
    const what = `${target.areaName}“${target.note || `${target.category ?? '全部类别'} ${target.count} 个`}”`
    if (!window.confirm(`删除目标 ${what}？此操作会记入审计日志。`)) return
    try {
      await deleteTarget(target.id)
      saved(`已删除目标 #${target.id}`)
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), error: true })
    }
  }

  const thisYear = answer?.year ?? new Date().getFullYear()
  const editorProps = { areas, schemes, columns: COLUMNS.length, onCancel: () => setEditing(null) }

  return (
    <div className="ledger-page targets-page">
      <LedgerHeader title="创建目标" here="/targets" user={user} />

      <div className="targets-filters" role="search">
        <AreaPicker path={path} onChange={choose} onAreas={setAreas} />
        <select aria-label="方案" value={scheme} onChange={(e) => setScheme(e.target.value)}>
          <option value="">全部方案</option>
          <Options choices={schemes.map((s) => ({ value: s.id, label: s.name }))} />
        </select>
        <span className="targets-total" data-testid="targets-total">
          {answer ? `共 ${targets.length} 个目标 · 进度按 ${answer.year} 年底的命名单位计算` : '正在加载…'}
        </span>
        {mayEdit && (
          <button type="button" className="button-primary targets-add" disabled={editing !== null} onClick={() => { setMessage(null); setEditing('new') }}>
            新增目标
          </button>
        )}
      </div>

      {answer?.sample && (
        <div className="targets-sample">
          <SampleNotice sample schematic={false} />
        </div>
      )}
      <PageMessages loadError={listed.error} message={message} />

      <div className="targets-main">
        <table className="targets-table">
          <colgroup>
            {COLUMNS.map((c, i) => (
              <col key={i} style={c.width === undefined ? undefined : { width: c.width }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {COLUMNS.map((c, i) => (
                <th key={i} scope="col">
                  {c.heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {editing === 'new' && <TargetEditor key="new" initial={emptyFormValues(area ?? '', thisYear)} save={create} {...editorProps} />}
            {targets.map((t) =>
              editing === t.id ? (
                <TargetEditor key={t.id} initial={formValuesOf(t)} save={(values) => update(t, values)} {...editorProps} />
              ) : (
                <tr key={t.id} className={t.progress.behind ? 'is-behind' : undefined} data-testid={`target-${t.id}`}>
                  <td>
                    {t.areaName}
                    <small className="targets-code">{t.areaCode}</small>
                  </td>
                  <td>{t.schemeId === null ? <span className="targets-muted">全部方案</span> : (schemeName.get(t.schemeId) ?? t.schemeId)}</td>
                  <td>{t.category ?? <span className="targets-muted">全部类别</span>}</td>
                  <td>{t.minLevel === null ? <span className="targets-muted">任意级别</span> : `${t.minLevel}及以上`}</td>
                  <td className="targets-num">{t.count}</td>
                  <td className="targets-num">{t.dueYear}</td>
                  <td className="targets-note" title={t.note}>
                    {t.note || <span className="targets-muted">—</span>}
                  </td>
                  <td className="targets-progress">
                    <span className="targets-bar" aria-hidden="true">
                      <span className={`targets-bar-fill ${t.progress.met ? 'is-met' : t.progress.behind ? 'is-behind' : ''}`} style={{ width: `${Math.round(t.progress.progress * 100)}%` }} />
                    </span>
                    <span className="targets-num">{progressText(t)}</span>
                    {t.progress.behind && <span className="targets-badge is-behind" title={`${t.dueYear} 年到期，尚未完成`}>滞后</span>}
                    {t.progress.met && <span className="targets-badge is-met">已完成</span>}
                  </td>
                  <td className="targets-actions">
                    {mayEdit && (
                      <>
                        <button type="button" disabled={editing !== null} onClick={() => { setMessage(null); setEditing(t.id) }}>
                          编辑
                        </button>
                        <button type="button" className="button-danger" disabled={editing !== null} onClick={() => remove(t)}>
                          删除
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ),
            )}
            {answer && targets.length === 0 && editing !== 'new' && (
              <tr>
                <td colSpan={COLUMNS.length} className="targets-empty">
                  该区域还没有创建目标{mayEdit ? '，点“新增目标”添加。' : '。'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  )
}
