import { writeFileSync } from 'node:fs'
import { extname, resolve } from 'node:path'
import { readConfig } from '../../config'
import { exportRequestOf, ExportRequestError } from '../../export/export-request'
import { startLocalServer, type LocalServer } from '../../export/local-server'
import { RenderError, type RenderProgress } from '../../export/renderer'
import { createExportService } from '../../export/service'
import { CliError, command, parseOptions } from '../command'
import { checkWritable } from '../out-path'

const HELP = `Usage: atlas export --out FILE.png|pdf|zip [options]

Renders a print-quality map (the /export layout) in headless Chromium and writes it to FILE.

Options:
  --out FILE             where to write; the format follows the extension: .png, .pdf, or .zip (one PNG per page)
  --paper A4|A3          paper size (default A4)
  --orientation O        landscape (default) | portrait
  --dpi 150|300          resolution (default 300): A4 landscape is 3508×2480 px at 300, 1754×1240 at 150
  --size WxH             a pixel size instead of paper, e.g. 1920x1080 for a slide
  --view URL-STATE       the map view: a map page URL, "?area=530626&minLevel=市级" or "area=530626&…"
  --lang zh|en           the language of every word the sheet prints (default zh; same as lang= in --view)
  --title TEXT           the title (default: "<area>民族团结进步创建示范单位分布图")
  --subtitle TEXT        the subtitle
  --legend-title TEXT    the title of the measure's legend
  --units-legend-title TEXT  the title of the unit categories' legend
  --source TEXT          the data-source line
  --review-number TEXT   审图号, printed bottom-left (default ATLAS_MAP_REVIEW_NUMBER; without either a national or
                         provincial map prints ATLAS_MAP_UNREVIEWED_MARKING instead)
  --table                add the coverage table
  --no-inset             leave out the locator map
  --transparent          PNG with a transparent page background
  --atlas-by LEVEL       township | county: one page per area of LEVEL inside the view's area,
                         as one multi-page PDF (.pdf) or a zip of PNGs (.zip)
  -h, --help             show this help

Environment: ATLAS_URL renders from a running atlas (e.g. http://localhost:8787) instead of starting one
in this process on ATLAS_DATA_DIR; ATLAS_CHROMIUM is the browser (default /usr/bin/chromium).

Examples:
  atlas export --out zhaotong.png --paper A4 --dpi 150
  atlas export --out suijiang.pdf --view "area=530626&minLevel=市级" --atlas-by township
`

const EXTENSION_FORMATS: Record<string, 'png' | 'pdf' | 'zip'> = { '.png': 'png', '.pdf': 'pdf', '.zip': 'zip' }

export const exportCommand = command('export', 'print-quality map images (PNG/PDF, A4/A3, 150/300 DPI, atlas series) via headless Chromium', HELP, async (args, io) => {
  const { values } = parseOptions(args, {
    out: { type: 'string' }, paper: { type: 'string' }, orientation: { type: 'string' }, dpi: { type: 'string' },
    size: { type: 'string' }, view: { type: 'string' }, title: { type: 'string' }, subtitle: { type: 'string' },
    source: { type: 'string' }, 'review-number': { type: 'string' }, table: { type: 'boolean' }, lang: { type: 'string' },
    'legend-title': { type: 'string' }, 'units-legend-title': { type: 'string' },
    'no-inset': { type: 'boolean' }, transparent: { type: 'boolean' }, 'atlas-by': { type: 'string' },
    format: { type: 'string' },
  }, { name: 'export', help: HELP })
  if (!values.out) throw new CliError('atlas export: --out FILE is required, e.g. --out map.png (see atlas export --help)')
  const out = resolve(values.out)
  const format = EXTENSION_FORMATS[extname(out).toLowerCase()]
  if (!format) throw new CliError(`atlas export: --out ${values.out}: the extension must be .png, .pdf or .zip (it sets the format)`)
  if (values.format && values.format !== format) throw new CliError(`atlas export: --format ${values.format} disagrees with --out ${values.out}`)
  if (format === 'png' && values['atlas-by']) throw new CliError('atlas export: an atlas has many pages: write it to a .pdf or a .zip (of PNGs), not a .png')
  checkWritable(out, values.out, 'export')

  const params = new URLSearchParams()
  const put = (key: string, value: string | undefined) => value !== undefined && params.set(key, value)
  put('format', format)
  put('paper', values.paper)
  put('orientation', values.orientation)
  put('dpi', values.dpi)
  put('size', values.size)
  put('view', values.view)
  put('lang', values.lang)
  put('title', values.title)
  put('subtitle', values.subtitle)
  put('legendTitle', values['legend-title'])
  put('unitsLegendTitle', values['units-legend-title'])
  put('source', values.source)
  put('reviewNumber', values['review-number'])
  put('atlasBy', values['atlas-by'])
  if (values.table) params.set('table', '1')
  if (values['no-inset']) params.set('inset', '0')
  if (values.transparent) params.set('transparent', '1')
  let request
  try {
    request = exportRequestOf(params)
  } catch (error) {
    if (error instanceof ExportRequestError) throw new CliError(`atlas export: --${optionName(error.parameter)}: ${error.message}`)
    throw error
  }

  const started = Date.now()
  const exporter = createExportService()
  let server: LocalServer | null = null
  try {
    const baseUrl = io.env.ATLAS_URL?.replace(/\/$/, '')
    if (!baseUrl) server = await startLocalServer(readConfig(io.env), exporter, (m) => io.err(m))
    const url = baseUrl ?? server?.url ?? ''
    let lastLine = ''
    const job = exporter.queue.enqueue(request, url, undefined, (j) => {
      const line = progressLine(j.progress)
      if (line && line !== lastLine) io.err(line)
      lastLine = line
    })
    const result = await job.done
    writeFileSync(out, result.bytes)
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    const what = format === 'pdf' ? `${result.pages} page${result.pages === 1 ? '' : 's'}, ${request.size.widthMm}×${request.size.heightMm} mm` : `${result.pages} image${result.pages === 1 ? '' : 's'} of ${result.widthPx}×${result.heightPx} px`
    io.out(`${out}\n${what}, ${(result.bytes.length / 1024 / 1024).toFixed(2)} MB, in ${seconds} s\n`)
    return 0
  } catch (error) {
    if (error instanceof RenderError) throw new CliError(`atlas export: ${error.message}`, 1)
    throw error
  } finally {
    await exporter.renderer.close()
    await server?.close()
  }
})

function progressLine(p: RenderProgress): string {
  if (p.stage === 'drawing' && p.total > 1) return `drawing page ${Math.min(p.done + 1, p.total)} of ${p.total}…`
  if (p.stage === 'capturing' && p.total > 1) return `capturing page ${p.done + 1} of ${p.total}…`
  if (p.stage === 'starting') return 'starting Chromium…'
  if (p.stage === 'capturing') return 'capturing…'
  return ''
}

function optionName(parameter: string): string {
  return { reviewNumber: 'review-number', atlasBy: 'atlas-by' }[parameter] ?? parameter
}
