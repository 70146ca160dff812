// The parts of the /data check report: the line naming what was read, the header mapping with a choice per
// column, and the boundary import's sibling check.
import { FIELD_LABELS, UNIT_FIELDS, type UnitField } from '../../server/shared/unit-fields'
import type { AreaImportResult, UnitImportResult } from '../api/client'
import type { ColumnChoices } from './mapping-memory'

const PARENT_LEVEL_LABELS: Partial<Record<string, string>> = { province: '省级', prefecture: '市级', county: '县级', township: '乡级' }

export type Outcome = { kind: 'units'; result: UnitImportResult } | { kind: 'areas'; result: AreaImportResult }

interface ColumnMappingTableProps {
  header: UnitImportResult['report']['header']
  unmapped: UnitImportResult['report']['unmapped'] // why a column is not imported, as the server said
  choices: ColumnChoices
  dirty: boolean // changed since the last check
  busy: boolean
  onChoose(column: number, field: UnitField | null): void
  onRecheck(): void
}

/**
 * A select per column; "（不导入）" drops a column even where the server recognised its header (the choice is
 * sent as the mapping's `ignore` list, which wins over recognition).
 */
export function ColumnMappingTable({ header, unmapped, choices, dirty, busy, onChoose, onRecheck }: ColumnMappingTableProps) {
  const reasons = new Map(unmapped.map((u) => [u.column, u.reason]))
  return (
    <details className="di-mapping" open>
      <summary>表头对应（第 {header.lines.join('、')} 行为表头）{dirty ? ' · 已修改，尚未重新检查' : ''}</summary>
      <table>
        <thead>
          <tr><th>列</th><th>表头</th><th>导入为</th><th>说明</th></tr>
        </thead>
        <tbody>
          {header.columns.map((c) => (
            <tr key={c.column}>
              <td>{c.column + 1}</td>
              <td>{c.header || <em>（无列名）</em>}</td>
              <td>
                <select
                  aria-label={`第 ${c.column + 1} 列导入为`}
                  value={choices[c.column] ?? ''}
                  onChange={(e) => onChoose(c.column, (e.target.value || null) as UnitField | null)}
                >
                  <option value="">（不导入）</option>
                  {UNIT_FIELDS.map((f) => <option key={f} value={f}>{FIELD_LABELS[f]}</option>)}
                </select>
              </td>
              <td className="di-reason">{c.field === null ? (reasons.get(c.column) ?? '') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button disabled={!dirty || busy} onClick={onRecheck}>按此对应重新检查</button>
    </details>
  )
}

export function SourceLine({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'units') {
    const r = outcome.result.report
    const t = r.totals
    return (
      <p className="di-source">
        {r.fileName} · {r.format.toUpperCase()}{r.encoding ? ` · ${r.encoding === 'gb18030' ? 'GBK/GB18030' : r.encoding.toUpperCase()}` : ''}
        {r.delimiter ? ` · 分隔符 ${r.delimiter === '\t' ? 'Tab' : r.delimiter}` : ''}{r.sheet ? ` · 工作表 ${r.sheet}` : ''} · 方案 {r.scheme.name} · 坐标系 {r.crs}
        <br />
        读取 {t.rowsRead} 行：通过 {t.accepted}，警告 {t.warnings}，拒绝 {t.rejected}，忽略 {t.ignored}
      </p>
    )
  }
  const r = outcome.result.report
  if (r.kind === 'attributes') {
    const t = r.totals
    return <p className="di-source">{r.fileName} · 区划属性 · 读取 {t.rowsRead} 行：通过 {t.accepted}，警告 {t.warnings}，拒绝 {t.rejected}，忽略 {t.ignored}</p>
  }
  const t = r.totals
  return (
    <p className="di-source">
      {r.fileName} · {r.format}{r.encoding ? ` · ${r.encoding}` : ''} · 坐标系 {r.crs.label} · 代码字段 {r.mapping.code ?? '—'} · 名称字段 {r.mapping.name ?? '—'}
      <br />
      {t.features} 个要素：通过 {t.accepted}，警告 {t.warnings}，拒绝 {t.rejected} → 新增 {t.inserts}，更新 {t.updates}
      {t.repaired > 0 ? `；其中 ${t.repaired} 个边界自相交或各部分重叠，已修复（见各要素）` : ''}
      {r.notes.map((n, i) => <span key={i} className="di-note"><br />注：{n}</span>)}
      {(r.parentsCreated ?? []).map((p) => (
        <span key={p.code} className="di-note">
          <br />
          上级区划 {p.code} 不在库中：{outcome.result.dryRun ? '提交时将新建' : '已新建'}为“{p.name}”（{p.children} 个区划的上级）；导入其边界（层级选{PARENT_LEVEL_LABELS[p.level] ?? p.level}）即可为其命名
        </span>
      ))}
    </p>
  )
}

export function SiblingSummary({ report }: { report: Extract<AreaImportResult['report'], { kind: 'boundaries' }> }) {
  return (
    <ul className="di-siblings">
      {report.siblings.map((g) => (
        <li key={g.parent}>
          {g.parentName}（{g.parent}）下 {g.children} 个区划：重叠 {g.overlaps.length} 处，
          {g.gapsChecked ? `缝隙 ${g.gaps.length} 处${g.gaps.length ? `（${g.gaps.map((x) => `${x.areaKm2} km²`).join('、')}）` : ''}` : g.gapsSkipped}
          ，超出上级 {g.outside.length} 处（容差 {report.toleranceKm2} km²）
        </li>
      ))}
    </ul>
  )
}
