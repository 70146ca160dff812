import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { briefContent } from '../../brief/content'
import { briefDocument } from '../../brief/layout'
import { parsePeriod } from '../../brief/period'
import { renderBrief } from '../../brief/render'
import { readConfig } from '../../config'
import { DomainError } from '../../domain-error'
import { startLocalServer, type LocalServer } from '../../export/local-server'
import { createExportService } from '../../export/service'
import { openDataDirStore } from '../../open-store'
import { audienceOf } from '../../shared/audience'
import { CliError, command, parseOptions } from '../command'
import { checkWritable } from '../out-path'

const HELP = `Usage: atlas brief --area CODE --period P --format docx|pdf --out FILE [options]

Writes the 工作简报 of an area for a period: 总体情况 with the change against the same period a year earlier,
the area's map (drawn by the export renderer in headless Chromium), tables by child area, target progress,
namings due for 复查, inspections, newly named units and data-quality notes.

Options:
  --area CODE         the area, a GB/T 2260 code, e.g. 530626 (绥江县) or 530600 (昭通市)
  --period P          2026 (year), 2026H2 (half), 2026Q3 (quarter) or 2026-09 (month)
  --format F          docx (Word, default) | pdf
  --lang L            zh (default) | en: the document's headings and labels
  --scheme ID         the scheme counted (default: the store's default scheme, e.g. qijin)
  --public            the public version (sensitive categories summarised), as anonymous readers get it;
                      without it the briefing holds everything the data dir holds
  --out FILE          where to write
  -h, --help          show this help

Environment: ATLAS_DATA_DIR holds the store; ATLAS_URL draws the map from a running atlas instead of one
started in this process; ATLAS_CHROMIUM is the browser (default /usr/bin/chromium). The map is drawn as an
anonymous reader sees it (sensitive units without their places), whatever --public says.

Examples:
  atlas brief --area 530626 --period 2026Q3 --format docx --out 绥江-2026Q3.docx
  atlas brief --area 530600 --period 2026 --format pdf --lang en --out zhaotong-2026.pdf
`

const FORMATS = ['docx', 'pdf'] as const

export const briefCommand = command('brief', '工作简报 of an area and a period as DOCX or PDF, with its map, tables and year-over-year change', HELP, async (args, io) => {
  const { values } = parseOptions(args, {
    area: { type: 'string' }, period: { type: 'string' }, format: { type: 'string' }, lang: { type: 'string' },
    scheme: { type: 'string' }, public: { type: 'boolean' }, out: { type: 'string' },
  }, { name: 'brief', help: HELP })
  if (!values.area) throw new CliError('atlas brief: --area CODE is required, e.g. --area 530626 (see atlas brief --help)')
  if (!values.period) throw new CliError('atlas brief: --period P is required, e.g. --period 2026Q3 (see atlas brief --help)')
  if (!values.out) throw new CliError('atlas brief: --out FILE is required, e.g. --out brief.docx (see atlas brief --help)')
  const format = FORMATS.find((f) => f === (values.format ?? 'docx'))
  if (!format) throw new CliError(`atlas brief: --format ${values.format}: expected docx or pdf`)
  const lang = values.lang ?? 'zh'
  if (lang !== 'zh' && lang !== 'en') throw new CliError(`atlas brief: --lang ${lang}: expected zh or en`)
  const out = resolve(values.out)
  checkWritable(out, values.out, 'brief')

  const started = Date.now()
  const config = readConfig(io.env)
  const store = openDataDirStore(config, (m) => io.err(m))
  const exporter = createExportService()
  let server: LocalServer | null = null
  try {
    const audience = audienceOf(values.public ? 'anonymous' : 'signed-in', config.sensitiveCategories)
    const today = new Date().toISOString().slice(0, 10)
    const content = briefContent(store.snapshot(), { area: values.area, period: parsePeriod(values.period), today, schemeId: values.scheme }, audience)
    const brief = briefDocument(content, lang)
    const baseUrl = io.env.ATLAS_URL?.replace(/\/$/, '')
    if (!baseUrl) server = await startLocalServer(config, exporter, (m) => io.err(m))
    io.err('drawing the map…')
    const bytes = await renderBrief({ exporter, baseUrl: baseUrl ?? server?.url ?? '' }, content, brief, format, (sha256) => store.photos.data(sha256))
    writeFileSync(out, bytes)
    io.out(`${out}\n${brief.title}, ${(bytes.length / 1024).toFixed(0)} KB, in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
    return 0
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(`atlas brief: ${error.message}`, error.kind === 'unavailable' ? 1 : 2)
    throw error
  } finally {
    await exporter.renderer.close()
    await server?.close()
    store.close()
  }
})
