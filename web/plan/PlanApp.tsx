// The site planner: choose an area, the number of new sites and the radius; see which candidates close
// the most gap, how close to optimal the answer is, and save, export or promote it.
import type { LayersList } from '@deck.gl/core'
import { useCallback, useMemo, useState, type FormEvent } from 'react'
import { HONOUR_LEVELS, type HonourLevel } from '../../server/shared/domain'
import { fetchAreas, fetchGaps, promoteUnits, runPlan, savePlanScenario, type GapReport, type PlanReport, type PlanRequest } from '../api/client'
import type { AreaFeature } from '../api/responses'
import { drawableAreas, mapAreaOf } from '../data/area-geometry'
import { rgbaOf, type Rgba } from '../data/rgba'
import { coverageChoroplethLayer } from '../layers/coverage-choropleth'
import { useAsyncValue } from '../api/use-async-value'
import { areaLabelsLayer } from '../layers/area-labels'
import { candidatePickLayer, chosenSitesLayer, demandPointsLayer, pickedCandidatesLayer, PLAN_COLOURS, siteRadiusLayer } from '../layers/plan-sites'
import { AtlasMap } from '../map/AtlasMap'
import { loadFrame } from '../map/area-frame'
import { recordPageError } from '../map/map-status'
import { ErrorNotice } from '../panels/ErrorNotice'
import { cssOf } from '../data/rgba'
import { GapPanel } from './GapPanel'
import { percent, planCsv, planGeoJson } from './plan-files'
import { ScenarioCompare } from './ScenarioCompare'
import './plan.css'

type PlanTab = 'plan' | 'gaps' | 'compare'

const GAP_COLOURS = { uncovered: rgbaOf('#e4574f'), incomplete: rgbaOf('#f6c35b'), complete: rgbaOf('#9fd3a8') }

export function PlanApp() {
  // The store's first prefecture with its counties, as the dashboard frames it.
  const place = useAsyncValue(() => loadFrame(null), [])
  const [tab, setTab] = useState<PlanTab>('plan')
  const [area, setArea] = useState<string | null>(null)
  const [minLevel, setMinLevel] = useState<HonourLevel>('县级')
  const [saves, setSaves] = useState(0)
  const [report, setReport] = useState<PlanReport | null>(null)
  const [picked, setPicked] = useState<[number, number][]>([])
  const onPick = useCallback((position: [number, number]) => setPicked((p) => [...p, position]), [])
  const [request, setRequest] = useState<PlanRequest | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [errors, setErrors] = useState<string[]>([])
  const onError = useCallback((text: string) => {
    recordPageError(text)
    setErrors((previous) => (previous.includes(text) ? previous : [...previous, text]))
  }, [])

  const placeValue = place.value
  const areaOptions = placeValue ? [placeValue.area, ...placeValue.children] : []
  const areaCode = area ?? placeValue?.area.properties.code ?? null
  const framed = areaOptions.find((a) => a.properties.code === areaCode) ?? placeValue?.area ?? null
  // Identities kept while the framed area stays, so the map neither reframes nor redraws its boundaries.
  const framedArea = useMemo(() => (framed ? mapAreaOf(framed) : null), [framed])
  const drawing = useMemo(() => (framed && placeValue ? ({ kind: 'features', area: framed, children: placeValue.children } as const) : null), [framed, placeValue])
  const gaps = useAsyncValue(areaCode && tab === 'gaps' ? () => fetchGaps(areaCode, minLevel) : null, [areaCode, tab, minLevel])
  const children = useAsyncValue(
    areaCode && tab === 'gaps' ? () => childAreas(areaCode, placeValue?.area.properties.code, placeValue?.children ?? []) : null,
    [areaCode, tab, placeValue],
  )

  const gapValue = gaps.value
  const childValue = children.value
  const layers: LayersList = useMemo(() => {
    if (!placeValue) return []
    const labels = areaLabelsLayer(placeValue.labels)
    if (tab === 'gaps') return gapValue && childValue ? [gapChoropleth(childValue, gapValue), labels] : [labels]
    const picking = framed ? [candidatePickLayer(framed, onPick), pickedCandidatesLayer(picked)] : []
    if (!report) return [...picking, labels]
    const demand = report.demand ?? []
    const maxWeight = Math.max(1, ...demand.map((d) => d.weight))
    return [
      siteRadiusLayer('open-site-radius', report.required, report.radiusKm),
      siteRadiusLayer('chosen-site-radius', report.chosen, report.radiusKm),
      ...picking,
      demandPointsLayer(demand, { maxWeight }),
      chosenSitesLayer(report.chosen),
      labels,
    ]
  }, [placeValue, report, tab, gapValue, childValue, framed, onPick, picked])

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const next: PlanRequest = {
      area: String(form.get('area')),
      model: String(form.get('model')) === 'lscp' ? 'lscp' : 'mclp',
      sites: Number(form.get('sites')),
      radiusKm: Number(form.get('radiusKm')),
      minLevel,
      ...(picked.length > 0 ? { extraCandidates: picked.map(([lon, lat], i) => ({ id: `point-${i + 1}`, lon, lat, name: `自选点${i + 1}` })) } : {}),
    }
    setBusy(true)
    setMessage(null)
    try {
      setReport(await runPlan(next))
      setRequest(next)
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(false)
    }
  }

  async function onSave() {
    if (!request || !report) return
    const name = window.prompt('方案名称', `${report.area.name} ${report.sites} 个新点 ${report.radiusKm} km`)
    if (!name) return
    try {
      await savePlanScenario(name, request)
      setSaves((n) => n + 1)
      setMessage(`已保存方案“${name}”`)
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error))
    }
  }

  async function onPromote() {
    const ids = report?.chosen.flatMap((s) => (s.unitId !== null && s.status === '培育' ? [s.unitId] : [])) ?? []
    if (ids.length === 0) return setMessage('所选单位均已是申报状态，或不是库中单位')
    try {
      const count = await promoteUnits(ids, `选址方案推荐申报：${report?.area.name}`)
      setMessage(`已将 ${count} 个单位改为“申报”状态（记入状态历史与审计日志）`)
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error))
    }
  }

  return (
    <div className="app plan-page">
      <header className="header">
        <div className="header-title">
          <h1>示范单位选址规划</h1>
          <p>最大覆盖选址 (MCLP) · 距离为球面大圆距离 · <a href="/">返回地图</a></p>
        </div>
      </header>
      <main className="plan-body">
        <aside className="plan-panel">
          <form onSubmit={onSubmit} className="plan-form">
            <label className="control">
              <span className="control-label">规划区域</span>
              <select name="area" value={areaCode ?? ''} onChange={(e) => setArea(e.target.value)}>
                {areaOptions.map((a) => (
                  <option key={a.properties.code} value={a.properties.code}>
                    {a.properties.name} ({a.properties.code})
                  </option>
                ))}
              </select>
            </label>
            <label className="control">
              <span className="control-label">模型</span>
              <select name="model" defaultValue="mclp">
                <option value="mclp">最大覆盖：N 个新点覆盖最多人口 (MCLP)</option>
                <option value="lscp">最少点数：覆盖全部可达居民点 (LSCP)</option>
              </select>
            </label>
            <label className="control">
              <span className="control-label">新增示范点数量</span>
              <input name="sites" type="number" min={1} max={1000} defaultValue={5} required />
            </label>
            <label className="control">
              <span className="control-label">覆盖半径 (公里)</span>
              <input name="radiusKm" type="number" min={0.5} max={200} step={0.5} defaultValue={5} required />
            </label>
            <label className="control">
              <span className="control-label">已命名单位计入级别</span>
              <select name="minLevel" value={minLevel} onChange={(e) => setMinLevel(e.target.value as HonourLevel)}>
                {HONOUR_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {l}及以上
                  </option>
                ))}
              </select>
            </label>
            <p className="plan-picked" data-testid="picked-candidates">
              自选候选点：{picked.length} 个（在地图上点击添加）
              {picked.length > 0 && (
                <button type="button" className="link-button" onClick={() => setPicked([])}>
                  清除
                </button>
              )}
            </p>
            <button type="submit" disabled={busy || !placeValue}>
              {busy ? '正在计算…' : '计算方案'}
            </button>
          </form>
          <div className="plan-tabs" role="tablist">
            {(
              [
                ['plan', '选址结果'],
                ['gaps', '缺口分析'],
                ['compare', '方案对比'],
              ] as const
            ).map(([id, label]) => (
              <button key={id} role="tab" aria-selected={tab === id} onClick={() => setTab(id)}>
                {label}
              </button>
            ))}
          </div>
          {tab === 'plan' && report && <PlanSummary report={report} onSave={onSave} onPromote={onPromote} />}
          {tab === 'gaps' && gapValue && <GapPanel gaps={gapValue} />}
          {tab === 'gaps' && gaps.error && <p className="notice-error">{gaps.error.message}</p>}
          {tab === 'compare' && areaCode && <ScenarioCompare area={areaCode} refresh={saves} />}
          {message && <p className="plan-message" role="status">{message}</p>}
        </aside>
        <section className="plan-map">
          {framedArea && drawing && (
            <AtlasMap outline={framedArea} drawing={drawing} layers={layers} pending={busy} onHover={() => {}} onError={onError} />
          )}
          {report?.sample && (
            <div className="notice notice-sample" role="status" data-testid="sample-notice">
              <span>示例数据 · 居民点与人口为演示用估计</span>
            </div>
          )}
          {tab === 'gaps' ? <GapLegend /> : <PlanLegend />}
        </section>
      </main>
      <ErrorNotice messages={[...(place.error ? [place.error.message] : []), ...errors]} />
    </div>
  )
}

function PlanSummary({ report, onSave, onPromote }: { report: PlanReport; onSave(): void; onPromote(): void }) {
  return (
    <section className="plan-summary" data-testid="plan-summary">
      <h2>
        {report.area.name}：{report.chosen.length} 个新示范点
      </h2>
      <p className="plan-figures">
        覆盖人口 {percent(report.coveredShareBefore)} → <strong>{percent(report.coveredShareAfter)}</strong>
        <br />
        最优性差距 <strong data-testid="plan-gap">{percent(report.gap)}</strong>（{report.bound.kind === 'exact' ? '已证明最优界' : report.bound.kind === 'lp' ? 'LP 上界' : '贪心上界'}，{report.method}）
      </p>
      <table className="plan-table">
        <thead>
          <tr>
            <th>#</th>
            <th>单位</th>
            <th>类别</th>
            <th>乡镇</th>
            <th>新增覆盖</th>
          </tr>
        </thead>
        <tbody>
          {report.chosen.map((s, i) => (
            <tr key={s.id}>
              <td>{i + 1}</td>
              <td>{s.name}</td>
              <td>{s.category ?? '–'}</td>
              <td>{s.areaName ?? '–'}</td>
              <td>{s.coveredWeightAdded.toLocaleString('zh-CN')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.townshipsNewlyCovered.length > 0 && <p>新覆盖乡镇：{report.townshipsNewlyCovered.map((t) => t.name).join('、')}</p>}
      {report.categoriesFilled.length > 0 && <p>补齐类别：{report.categoriesFilled.map((c) => `${c.areaName}·${c.category}`).join('、')}</p>}
      {report.notes.length > 0 && (
        <ul className="plan-notes">
          {report.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <div className="plan-actions">
        <button onClick={onSave}>保存方案</button>
        <button onClick={onPromote}>推荐申报</button>
        <button onClick={() => download(`${report.area.name}-选址.csv`, planCsv(report), 'text/csv')}>CSV</button>
        <button onClick={() => download(`${report.area.name}-选址.geojson`, JSON.stringify(planGeoJson(report)), 'application/geo+json')}>GeoJSON</button>
        <button onClick={() => window.print()}>打印</button>
      </div>
    </section>
  )
}

function PlanLegend() {
  const rows: [string, keyof typeof PLAN_COLOURS][] = [
    ['新示范点及覆盖范围', 'chosen'],
    ['已命名单位覆盖范围', 'open'],
    ['已覆盖居民点', 'coveredBefore'],
    ['新覆盖居民点', 'newlyCovered'],
    ['未覆盖居民点', 'uncovered'],
  ]
  return (
    <aside className="card legend plan-legend" aria-label="图例">
      <ul className="legend-rows">
        {rows.map(([label, key]) => (
          <li key={key} className="legend-row">
            <span className="dot" style={{ background: cssOf(PLAN_COLOURS[key]) }} />
            <span className="legend-label">{label}</span>
          </li>
        ))}
      </ul>
    </aside>
  )
}

/** The children the gap table lists: a county's townships, or the prefecture's counties (already loaded). */
async function childAreas(area: string, prefecture: string | undefined, counties: AreaFeature[]): Promise<AreaFeature[]> {
  if (area === prefecture) return counties
  return drawableAreas(await fetchAreas({ level: 'township', parent: area }))
}

function gapChoropleth(areas: AreaFeature[], gaps: GapReport) {
  const byCode = new Map(gaps.children.map((c) => [c.code, c]))
  const fillOf = (code: string): Rgba => {
    const child = byCode.get(code)
    if (!child) return [0, 0, 0, 0]
    if (!child.covered) return GAP_COLOURS.uncovered
    return child.missingCategories.length > 0 ? GAP_COLOURS.incomplete : GAP_COLOURS.complete
  }
  return coverageChoroplethLayer(areas, { fillOf, opacity: 1 })
}

function GapLegend() {
  const rows: [string, Rgba][] = [
    ['无命名单位', GAP_COLOURS.uncovered],
    ['有单位但缺类别', GAP_COLOURS.incomplete],
    ['类别齐全', GAP_COLOURS.complete],
  ]
  return (
    <aside className="card legend plan-legend" aria-label="图例">
      <ul className="legend-rows">
        {rows.map(([label, colour]) => (
          <li key={label} className="legend-row">
            <span className="swatch" style={{ background: cssOf(colour) }} />
            <span className="legend-label">{label}</span>
          </li>
        ))}
      </ul>
    </aside>
  )
}

function download(fileName: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  URL.revokeObjectURL(url)
}
