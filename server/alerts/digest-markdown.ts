// A digest as a Markdown document (周报): headings, alerts grouped by kind, the period's changes as tables. Pure.
import { ALERT_KINDS, ALERT_KIND_NAMES, ALERT_SEVERITY_NAMES } from '../shared/alert-kinds'
import type { Digest, DigestStatusChange } from './digest'

export function digestMarkdown(digest: Digest): string {
  const { alerts } = digest
  const lines = [
    `# ${digest.area.name}民族团结进步创建工作周报`,
    '',
    `统计区间：${digest.since} 至 ${digest.asOf}；提醒截至 ${digest.asOf}（命名到期看 ${alerts.months} 个月）。`,
  ]
  if (digest.sample) lines.push('', '> 示例数据：本周报含演示用的示例单位，不代表实际情况。')
  const left = alerts.withheld + digest.withheldInspections
  if (left > 0) lines.push('', `> 按公开范围，涉及不公开类别单位的 ${left} 条内容未列出。`)

  lines.push('', `## 一、提醒（${alerts.alerts.length} 条）`)
  if (alerts.alerts.length === 0) lines.push('', '无。')
  for (const kind of ALERT_KINDS) {
    const ofKind = alerts.alerts.filter((a) => a.kind === kind)
    if (ofKind.length === 0) continue
    lines.push('', `### ${ALERT_KIND_NAMES[kind].zh}（${ofKind.length}）`, '')
    for (const alert of ofKind) lines.push(`- 【${ALERT_SEVERITY_NAMES[alert.severity].zh}】${cell(alert.message)}${alert.areaName ? `（${alert.areaName}）` : ''}`)
  }

  lines.push('', '## 二、本期变化')
  lines.push('', `### 新命名（${digest.namings.length}）`, '')
  lines.push(...table(['日期', '单位', '类别', '级别', '所在地'], digest.namings.map((c) => [c.date, c.name, c.category, c.level ?? '', c.areaName ?? ''])))
  lines.push('', `### 状态变更（${digest.statusChanges.length}）`, '')
  lines.push(...table(['日期', '单位', '类别', '变更', '所在地'], digest.statusChanges.map((c) => [c.date, c.name, c.category, transition(c), c.areaName ?? ''])))
  lines.push('', `### 完成督导（${digest.inspections.length}）`, '')
  lines.push(...table(['日期', '单位', '类别', '评价', '所在地'], digest.inspections.map((i) => [i.date, i.name, i.category, i.rating ?? '', i.areaName ?? ''])))
  return `${lines.join('\n')}\n`
}

function transition(change: DigestStatusChange): string {
  return `${change.from ?? '（新录入）'} → ${change.to}${change.level ? `（${change.level}）` : ''}`
}

/** A GitHub-style table, or 无 when there are no rows (a period with no change says so). */
function table(headers: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ['无。']
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)]
}

/** Text as it may stand in a table cell or a list item: on one line, its pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/\|/g, '\\|')
}
