import { existsSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { z } from 'zod'
import { digestOf } from '../../alerts/digest'
import { digestMarkdown } from '../../alerts/digest-markdown'
import { readConfig } from '../../config'
import { areaCodeParam, calendarDateParam } from '../../http/params'
import { describeIssues } from '../../http/validate'
import { openDataDirStore } from '../../open-store'
import { audienceOf } from '../../shared/audience'
import { CliError, command, parseOptions } from '../command'

const HELP = `Usage: atlas digest --area CODE --since YYYY-MM-DD [options]

The weekly digest (周报) of an area, read from the store in ATLAS_DATA_DIR (./data): its alerts (提醒) as of
today, as GET /api/alerts gives them, and what changed from --since to today — new namings, other status
changes and the 督导 visits made — as JSON or a Markdown document.

By default the digest holds what an anonymous visitor of the atlas sees: units of the sensitive categories
(ATLAS_SENSITIVE_CATEGORIES, 宗教活动场所) appear under a generic name, and their visits and other alerts are
only counted. --full writes what a signed-in user sees.

Options:
  --area CODE          the area, e.g. 530626 for 绥江县 (its townships and villages included)
  --since DATE         the first day of the period, e.g. 2026-11-16
  --as-of DATE         the last day of the period and the alerts' day (default: today)
  --format FORMAT      md (default) | json
  --out FILE           write to FILE instead of standard output
  --full               as a signed-in user sees it
  -h, --help           show this help

Example: atlas digest --area 530626 --since 2026-11-16 --out 绥江县周报.md
`

const digestArgs = z.object({
  area: z.string({ error: 'missing (expected the code of an area, e.g. 530626)' }).pipe(areaCodeParam),
  since: z.string({ error: 'missing (expected the first day of the period, e.g. 2026-11-16)' }).pipe(calendarDateParam),
  'as-of': calendarDateParam.optional(),
  format: z.enum(['md', 'json'], { error: 'expected md or json' }).default('md'),
  out: z.string().min(1).optional(),
})

export const digestCommand = command('digest', 'the weekly digest of an area: its alerts and what changed since a day, as Markdown or JSON', HELP, async (args, io) => {
  const { values } = parseOptions(args, {
    area: { type: 'string' }, since: { type: 'string' }, 'as-of': { type: 'string' },
    format: { type: 'string' }, out: { type: 'string' }, full: { type: 'boolean' },
  }, { name: 'digest', help: HELP })
  const { full, ...given } = values
  const parsed = digestArgs.safeParse(given)
  if (!parsed.success) throw new CliError(`atlas digest: ${describeIssues(parsed.error.issues, given).replace(/(^|; )(\w[\w-]*):/g, '$1--$2:')}`)
  const options = parsed.data
  const asOf = options['as-of'] ?? new Date().toISOString().slice(0, 10)
  if (options.since > asOf) throw new CliError(`atlas digest: --since ${options.since} is after ${asOf} (expected a day on or before it)`)
  const out = options.out === undefined ? null : resolve(options.out)
  if (out !== null && !existsSync(dirname(out))) throw new CliError(`atlas digest: the directory ${dirname(out)} does not exist`)

  const config = readConfig(io.env)
  // As atlas export-units: the file may be passed on, so it carries what the public may see unless asked for more.
  const audience = audienceOf(full ? 'signed-in' : 'anonymous', config.sensitiveCategories, { role: 'admin', areaScope: null })
  const store = openDataDirStore(config, io.err)
  try {
    const snapshot = store.snapshot()
    if (!snapshot.areasByCode.has(options.area)) throw new CliError(`atlas digest: --area ${options.area} is not an area in the store`)
    const digest = digestOf(snapshot, { area: options.area, since: options.since, asOf }, audience)
    const text = options.format === 'md' ? digestMarkdown(digest) : `${JSON.stringify(digest, null, 2)}\n`
    if (out === null) io.out(text)
    else {
      writeFileSync(out, text)
      io.err(`Wrote the digest of ${digest.area.name} (${options.since} to ${asOf}: ${digest.alerts.alerts.length} alerts, ${digest.namings.length} namings, ${digest.statusChanges.length} other status changes, ${digest.inspections.length} visits) to ${out}`)
    }
    return 0
  } finally {
    store.close()
  }
})
