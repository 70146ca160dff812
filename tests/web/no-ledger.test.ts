// Areas without a ledger (noData: 台湾省, 香港, 澳门 in a mainland bureau's national atlas) are 暂无数据 on
// every map, legend, figure and rank — never the colour or the count of 0.
import { describe, expect, it } from 'vitest'
import { NO_LEDGER_COLOUR, ZERO_COLOUR } from '../../web/data/colour-scales'
import { areaColourOf, measureById, measureScale } from '../../web/data/measures'
import { cssOf } from '../../web/data/rgba'
import { showsUnitPoints } from '../../web/data/unit-aggregation'
import { childRanking } from '../../web/dashboard/chart-data'
import { dashboardKpis } from '../../web/dashboard/dashboard-kpis'
import { kpisOf } from '../../web/data/kpis'
import { rankingOf } from '../../web/screen/screen-figures'
import { coverageArea, coverageReport } from './fixtures'

const yunnan = coverageArea({ code: '530000', name: '云南省', level: 'province', parent: '000000', total: 40, byLevel: { 县级: 20, 市级: 10, 省级: 10, 国家级: 0 } })
const tibet = coverageArea({ code: '540000', name: '西藏自治区', level: 'province', parent: '000000', total: 0 })
const taiwan = coverageArea({ code: '710000', name: '台湾省', level: 'province', parent: '000000', total: 0, noData: true })
const hongKong = coverageArea({ code: '810000', name: '香港特别行政区', level: 'province', parent: '000000', total: 0, noData: true })
const report = coverageReport([yunnan, tibet, taiwan, hongKong])
const total = measureById('total')

describe('areas without a ledger', () => {
  it('are filled with the 暂无数据 grey of their own legend row, while a true 0 keeps the zero colour', () => {
    const scale = measureScale(total, report)
    const rows = scale.legend.map((row) => [row.kind, row.label, row.css])
    expect(rows).toContainEqual(['no-ledger', '暂无数据', cssOf(areaColourOf(total, scale, taiwan))])
    expect(rows.filter(([kind]) => kind === 'no-ledger')).toHaveLength(1)
    expect(areaColourOf(total, scale, hongKong)).toEqual(areaColourOf(total, scale, taiwan))
    expect(areaColourOf(total, scale, taiwan)).not.toEqual(areaColourOf(total, scale, tibet))
    expect(areaColourOf(total, scale, tibet)).toEqual(scale.colourOf(0))
    expect(NO_LEDGER_COLOUR).not.toBe(ZERO_COLOUR)
  })

  it('add no legend row when every area has a ledger', () => {
    expect(measureScale(total, coverageReport([yunnan, tibet])).legend.map((row) => row.kind)).not.toContain('no-ledger')
  })

  it('are left out of the figures and the ranking, which name them', () => {
    const kpis = dashboardKpis(report, null, null)
    expect(kpis).toMatchObject({ total: 40, childAreas: 2, childAreasCovered: 1, excluded: ['台湾省', '香港特别行政区'] })
    expect(childRanking(report.areas, total).map((row) => row.name)).toEqual(['云南省', '西藏自治区'])
  })

  it('are left out of the screen’s figures and ranking too', () => {
    expect(kpisOf(report)).toMatchObject({ total: 40, areas: 2, areasCovered: 1 })
    expect(rankingOf(report).map((row) => row.code)).toEqual(['530000', '540000'])
  })
})

describe('unit points', () => {
  it('are loaded from the prefecture down, never for the country or a province', () => {
    expect(['country', 'province', 'prefecture', 'county', 'township'].map((l) => showsUnitPoints(l as never))).toEqual([false, false, true, true, true])
  })
})
