// /data: the import wizard. Choose a file → dry-run report (totals, rows by status, header mapping with a
// dropdown per column, options) → re-check with a changed mapping → commit (signed-in editors and admins)
// → committed imports with rollback (admins). Unit ledgers, boundaries and area attributes. Every check and
// commit streams its progress (rows read, checked, written), shown under the button while it runs.
import { writesData } from '../../server/shared/roles'
import { useMemo, useState, type ChangeEvent } from 'react'
import type { ImportProgress } from '../../server/shared/import-progress'
import {
  fetchCurrentUser,
  fetchImportBatches,
  importAreasWithProgress,
  importUnitsWithProgress,
  rollbackImport,
  type AreaImportResult,
  type UnitImportResult,
} from '../api/client'
import { useAsyncValue } from '../api/use-async-value'
import { choicesOfColumns, headerSignature, mappingOfChoices, savedMapping, saveMapping, type ColumnChoices, type ColumnMappingChoice } from './mapping-memory'
import { ImportHistory } from './ImportHistory'
import { ImportProgressBar } from './ImportProgressBar'
import { countByStatus, filterRows, reportRows, type RowFilter } from './report-rows'
import { ColumnMappingTable, SiblingSummary, SourceLine, type Outcome } from './report-parts'
import './data-import.css'

type Kind = 'units' | 'boundaries' | 'attributes'

const KIND_LABELS: Record<Kind, string> = { units: '单位台账（CSV/XLSX/GeoJSON）', boundaries: '行政区边界（Shapefile zip/GeoJSON/TopoJSON）', attributes: '区划属性（人口、少数民族占比 CSV/XLSX）' }
const FILTER_LABELS: Record<RowFilter, string> = { all: '全部', accepted: '通过', warning: '警告', rejected: '拒绝', ignored: '忽略' }
const STATUS_LABELS: Record<Exclude<RowFilter, 'all'>, string> = { accepted: '通过', warning: '警告', rejected: '拒绝', ignored: '忽略' }
const CRS_CHOICES = ['', 'wgs84', 'gcj02', 'bd09', 'EPSG:4490', 'EPSG:4523', 'EPSG:4544']
const ROWS_SHOWN = 300

export function DataImportApp() {
  const user = useAsyncValue(fetchCurrentUser, []).value
  const [kind, setKind] = useState<Kind>('units')
  const [file, setFile] = useState<File | null>(null)
  const [encoding, setEncoding] = useState<'auto' | 'utf8' | 'gb18030'>('auto')
  const [crs, setCrs] = useState('')
  const [sheet, setSheet] = useState('')
  const [duplicates, setDuplicates] = useState<'reject' | 'merge' | 'keep'>('reject')
  const [level, setLevel] = useState<'province' | 'prefecture' | 'county' | 'township' | 'village'>('township')
  const [codeField, setCodeField] = useState('')
  const [nameField, setNameField] = useState('')
  const [gcj02, setGcj02] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [choices, setChoices] = useState<ColumnChoices>({})
  const [mapping, setMapping] = useState<ColumnMappingChoice | undefined>(undefined)
  const [mappingDirty, setMappingDirty] = useState(false)
  const [filter, setFilter] = useState<RowFilter>('all')
  const [showAll, setShowAll] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<ImportProgress | null>(null)
  const [batchesVersion, setBatchesVersion] = useState(0)
  const isAdmin = user?.role === 'admin'
  const mayCommit = user !== null && user !== undefined && writesData(user.role)
  const batches = useAsyncValue(isAdmin ? fetchImportBatches : null, [isAdmin, batchesVersion])

  async function runUnits(dryRun: boolean, explicit: ColumnMappingChoice | undefined): Promise<UnitImportResult> {
    if (!file) throw new Error('请先选择文件')
    return importUnitsWithProgress(
      file,
      {
        encoding,
        duplicates,
        dryRun: String(dryRun) as 'true' | 'false',
        ...(crs ? { crs } : {}),
        ...(sheet ? { sheet } : {}),
        ...(explicit ? { mapping: JSON.stringify(explicit) } : {}),
      },
      setProgress,
    )
  }

  async function runAreas(dryRun: boolean): Promise<AreaImportResult> {
    if (!file) throw new Error('请先选择文件')
    return importAreasWithProgress(
      file,
      {
        kind: kind === 'attributes' ? 'attributes' : 'boundaries',
        encoding,
        dryRun: String(dryRun) as 'true' | 'false',
        ...(kind === 'boundaries' ? { level, gcj02: String(gcj02) as 'true' | 'false' } : {}),
        ...(codeField ? { codeField } : {}),
        ...(nameField ? { nameField } : {}),
        ...(crs && kind === 'boundaries' ? { crs } : {}),
        ...(sheet && kind === 'attributes' ? { sheet } : {}),
      },
      setProgress,
    )
  }

  function showUnits(result: UnitImportResult, explicit: ColumnMappingChoice | undefined) {
    setOutcome({ kind: 'units', result })
    setChoices(choicesOfColumns(result.report.header.columns))
    setMapping(explicit)
    setMappingDirty(false)
  }

  async function act(work: () => Promise<void>) {
    setBusy(true)
    setError(null)
    try {
      await work()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
      setProgress(null)
    }
  }

  /** The first dry run; a mapping confirmed earlier for the same header layout is applied at once. */
  const check = () =>
    act(async () => {
      setNotice(null)
      setFilter('all')
      setShowAll(false)
      if (kind !== 'units') {
        setOutcome({ kind: 'areas', result: await runAreas(true) })
        return
      }
      const first = await runUnits(true, undefined)
      const saved = savedMapping(window.localStorage, headerSignature(first.report.header.columns.map((c) => c.header)))
      const detected = mappingOfChoices(choicesOfColumns(first.report.header.columns)).mapping
      if (saved && JSON.stringify(saved) !== JSON.stringify(detected)) {
        try {
          showUnits(await runUnits(true, saved), saved)
          setNotice('已套用上次为同样表头确认的列对应')
          return
        } catch {
          // The saved mapping no longer fits: fall back to detection.
        }
      }
      showUnits(first, undefined)
    })

  const recheck = () =>
    act(async () => {
      const { mapping: chosen, problems } = mappingOfChoices(choices)
      if (problems.length > 0) throw new Error(problems.join('；'))
      showUnits(await runUnits(true, chosen), chosen)
      setNotice('已按所选列对应重新检查')
    })

  const commit = () =>
    act(async () => {
      if (outcome?.kind === 'units') {
        const result = await runUnits(false, mapping)
        showUnits(result, mapping)
        const { mapping: confirmed } = mappingOfChoices(choicesOfColumns(result.report.header.columns))
        saveMapping(window.localStorage, headerSignature(result.report.header.columns.map((c) => c.header)), confirmed)
        setNotice(result.batch ? `已提交导入 #${result.batch.id}：新增 ${result.batch.inserted} 条，更新 ${result.batch.updated} 条；列对应已保存，下次同样表头自动套用` : '没有可写入的行，未提交')
      } else {
        const result = await runAreas(false)
        setOutcome({ kind: 'areas', result })
        setNotice(result.batch ? `已提交导入 #${result.batch.id}：新增 ${result.batch.inserted} 个区划，更新 ${result.batch.updated} 个` : '没有可写入的要素，未提交')
      }
      setBatchesVersion((v) => v + 1)
    })

  const rollback = (id: number) =>
    act(async () => {
      if (!window.confirm(`撤销导入 #${id}？该次导入新增的记录将删除，修改的记录将恢复原状。`)) return
      await rollbackImport(id)
      setNotice(`已撤销导入 #${id}`)
      setBatchesVersion((v) => v + 1)
    })

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    setFile(event.target.files?.[0] ?? null)
    setOutcome(null)
    setNotice(null)
    setError(null)
    setSheet('')
  }

  const rows = useMemo(() => {
    if (!outcome) return []
    if (outcome.kind === 'units') return reportRows(outcome.result.report.rows, outcome.result.report.ignored, outcome.result.report.format === 'geojson' ? 'feature' : 'line')
    const report = outcome.result.report
    return report.kind === 'attributes' ? reportRows(report.rows, report.ignored, 'line') : reportRows(report.rows, [], 'feature')
  }, [outcome])
  const counts = countByStatus(rows)
  const shown = filterRows(rows, filter)
  const writable = counts.accepted + counts.warning

  return (
    <div className="ledger-page data-import">
      <header className="di-header">
        <h1>数据导入</h1>
        <p>
          先试导入（不写入），查看逐行报告，确认后提交。
          {user ? (
            <span className="di-user">已登录：{user.username}（{user.role}{user.areaScope ? ` · 范围 ${user.areaScope}` : ''}）</span>
          ) : (
            <span className="di-user">未登录：可以试导入；提交需要 <a href="/login?next=/data">登录</a>（编辑或管理员）</span>
          )}
          <a href="/">返回地图</a> · <a href="/units">单位台账</a> · <a href="/targets">创建目标</a>
        </p>
      </header>

      <section className="di-panel" aria-label="选择文件">
        <h2>1. 选择文件</h2>
        <div className="di-kinds" role="radiogroup" aria-label="导入内容">
          {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="kind" checked={kind === k} onChange={() => { setKind(k); setOutcome(null) }} />
              {KIND_LABELS[k]}
            </label>
          ))}
        </div>
        <div className="di-options">
          <label>
            <span className="control-label">文件</span>
            <input type="file" aria-label="文件" onChange={onFile} accept=".csv,.tsv,.txt,.xlsx,.json,.geojson,.topojson,.zip" />
          </label>
          <label>
            <span className="control-label">编码</span>
            <select value={encoding} onChange={(e) => setEncoding(e.target.value as typeof encoding)}>
              <option value="auto">自动（UTF-8 / GBK）</option>
              <option value="utf8">UTF-8</option>
              <option value="gb18030">GBK / GB18030</option>
            </select>
          </label>
          {kind !== 'attributes' && (
            <label>
              <span className="control-label">坐标系</span>
              <select value={crs} onChange={(e) => setCrs(e.target.value)}>
                {CRS_CHOICES.map((c) => (
                  <option key={c} value={c}>{c === '' ? (kind === 'units' ? '默认 WGS84（或文件声明）' : '按 .prj / 坐标判断') : c === 'gcj02' ? 'GCJ-02（高德、火星坐标）' : c === 'bd09' ? 'BD-09（百度）' : c}</option>
                ))}
              </select>
            </label>
          )}
          {kind !== 'boundaries' && (
            <label>
              <span className="control-label">工作表（XLSX）</span>
              {outcome?.kind === 'units' && outcome.result.report.sheets ? (
                <select value={sheet || outcome.result.report.sheet || ''} onChange={(e) => setSheet(e.target.value)}>
                  {outcome.result.report.sheets.map((s) => <option key={s} value={s}>{s}</option>)}
                </select>
              ) : (
                <input value={sheet} placeholder="默认第一个有数据的表" onChange={(e) => setSheet(e.target.value)} />
              )}
            </label>
          )}
          {kind === 'units' && (
            <label>
              <span className="control-label">重复单位</span>
              <select value={duplicates} onChange={(e) => setDuplicates(e.target.value as typeof duplicates)}>
                <option value="reject">拒绝重复行</option>
                <option value="merge">合并（更新已有单位）</option>
                <option value="keep">保留（作为新单位）</option>
              </select>
            </label>
          )}
          {kind === 'boundaries' && (
            <>
              <label>
                <span className="control-label">层级</span>
                <select value={level} onChange={(e) => setLevel(e.target.value as typeof level)}>
                  <option value="province">省级（6 位代码，最高一级）</option>
                  <option value="prefecture">市级（6 位代码，库中无省时为最高一级）</option>
                  <option value="county">县级（6 位代码）</option>
                  <option value="township">乡级（9 位代码）</option>
                  <option value="village">村级（12 位代码）</option>
                </select>
              </label>
              <label className="choice di-check">
                <input type="checkbox" checked={gcj02} onChange={(e) => setGcj02(e.target.checked)} /> 坐标为 GCJ-02，需纠偏
              </label>
            </>
          )}
          {kind !== 'units' && (
            <>
              <label>
                <span className="control-label">代码字段</span>
                <input value={codeField} placeholder="自动识别" onChange={(e) => setCodeField(e.target.value)} />
              </label>
              <label>
                <span className="control-label">名称字段</span>
                <input value={nameField} placeholder="自动识别" onChange={(e) => setNameField(e.target.value)} />
              </label>
            </>
          )}
        </div>
        <button className="button-primary" disabled={!file || busy} onClick={check}>
          {busy ? '正在检查…' : '检查（试导入，不写入）'}
        </button>
        {progress && <ImportProgressBar progress={progress} unit={kind === 'boundaries' ? '个要素' : '行'} />}
      </section>

      {error && <p className="notice notice-error di-message" role="alert">{error}</p>}
      {notice && <p className="notice di-message" role="status">{notice}</p>}

      {outcome && (
        <section className="di-panel di-report" aria-label="检查报告">
          <h2>2. 检查报告{outcome.result.dryRun ? '（试导入，未写入）' : ''}</h2>
          <SourceLine outcome={outcome} />
          <div className="di-filters" role="group" aria-label="按状态筛选">
            {(Object.keys(FILTER_LABELS) as RowFilter[]).map((f) => (
              <button key={f} className={`di-filter di-status-${f}${filter === f ? ' di-active' : ''}`} aria-pressed={filter === f} onClick={() => setFilter(f)}>
                {FILTER_LABELS[f]} <strong>{counts[f]}</strong>
              </button>
            ))}
          </div>

          {outcome.kind === 'units' && (
            <ColumnMappingTable
              header={outcome.result.report.header}
              unmapped={outcome.result.report.unmapped}
              choices={choices}
              dirty={mappingDirty}
              busy={busy}
              onChoose={(column, field) => {
                setChoices({ ...choices, [column]: field })
                setMappingDirty(true)
              }}
              onRecheck={recheck}
            />
          )}

          {outcome.kind === 'areas' && outcome.result.report.kind === 'boundaries' && <SiblingSummary report={outcome.result.report} />}

          <table className="di-rows">
            <thead>
              <tr><th>行</th><th>状态</th><th>名称</th><th>说明</th></tr>
            </thead>
            <tbody>
              {(showAll ? shown : shown.slice(0, ROWS_SHOWN)).map((r) => (
                <tr key={`${r.status}-${r.row}`} className={`di-status-${r.status}`}>
                  <td className="di-row-label">{r.label}</td>
                  <td><span className={`di-badge di-status-${r.status}`}>{STATUS_LABELS[r.status]}</span></td>
                  <td>{r.title}</td>
                  <td>{r.messages.length > 0 ? r.messages.map((m, i) => <div key={i}>{m}</div>) : <span className="di-muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!showAll && shown.length > ROWS_SHOWN && <button onClick={() => setShowAll(true)}>显示全部 {shown.length} 行</button>}

          <div className="di-commit">
            <button className="button-primary" disabled={!mayCommit || busy || writable === 0 || mappingDirty || !outcome.result.dryRun} onClick={commit}>
              提交导入（写入 {writable} 条）
            </button>
            {!mayCommit && <span className="di-muted">提交需要登录（编辑或管理员）。<a href="/login?next=/data">登录</a></span>}
            {mappingDirty && <span className="di-muted">列对应已修改：请先重新检查</span>}
          </div>
        </section>
      )}

      {isAdmin && <ImportHistory batches={batches} busy={busy} onRollback={rollback} />}
    </div>
  )
}
