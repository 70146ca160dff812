// The wizard's summary of a boundary report says how many features were repaired by self-union, when any were.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { SourceLine, type Outcome } from '../../../web/data-import/report-parts'

function boundaries(repaired: number): Outcome {
  const report = {
    kind: 'boundaries', fileName: 'provinces.z5.geojson', format: 'geojson', crs: { label: 'WGS84 经纬度' }, mapping: { code: 'code', name: 'name' }, notes: [],
    totals: { features: 34, accepted: 10, warnings: 24, rejected: 0, inserts: 34, updates: 0, repaired },
  }
  return { kind: 'areas', result: { dryRun: true, report } } as unknown as Outcome
}

describe('SourceLine', () => {
  test('counts the features whose crossing rings or overlapping parts were repaired', () => {
    expect(renderToStaticMarkup(createElement(SourceLine, { outcome: boundaries(24) }))).toContain('34 个要素：通过 10，警告 24，拒绝 0 → 新增 34，更新 0；其中 24 个边界自相交或各部分重叠，已修复（见各要素）')
    expect(renderToStaticMarkup(createElement(SourceLine, { outcome: boundaries(0) }))).not.toContain('已修复')
  })
})
