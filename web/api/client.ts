// The only file that calls the server. Requests and responses are typed from the server's routes.
// Over 400 lines on purpose: one typed contract in one file (the import check enforces it), a few lines per route.
import { hc } from 'hono/client'
import { NAMED_STATUSES, type HonourLevel, type UnitStatus } from '../../server/shared/domain'
import type { AppType } from '../../server/app'
import { IMPORT_PROGRESS_TYPE, ndjsonSplitter, type ImportStreamEvent, type OnImportProgress } from '../../server/shared/import-progress'

export const api = hc<AppType>('/', { headers: credentialHeaders })

// ── the page's credential: a screen token (/screen?token=…) or an export job's render token ──────────

let bearerToken: string | null = null

/**
 * Sends `Authorization: Bearer <token>` with every API request this page makes from now on (null: none,
 * the session cookie alone). A page that takes a token from its URL calls this once, before it loads.
 */
export function setApiToken(token: string | null): void {
  bearerToken = token
}

/** The `token` parameter of a page's query string; null when absent, or when it could not be a header value. */
export function tokenParamOf(search: string): string | null {
  const token = new URLSearchParams(search).get('token')?.trim() ?? ''
  return /^[\x21-\x7e]{1,256}$/.test(token) ? token : null
}

function credentialHeaders(): Record<string, string> {
  return bearerToken === null ? {} : { Authorization: `Bearer ${bearerToken}` }
}

interface Answer {
  ok: boolean
  status: number
  json(): Promise<unknown>
  text(): Promise<string>
}

/** The JSON body of a 2xx answer; an endpoint's answer type is a union over its status codes. */
type OkBody<A> = Awaited<ReturnType<Extract<A, { ok: true; json(): unknown }>['json']>>
type OkBodyOf<Endpoint extends (...args: never[]) => Promise<Answer>> = OkBody<Awaited<ReturnType<Endpoint>>>

export type SchemesResponse = OkBodyOf<typeof api.api.schemes.$get>
type AreasAnswer = OkBodyOf<typeof api.api.areas.$get>
/** /api/areas with the boundaries (geometry=full, the default). */
export type AreasResponse = Extract<AreasAnswer, { features: { geometry: { type: 'MultiPolygon' } | null }[] }>
/** /api/areas?geometry=label: label points and boxes, the boundaries left to the vector tiles. */
export type AreaPlacesResponse = Extract<AreasAnswer, { features: { geometry: { type: 'Point' } | null }[] }>
export type UnitsResponse = OkBodyOf<typeof api.api.units.$get>
export type CoverageResponse = OkBodyOf<typeof api.api.coverage.$get>

/** Thrown for any answer outside 2xx; the message is the server's own `error.message`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown, // the server's error.details, e.g. { current } with a 412
  ) {
    super(message)
  }
}

/** The body of a 2xx answer, or an ApiError naming what the server said went wrong. */
async function okBodyOf<A extends Answer>(what: string, answer: A): Promise<OkBody<A>> {
  if (!answer.ok) throw await apiErrorOf(what, answer)
  // Answers sent with a status typed as a wide union (e.g. ContentfulStatusCode) carry `ok: boolean`, so
  // the check above cannot narrow them away in the type; at runtime only a 2xx body reaches this line.
  return (await answer.json()) as OkBody<A>
}

// ── the session: ended by idle time or another sign-in, or waiting for a new password ──────────────

/** What an answer says about the caller's session, whichever request of whichever page got it. */
export type SessionNotice =
  | { kind: 'session_idle'; idleMinutes: number | null }
  | { kind: 'session_replaced' }
  | { kind: 'password_change_required' }

const sessionListeners = new Set<(notice: SessionNotice) => void>()

/**
 * Calls `listener` whenever an answer says the session ended or the password must be changed first; returns
 * the unsubscribe. One listener (web/login/SessionGuard.tsx) shows a dialog over the page, so a half-filled
 * form stays as it was and its save can be sent again after signing in.
 */
export function onSessionNotice(listener: (notice: SessionNotice) => void): () => void {
  sessionListeners.add(listener)
  return () => sessionListeners.delete(listener)
}

function sessionNoticeOf(code: string, details: unknown): SessionNotice | null {
  if (code === 'session_idle') {
    const minutes = (details as { idleMinutes?: unknown } | undefined)?.idleMinutes
    return { kind: code, idleMinutes: typeof minutes === 'number' ? minutes : null }
  }
  return code === 'session_replaced' || code === 'password_change_required' ? { kind: code } : null
}

/** The ApiError for a non-2xx answer, carrying the server's `{ error: { code, message } }` when it sent one. */
async function apiErrorOf(what: string, answer: { status: number; text(): Promise<string> }): Promise<ApiError> {
  const text = await answer.text()
  let parsed: unknown = null
  try {
    parsed = JSON.parse(text)
  } catch {
    // Not JSON (e.g. a proxy's HTML error page): fall through to the raw text.
  }
  if (!isErrorBody(parsed)) return new ApiError(answer.status, 'http_error', `${what}: HTTP ${answer.status} ${text.slice(0, 200)}`.trim())
  const { details } = parsed.error as { details?: unknown }
  const notice = sessionNoticeOf(parsed.error.code, details)
  if (notice) for (const listener of sessionListeners) listener(notice)
  return new ApiError(answer.status, parsed.error.code, `${what}: ${parsed.error.message}`, details)
}

function isErrorBody(value: unknown): value is { error: { code: string; message: string } } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false
  const { error } = value
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error &&
    typeof error.code === 'string' && typeof error.message === 'string'
}

export async function fetchSchemes(): Promise<SchemesResponse> {
  return okBodyOf('方案 (schemes)', await api.api.schemes.$get())
}

export async function fetchAreas(query: { level: string; parent?: string }): Promise<AreasResponse> {
  // The union of the route's two answers: geometry=full (the default) chooses this one.
  return (await okBodyOf('行政区 (areas)', await api.api.areas.$get({ query }))) as AreasResponse
}

/** The areas' label points and boxes, without their boundaries (maps that draw them from /api/tiles). */
export async function fetchAreaPlaces(query: { level: string; parent?: string }): Promise<AreaPlacesResponse> {
  return (await okBodyOf('行政区 (areas)', await api.api.areas.$get({ query: { ...query, geometry: 'label' } }))) as AreaPlacesResponse
}

/** The URL template of a layer's vector tiles (GET /api/tiles/{layer}/{z}/{x}/{y}.mvt), as MapLibre's source takes it. */
export function tileUrlTemplate(layer: string): string {
  return `${window.location.origin}/api/tiles/${layer}/{z}/{x}/{y}.mvt`
}

/** MapLibre's transformRequest: the page's credential on its tile requests, as on every other API request. */
export function tileRequest(url: string): { url: string; headers?: Record<string, string> } {
  return url.startsWith(`${window.location.origin}/api/`) ? { url, headers: credentialHeaders() } : { url }
}

export type AreasAtAnswer = OkBodyOf<typeof api.api.areas.at.$get>
export type AreaStep = AreasAtAnswer['areas'][number]

/** The areas holding a WGS-84 point, deepest first (township → county → …); empty outside every area. */
export async function fetchAreasAt(lon: number, lat: number, init?: RequestInit): Promise<AreasAtAnswer> {
  return okBodyOf(`所在区域 (areas at ${lon}, ${lat})`, await api.api.areas.at.$get({ query: { lon: String(lon), lat: String(lat) } }, { init }))
}

export interface CountedUnitsQuery {
  area: string // units in this area or below it
  scheme: string
  minLevel: HonourLevel
  year: number
  statuses?: readonly UnitStatus[] // the statuses counted; NAMED_STATUSES (命名, 复查) when absent
}

function countedUnitsParams({ area, scheme, minLevel, year, statuses = NAMED_STATUSES }: CountedUnitsQuery) {
  return { area, scheme, minLevel, year: String(year), status: statuses.join(',') }
}

export type UnitColumnsResponse = OkBodyOf<typeof api.api.units.columns.$get>

/** The units the coverage counts: named (命名 or 复查 as of `year`, or `statuses`) at `minLevel` or above; as columns. */
export async function fetchCountedUnits(counted: CountedUnitsQuery): Promise<UnitColumnsResponse> {
  return okBodyOf('示范单位 (units)', await api.api.units.columns.$get({ query: countedUnitsParams(counted) }))
}

/** One vocabulary for every coverage request: the dashboard's, the screen's, the export's. */
export interface CoverageQuery {
  level: string
  parent?: string // only children of this area; every area of the level when absent
  scheme: string
  minLevel: HonourLevel
  year: number
  statuses?: readonly UnitStatus[] // the statuses counted; the server's default (命名, 复查) when absent
  categories?: readonly string[] | null // only these categories count; all when absent or null
}

function coverageParams({ year, statuses, parent, categories, ...rest }: Omit<CoverageQuery, 'year'> & { year?: number }) {
  return {
    ...rest,
    ...(parent === undefined ? {} : { parent }),
    ...(year === undefined ? {} : { year: String(year) }),
    ...(statuses ? { status: statuses.join(',') } : {}),
    ...(categories && categories.length > 0 ? { categories: categories.join(',') } : {}),
  }
}

export async function fetchCoverage(coverage: CoverageQuery): Promise<CoverageResponse> {
  return okBodyOf('覆盖统计 (coverage)', await api.api.coverage.$get({ query: coverageParams(coverage) }))
}

export type CoverageSeriesResponse = OkBodyOf<typeof api.api.coverage.series.$get>

/** The counts of the query's areas at the end of every year from `from` to `to`, in one answer. */
export async function fetchCoverageSeries(coverage: Omit<CoverageQuery, 'year'>, from: number, to: number): Promise<CoverageSeriesResponse> {
  return okBodyOf('历年覆盖 (coverage series)', await api.api.coverage.series.$get({ query: { ...coverageParams(coverage), from: String(from), to: String(to) } }))
}

export async function fetchCoverageSeriesIfChanged(coverage: Omit<CoverageQuery, 'year'>, from: number, to: number, etag: string | null): Promise<Revalidated<CoverageSeriesResponse>> {
  const answer = await api.api.coverage.series.$get({ query: { ...coverageParams(coverage), from: String(from), to: String(to) } }, conditional(etag))
  return revalidatedBodyOf('历年覆盖 (coverage series)', answer, etag)
}

export type SignedInUser = NonNullable<OkBodyOf<typeof api.api.auth.me.$get>['user']>

/** Signs in; `totp` is the authenticator's code (or a recovery code) when the account has a second factor (else ApiError totp_required). */
export async function signIn(username: string, password: string, totp?: string): Promise<SignedInUser> {
  return (await okBodyOf('登录 (sign in)', await api.api.auth.login.$post({ json: { username, password, ...(totp ? { totp } : {}) } }))).user
}

export async function signOut(): Promise<void> {
  await okBodyOf('退出 (sign out)', await api.api.auth.logout.$post())
}

export async function fetchCurrentUser(): Promise<SignedInUser | null> {
  return (await okBodyOf('当前用户 (current user)', await api.api.auth.me.$get())).user
}

// ── two-step verification (the account page) ───────────────────────────────────────────────────────

export type TotpStatus = OkBodyOf<typeof api.api.auth.totp.$get>
export type TotpSetup = OkBodyOf<typeof api.api.auth.totp.setup.$post>

export async function fetchTotpStatus(): Promise<TotpStatus> {
  return okBodyOf('两步验证状态 (two-step status)', await api.api.auth.totp.$get())
}

/** A new secret and its QR code (SVG); it counts once enableTotp confirms a code from it. */
export async function setupTotp(): Promise<TotpSetup> {
  return okBodyOf('设置两步验证 (set up two-step verification)', await api.api.auth.totp.setup.$post())
}

/** Turns it on with a code from the app; the ten recovery codes come back this once. */
export async function enableTotp(code: string): Promise<string[]> {
  return (await okBodyOf('启用两步验证 (enable two-step verification)', await api.api.auth.totp.enable.$post({ json: { code } }))).recoveryCodes
}

export async function disableTotp(password: string, code: string): Promise<void> {
  await okBodyOf('停用两步验证 (turn off two-step verification)', await api.api.auth.totp.disable.$post({ json: { password, code } }))
}

/** Ends every session of the user, this one included: sign in again with `newPassword`. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await okBodyOf('修改密码 (change password)', await api.api.auth.password.$post({ json: { currentPassword, newPassword } }))
}

// ── /screen: conditional polling and screen profiles ──────────────────────────────────────────────

export type ScreenProfilesResponse = OkBodyOf<typeof api.api['screen-profiles']['$get']>
export type ScreenProfileResponse = OkBodyOf<(typeof api.api['screen-profiles'])[':id']['$get']>

/** A conditional GET's outcome: a new body, or `changed: false` when the server answered 304. */
export type Revalidated<T> = { changed: true; body: T; etag: string | null } | { changed: false; etag: string }

/**
 * Sends `etag` back as If-None-Match. `cache: 'no-store'` keeps the browser's own cache out of it, so
 * a 304 reaches this code (and the caller keeps the body it already has) instead of being replayed as a 200.
 */
function conditional(etag: string | null) {
  return { headers: etag ? { 'If-None-Match': etag } : ({} as Record<string, string>), init: { cache: 'no-store' as const } }
}

async function revalidatedBodyOf<A extends Answer & { headers: Headers }>(what: string, answer: A, etag: string | null): Promise<Revalidated<OkBody<A>>> {
  if (answer.status === 304 && etag) return { changed: false, etag }
  return { changed: true, body: await okBodyOf(what, answer), etag: answer.headers.get('etag') }
}

export async function fetchCoverageIfChanged(coverage: CoverageQuery, etag: string | null): Promise<Revalidated<CoverageResponse>> {
  const answer = await api.api.coverage.$get({ query: coverageParams(coverage) }, conditional(etag))
  return revalidatedBodyOf('覆盖统计 (coverage)', answer, etag)
}

export async function fetchCountedUnitsIfChanged(counted: CountedUnitsQuery, etag: string | null): Promise<Revalidated<UnitColumnsResponse>> {
  return revalidatedBodyOf('示范单位 (units)', await api.api.units.columns.$get({ query: countedUnitsParams(counted) }, conditional(etag)), etag)
}

export async function fetchScreenProfileIfChanged(id: string, etag: string | null): Promise<Revalidated<ScreenProfileResponse>> {
  const answer = await api.api['screen-profiles'][':id'].$get({ param: { id } }, conditional(etag))
  return revalidatedBodyOf(`大屏配置 (screen profile ${id})`, answer, etag)
}

export async function fetchScreenProfiles(): Promise<ScreenProfilesResponse> {
  return okBodyOf('大屏配置 (screen profiles)', await api.api['screen-profiles'].$get())
}

export async function saveScreenProfile(id: string, name: string, config: ScreenProfileResponse['profile']['config']): Promise<ScreenProfileResponse> {
  return okBodyOf('保存大屏配置 (save screen profile)', await api.api['screen-profiles'][':id'].$put({ param: { id }, json: { name, config } }))
}

export async function deleteScreenProfile(id: string): Promise<void> {
  await okBodyOf('删除大屏配置 (delete screen profile)', await api.api['screen-profiles'][':id'].$delete({ param: { id } }))
}

/** The address of a server-side export (GET /api/export) for a view-state + export-options query. */
/** The server's 审图号 and unreviewed marking (ATLAS_MAP_REVIEW_NUMBER, ATLAS_MAP_UNREVIEWED_MARKING) for the print layout. */
export async function fetchExportSettings() {
  return okBodyOf('导出设置 (export settings)', await api.api.export.settings.$get())
}

export function exportUrl(query: string, format: 'png' | 'pdf' | 'zip'): string {
  return `/api/export?${[query, `format=${format}`].filter(Boolean).join('&')}`
}

/** A 工作简报 (GET /api/brief): the area, the period (2026, 2026H2, 2026Q3, 2026-09) and the document's language. */
export interface BriefQuery {
  area: string
  period: string
  lang: 'zh' | 'en'
}

/** The address of the briefing as a file to download. */
export function briefUrl(query: BriefQuery, format: 'docx' | 'pdf'): string {
  return `/api/brief?${new URLSearchParams({ ...query, format })}`
}

/** The briefing as the HTML page its PDF is printed from, map included: the /brief page's preview. */
export async function fetchBriefPreview(query: BriefQuery): Promise<string> {
  const answer = await api.api.brief.$get({ query: { ...query, format: 'html' } })
  if (!answer.ok) throw await apiErrorOf('工作简报 (briefing)', answer)
  return answer.text()
}

export type PlanRequest = Parameters<typeof api.api.plan.$post>[0]['json']
export type PlanReport = OkBodyOf<typeof api.api.plan.$post>
export type PlanScenarioSummary = OkBodyOf<typeof api.api.plan.scenarios.$get>['scenarios'][number]

export async function runPlan(request: PlanRequest): Promise<PlanReport> {
  return okBodyOf('选址规划 (plan)', await api.api.plan.$post({ json: request }))
}

export async function savePlanScenario(name: string, request: PlanRequest): Promise<void> {
  await okBodyOf('保存方案 (save scenario)', await api.api.plan.scenarios.$post({ json: { name, request } }))
}

export async function fetchPlanScenarios(area: string): Promise<PlanScenarioSummary[]> {
  return (await okBodyOf('方案列表 (scenarios)', await api.api.plan.scenarios.$get({ query: { area } }))).scenarios
}

export async function promoteUnits(unitIds: number[], reason: string): Promise<number> {
  return (await okBodyOf('推荐申报 (promote)', await api.api.plan.promote.$post({ json: { unitIds, reason } }))).promoted
}

export type GapReport = OkBodyOf<typeof api.api.plan.gaps.$get>
export type PlanScenario = OkBodyOf<(typeof api.api.plan.scenarios)[':id']['$get']>

export async function fetchGaps(area: string, minLevel: HonourLevel): Promise<GapReport> {
  return okBodyOf('缺口分析 (gaps)', await api.api.plan.gaps.$get({ query: { area, minLevel } }))
}

export async function fetchPlanScenario(id: number): Promise<PlanScenario> {
  return okBodyOf('方案 (scenario)', await api.api.plan.scenarios[':id'].$get({ param: { id: String(id) } }))
}

// ── /data: imports (multipart uploads through the typed client; dry run unless dryRun is 'false') ────────

export type UnitImportForm = Omit<Parameters<typeof api.api.import.units.$post>[0]['form'], 'file'>
export type UnitImportResult = OkBodyOf<typeof api.api.import.units.$post>
export type AreaImportForm = Omit<Parameters<typeof api.api.import.areas.$post>[0]['form'], 'file'>
export type AreaImportResult = OkBodyOf<typeof api.api.import.areas.$post>
export type ImportBatchSummary = OkBodyOf<typeof api.api.import.batches.$get>['imports'][number]

/**
 * An import with progress: asks for the NDJSON stream (server/http/progress-stream.ts), calls `onProgress`
 * with each event, and answers the last event's body — the body the plain JSON answer has.
 */
export async function importUnitsWithProgress(file: File, form: UnitImportForm, onProgress: OnImportProgress): Promise<UnitImportResult> {
  const answer = await api.api.import.units.$post({ form: { ...form, file } }, { headers: { Accept: IMPORT_PROGRESS_TYPE } })
  return streamedBodyOf('导入单位台账 (import units)', answer, onProgress)
}

export async function importAreasWithProgress(file: File, form: AreaImportForm, onProgress: OnImportProgress): Promise<AreaImportResult> {
  const answer = await api.api.import.areas.$post({ form: { ...form, file } }, { headers: { Accept: IMPORT_PROGRESS_TYPE } })
  return streamedBodyOf('导入行政区 (import areas)', answer, onProgress)
}

/** The result event's body of a progress stream; an error before the stream or in its last event is an ApiError. */
async function streamedBodyOf<A extends Answer & { body: ReadableStream<Uint8Array> | null }>(what: string, answer: A, onProgress: OnImportProgress): Promise<OkBody<A>> {
  if (!answer.ok) throw await apiErrorOf(what, answer)
  if (answer.body === null) throw new ApiError(answer.status, 'http_error', `${what}: the answer has no body`)
  const lines = ndjsonSplitter<ImportStreamEvent<OkBody<A>>>()
  const decoder = new TextDecoder()
  const reader = answer.body.getReader()
  let last: Exclude<ImportStreamEvent<OkBody<A>>, { type: 'progress' }> | undefined
  for (;;) {
    const { done, value } = await reader.read()
    const events = done ? lines.push(decoder.decode()).concat(lines.end()) : lines.push(decoder.decode(value, { stream: true }))
    for (const event of events) {
      if (event.type === 'progress') onProgress({ phase: event.phase, done: event.done, total: event.total })
      else last = event
    }
    if (done) break
  }
  if (last === undefined) throw new ApiError(answer.status, 'http_error', `${what}: the answer ended before its result (connection lost?)`)
  if (last.type === 'error') throw new ApiError(last.status, last.body.error.code, `${what}: ${last.body.error.message}`, last.body.error.details)
  return last.body
}

export async function fetchImportBatches(): Promise<ImportBatchSummary[]> {
  return (await okBodyOf('导入记录 (imports)', await api.api.import.batches.$get())).imports
}

export async function rollbackImport(id: number): Promise<void> {
  await okBodyOf(`撤销导入 ${id} (rollback)`, await api.api.import.batches[':id'].rollback.$post({ param: { id: String(id) } }))
}

// ── the analyst dashboard (web/dashboard) ─────────────────────────────────────────────────────────

export interface UnitsWhere {
  area: string
  scheme: string
  minLevel: HonourLevel
  year: string
  status: string // comma-separated statuses
}

/** Units under any status list (not only the named ones), as the dashboard's status filter asks; as columns. */
export async function fetchUnitColumnsWhere(query: UnitsWhere): Promise<UnitColumnsResponse> {
  return okBodyOf('示范单位 (units)', await api.api.units.columns.$get({ query }))
}

export type UnitDetailResponse = OkBodyOf<(typeof api.api.units)[':id{[0-9]+}']['$get']>

export async function fetchUnitDetail(id: number): Promise<UnitDetailResponse> {
  return okBodyOf(`单位详情 (unit ${id})`, await api.api.units[':id{[0-9]+}'].$get({ param: { id: String(id) } }))
}

// ── demonstration corridors (示范走廊), drawn by web/layers/demo-corridors.ts ─────────────────────────

export type CorridorsResponse = OkBodyOf<typeof api.api.corridors.$get>
export type CorridorItem = CorridorsResponse['corridors'][number]

/** The corridors with at least one stop in `area` (or below it); sensitive stops come redacted unless signed in. */
export async function fetchCorridors(area: string): Promise<CorridorsResponse> {
  return okBodyOf('示范走廊 (corridors)', await api.api.corridors.$get({ query: { area } }))
}

// ── alerts (提醒, /api/alerts) ───────────────────────────────────────────────────────────────────────

export type AlertsResponse = OkBodyOf<typeof api.api.alerts.$get>
export type AlertItem = AlertsResponse['alerts'][number]

/**
 * The alerts of `area` and every area within it as of today, the `perKind` most urgent of each kind listed
 * (the counts count all); those about withheld units come redacted or only counted.
 */
export async function fetchAlerts(area: string, perKind: number): Promise<AlertsResponse> {
  return okBodyOf('提醒 (alerts)', await api.api.alerts.$get({ query: { area, perKind: String(perKind) } }))
}

// ── creation targets (创建目标, /targets) ─────────────────────────────────────────────────────────────

export type TargetsResponse = OkBodyOf<typeof api.api.targets.$get>
export type TargetItem = TargetsResponse['targets'][number]
export type NewTarget = Parameters<typeof api.api.targets.$post>[0]['json']
export type TargetChange = Parameters<(typeof api.api.targets)[':id']['$patch']>[0]['json']

/** The targets of `area` and of every area within it (all when absent), each with its progress this year. */
export async function fetchTargets(query: { area?: string; scheme?: string }): Promise<TargetsResponse> {
  return okBodyOf('创建目标 (targets)', await api.api.targets.$get({ query }))
}

export async function createTarget(target: NewTarget): Promise<TargetItem> {
  return (await okBodyOf('新增目标 (create target)', await api.api.targets.$post({ json: target }))).target
}

export async function updateTarget(id: number, change: TargetChange): Promise<TargetItem> {
  return (await okBodyOf(`保存目标 ${id} (update target)`, await api.api.targets[':id'].$patch({ param: { id: String(id) }, json: change }))).target
}

export async function deleteTarget(id: number): Promise<void> {
  await okBodyOf(`删除目标 ${id} (delete target)`, await api.api.targets[':id'].$delete({ param: { id: String(id) } }))
}

// ── schemes and their categories (创建方案, /schemes; writes: admins) ──────────────────────────────────

export type SchemeItem = SchemesResponse['schemes'][number]
export type NewScheme = Parameters<typeof api.api.schemes.$post>[0]['json']
export type SchemeChange = Parameters<(typeof api.api.schemes)[':id']['$patch']>[0]['json']
export type NewCategory = Parameters<(typeof api.api.schemes)[':id']['categories']['$post']>[0]['json']
export type CategoryChange = Parameters<(typeof api.api.schemes)[':id']['categories'][':category']['$patch']>[0]['json']
export type CategoryChangeAnswer = OkBodyOf<(typeof api.api.schemes)[':id']['categories'][':category']['$patch']>

export async function createScheme(scheme: NewScheme): Promise<SchemeItem> {
  return (await okBodyOf('新增方案 (create scheme)', await api.api.schemes.$post({ json: scheme }))).scheme
}

/** Sets name, note, visits a year, or the order of the scheme's categories (`categories`: the same ones reordered). */
export async function updateScheme(id: string, change: SchemeChange): Promise<SchemeItem> {
  return (await okBodyOf(`保存方案 ${id} (update scheme)`, await api.api.schemes[':id'].$patch({ param: { id }, json: change }))).scheme
}

export async function addCategory(schemeId: string, category: NewCategory): Promise<SchemeItem> {
  const answer = await api.api.schemes[':id'].categories.$post({ param: { id: schemeId }, json: category })
  return (await okBodyOf(`新增类别 ${category.name} (add category)`, answer)).scheme
}

/** Renames the category (its units and targets follow; the old name stays a synonym) and/or replaces its synonyms. */
export async function changeCategory(schemeId: string, category: string, change: CategoryChange): Promise<CategoryChangeAnswer> {
  const answer = await api.api.schemes[':id'].categories[':category'].$patch({ param: { id: schemeId, category }, json: change })
  return okBodyOf(`保存类别 ${category} (change category)`, answer)
}

/** Removes a category no unit or target uses; a 409 says how many use it. */
export async function removeCategory(schemeId: string, category: string): Promise<SchemeItem> {
  const answer = await api.api.schemes[':id'].categories[':category'].$delete({ param: { id: schemeId, category } })
  return (await okBodyOf(`删除类别 ${category} (remove category)`, answer)).scheme
}

// ── the units table and unit edits (/units) ─────────────────────────────────────────────────────────

export type UnitTableQuery = NonNullable<Parameters<typeof api.api.units.table.$get>[0]>['query']
export type UnitTablePage = OkBodyOf<typeof api.api.units.table.$get>
export type UnitTableRow = UnitTablePage['rows'][number]

export async function fetchUnitTable(query: UnitTableQuery): Promise<UnitTablePage> {
  return okBodyOf('单位台账 (units table)', await api.api.units.table.$get({ query }))
}

export type UnitRecordAnswer = OkBodyOf<(typeof api.api.units)[':id']['record']['$get']>
export type UnitRecord = UnitRecordAnswer['unit']
export type UnitEdit = NonNullable<Parameters<(typeof api.api.units)[':id']['$patch']>[0]>['json']

export async function fetchUnitRecord(id: number): Promise<UnitRecordAnswer> {
  return okBodyOf(`单位 ${id}`, await api.api.units[':id'].record.$get({ param: { id: String(id) } }))
}

export type NewUnit = NonNullable<Parameters<typeof api.api.units.$post>[0]>['json']

/** Adds a unit (status 培育 unless given); the area comes from the point when none is named. */
export async function createUnit(unit: NewUnit): Promise<UnitRecordAnswer> {
  return okBodyOf('新增单位', await api.api.units.$post({ json: unit }))
}

/** Saves `edit` over `version`; a 412 ApiError carries the current unit in `details.current`. */
export async function updateUnit(id: number, version: number, edit: UnitEdit): Promise<UnitRecordAnswer> {
  return okBodyOf(`保存单位 ${id}`, await api.api.units[':id'].$patch({ param: { id: String(id) }, json: edit }, { headers: { 'If-Match': `"${version}"` } }))
}

export type UnitTransition = Parameters<(typeof api.api.units)[':id']['transitions']['$post']>[0]['json']
export type UnitHistory = OkBodyOf<(typeof api.api.units)[':id{[0-9]+}']['history']['$get']>

/** Moves the unit one step along the naming workflow from `version`; a 412 carries the current unit, a 409 says why not. */
export async function transitionUnit(id: number, version: number, transition: UnitTransition): Promise<UnitRecordAnswer> {
  return okBodyOf(`单位 ${id} ${transition.to}`, await api.api.units[':id'].transitions.$post({ param: { id: String(id) }, json: transition }, { headers: { 'If-Match': `"${version}"` } }))
}

/** Moves every unit in `ids` together (all or none). */
export async function transitionUnits(ids: number[], transition: UnitTransition): Promise<number> {
  return (await okBodyOf(`${ids.length} 个单位 ${transition.to}`, await api.api.units.transitions.$post({ json: { ids, ...transition } }))).moved
}

export async function fetchUnitHistory(id: number): Promise<UnitHistory> {
  return okBodyOf(`单位 ${id} 的历史`, await api.api.units[':id{[0-9]+}'].history.$get({ param: { id: String(id) } }))
}

// ── inspections (督导) of a unit (web/units/InspectionsPanel.tsx) ────────────────────────────────────

export type InspectionQuery = NonNullable<Parameters<typeof api.api.inspections.$get>[0]>['query']
export type InspectionList = OkBodyOf<typeof api.api.inspections.$get>
export type InspectionItem = InspectionList['inspections'][number]
export type VisitsSummary = NonNullable<InspectionList['visits']>
export type NewInspection = NonNullable<Parameters<typeof api.api.inspections.$post>[0]>['json']
export type InspectionChange = NonNullable<Parameters<(typeof api.api.inspections)[':id']['$patch']>[0]>['json']

/** Inspections newest first; with `unit`, also its visits done and due this year (null when withheld from the caller). */
export async function fetchInspections(query: InspectionQuery): Promise<InspectionList> {
  return okBodyOf('督导记录 (inspections)', await api.api.inspections.$get({ query }))
}

export async function createInspection(inspection: NewInspection): Promise<InspectionItem> {
  return (await okBodyOf('新增督导 (create inspection)', await api.api.inspections.$post({ json: inspection }))).inspection
}

/** Saves `change` over `version`; a 412 ApiError carries the current inspection in `details.current`. */
export async function updateInspection(id: number, version: number, change: InspectionChange): Promise<InspectionItem> {
  const answer = await api.api.inspections[':id'].$patch({ param: { id: String(id) }, json: change }, { headers: { 'If-Match': `"${version}"` } })
  return (await okBodyOf(`保存督导 ${id} (update inspection)`, answer)).inspection
}

/** Marks the inspection's follow-up (整改) done on `date` (yyyy-mm-dd). */
export async function closeFollowUp(id: number, version: number, date: string): Promise<InspectionItem> {
  return updateInspection(id, version, { followUpClosedAt: date })
}

// ── /audit: the audit trail (admins) ─────────────────────────────────────────────────────────────

export type AuditEntryItem = OkBodyOf<typeof api.api.audit.$get>['entries'][number]

/** The audit page's filters; empty fields are left out. */
export interface AuditQuery {
  actor?: string
  action?: string
  entity?: string
  entityId?: string
  from?: string // YYYY-MM-DD
  to?: string
}

export async function fetchAudit(query: AuditQuery): Promise<AuditEntryItem[]> {
  const filled = Object.fromEntries(Object.entries(query).filter(([, value]) => value))
  return (await okBodyOf('审计日志 (audit trail)', await api.api.audit.$get({ query: { ...filled, limit: '500' } }))).entries
}

/** The CSV of the same filters, as a link to download. */
export function auditExportUrl(query: AuditQuery): string {
  return `/api/audit/export?${new URLSearchParams(Object.entries(query).filter(([, value]) => value))}`
}

// ── /users: accounts, roles and scopes (the accounts and roles duties) ─────────────────────────────

export type UserItem = OkBodyOf<typeof api.api.users.$get>['users'][number]
export type NewUser = Parameters<typeof api.api.users.$post>[0]['json']
export type UserChange = Parameters<(typeof api.api.users)[':id']['$patch']>[0]['json']

export async function fetchUsers(): Promise<UserItem[]> {
  return (await okBodyOf('账号列表 (accounts)', await api.api.users.$get())).users
}

export async function createUser(user: NewUser): Promise<UserItem> {
  return (await okBodyOf(`新建账号 ${user.username} (create account)`, await api.api.users.$post({ json: user }))).user
}

export async function updateUser(id: number, change: UserChange): Promise<UserItem> {
  return (await okBodyOf(`修改账号 ${id} (update account)`, await api.api.users[':id'].$patch({ param: { id: String(id) }, json: change }))).user
}

// ── /inspect: 督导 in the field (web/inspect/) ─────────────────────────────────────────────────────────

export type SyncedVisit = NonNullable<Parameters<(typeof api.api.inspections)['by-client-id'][':clientId']['$put']>[0]>['json']
export type VisitsDueAnswer = OkBodyOf<typeof api.api.inspections.due.$get>

/** Each unit of `area` with its visits due this year and its overdue follow-ups. */
export async function fetchVisitsDue(area: string): Promise<VisitsDueAnswer> {
  return okBodyOf('应督导单位 (visits due)', await api.api.inspections.due.$get({ query: { area } }))
}

/** The units of `area` as GeoJSON points (every status). */
export async function fetchUnitsOfArea(area: string): Promise<UnitsResponse> {
  return okBodyOf('示范单位 (units)', await api.api.units.$get({ query: { area } }))
}

/** The child areas of `parent` with their boundaries. */
export async function fetchChildAreas(parent: string): Promise<AreasResponse> {
  return (await okBodyOf('行政区 (areas)', await api.api.areas.$get({ query: { parent } }))) as AreasResponse
}

/** Records a visit made offline under its `clientId`: the first call records it, a replay answers the same visit. */
export async function syncVisit(clientId: string, visit: SyncedVisit): Promise<InspectionItem> {
  const answer = await api.api.inspections['by-client-id'][':clientId'].$put({ param: { clientId }, json: visit })
  // The queue names the visit by its unit: the phone's id for it would only be noise in a refusal's reason.
  return (await okBodyOf('同步督导 (sync visit)', answer)).inspection
}

/** Whether the store already holds the photo with this SHA-256 (then there is nothing to upload). */
export async function photoStored(sha256: string): Promise<boolean> {
  const answer = await fetch(photoUrl(sha256), { method: 'HEAD' })
  if (answer.status === 404) return false
  if (answer.ok) return true
  throw await apiErrorOf(`照片 ${sha256.slice(0, 12)} (photo)`, answer)
}

export interface PhotoUpload {
  visit: string // the clientId of its visit, synced first
  takenAt: string | null
  exifLocationKept: boolean
}

/** Sends a photo's bytes under their SHA-256. */
export async function uploadPhoto(sha256: string, bytes: Blob, { visit, takenAt, exifLocationKept }: PhotoUpload): Promise<void> {
  const query = new URLSearchParams({ visit, exifLocation: exifLocationKept ? '1' : '0', ...(takenAt ? { takenAt } : {}) })
  const answer = await fetch(`${photoUrl(sha256)}?${query}`, { method: 'PUT', body: bytes, headers: { 'Content-Type': 'application/octet-stream' } })
  if (!answer.ok) throw await apiErrorOf(`上传照片 ${sha256.slice(0, 12)} (photo)`, answer)
}

/** Where a photo is read, e.g. for an <img> (thumbnails in the unit detail). */
export function photoUrl(sha256: string): string {
  return `/api/photos/${sha256}`
}
