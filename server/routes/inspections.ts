// GET /api/inspections?unit=&area=&from=&to=, GET /api/inspections/due?area=, POST /api/inspections, PUT /api/inspections/by-client-id/:clientId,
// PATCH /api/inspections/:id: visits (督导) to units. Reads follow the audience policy
// (server/geo/inspection-redaction.ts): callers not signed in get no inspections of sensitive units and no
// inspectors' names. Writes need an editor, approver, inspector or admin whose scope covers the inspected unit,
// checked as unit writes are (server/auth/roles.ts unitWriteRefusal, write kind 'visit'). Answers to writes
// carry ETag: "<version>"; a PATCH must send it back as If-Match: none is a 428, an older one a 412 whose body
// holds the current inspection (two phones closing one follow-up: the second sees who closed it, and chooses).
// Closing a follow-up is a PATCH of followUpClosedAt.
//
// A phone (/inspect) syncs a visit under the id it made offline (the PUT, or a POST with clientId): the first
// request records it (201), every replay answers the visit it recorded (200) and changes nothing, whatever the
// replay's body says, so a sync cut off after the server wrote is simply sent again.
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { staleInspectionError } from '../db/store'
import { DomainError } from '../domain-error'
import { inspectionAnswer, inspectionList, visitsDueInArea } from '../geo/inspection-list'
import type { AppEnv } from '../http/env'
import { areaCodeParam } from '../http/params'
import { answerDiffersByCaller } from '../http/session'
import { visitWriteRefusal } from '../http/unit-writes'
import { validated } from '../http/validate'
import { checkedInspectionChange, checkedNewInspection, isCalendarDate, MAX_INSPECTORS, type InspectionEditContext, type InspectionInput } from '../ledger/inspection-edit'
import type { Inspection } from '../shared/domain'

const idText = (what: string) => z.string().regex(/^\d{1,9}$/, `expected ${what} id, a whole number such as 12`)
const dateText = z.string().refine(isCalendarDate, 'expected a date yyyy-mm-dd such as 2026-03-02')

const listQuery = z.object({
  unit: idText('a unit').transform(Number).optional(),
  area: areaCodeParam.optional(),
  from: dateText.optional(),
  to: dateText.optional(),
})

const inspectionParam = z.object({ id: idText('an inspection') })
const clientIdText = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected the id the phone made for the visit: 8 to 64 letters, digits, - or _, e.g. a UUID')
const clientIdParam = z.object({ clientId: clientIdText })

// The shape only; what the values mean (a real date, a known unit, a rating) is checked by checkedNewInspection.
const fields = {
  date: z.string().max(40),
  inspectors: z.array(z.string().max(200), { error: 'expected the inspectors’ names, e.g. ["张三", "李四"]' }).max(MAX_INSPECTORS * 2),
  checklist: z
    .array(z.object({ item: z.string().max(100), result: z.string().max(20), note: z.string().max(500).optional() }).strict(), {
      error: 'expected [{ item, result, note }], e.g. [{ "item": "宣传教育", "result": "达标", "note": "" }]',
    })
    .max(40, 'expected at most 40 checklist items'),
  rating: z.string().max(20).nullable(),
  findings: z.string().max(2000, 'expected at most 2000 characters'),
  followUp: z.string().max(500, 'expected at most 500 characters'),
  followUpDue: z.string().max(40).nullable(),
}
const gpsFix = z
  .object({ lon: z.number(), lat: z.number(), accuracyM: z.number(), takenAt: z.string().max(40) }, { error: 'expected { lon, lat, accuracyM, takenAt }, e.g. { "lon": 103.99, "lat": 28.6, "accuracyM": 12, "takenAt": "2026-10-12T08:30:00Z" }' })
  .strict()
  .nullable()
const visitFields = {
  unit: z.number({ error: 'expected the id of the inspected unit, a whole number such as 12' }).int('expected a whole number').positive('expected a unit id ≥ 1'),
  ...fields,
  gps: gpsFix,
}
const newInspection = z
  .object({ ...visitFields, clientId: clientIdText })
  .partial()
  .strict()
const syncedVisit = z.object(visitFields).partial().strict()
const inspectionChange = z
  .object({ ...fields, followUpClosedAt: z.string().max(40).nullable() })
  .partial()
  .strict()

export const inspectionRoutes = new Hono<AppEnv>()
  .get('/', validated('query', listQuery), (c) => {
    answerDiffersByCaller(c)
    return c.json(inspectionList(c.var.store.snapshot(), c.req.valid('query'), c.var.audience, c.var.today), 200)
  })
  // /inspect's list: each unit of the area with its visits due this year and its overdue follow-ups.
  .get('/due', validated('query', z.object({ area: areaCodeParam })), (c) => {
    answerDiffersByCaller(c)
    return c.json({ asOf: c.var.today, units: visitsDueInArea(c.var.store.snapshot(), c.req.valid('query').area, c.var.audience, c.var.today) }, 200)
  })
  .post('/', validated('json', newInspection), (c) => {
    const { clientId, ...input } = c.req.valid('json')
    return recordVisit(c, input, clientId ?? null)
  })
  .put('/by-client-id/:clientId', validated('param', clientIdParam), validated('json', syncedVisit), (c) => {
    return recordVisit(c, c.req.valid('json'), c.req.valid('param').clientId)
  })
  .patch('/:id', validated('param', inspectionParam), validated('json', inspectionChange), (c) => {
    const current = storedInspection(c)
    const refused = visitWriteRefusal(c, current.unitId)
    if (refused) return refused
    const version = readVersion(c, current)
    const inspection = c.var.store.inspections.update(current.id, version, checkedInspectionChange(current, c.req.valid('json'), editContext(c)), actor(c))
    return answer(c, inspection, 200)
  })

/** A new visit (201), or with a `clientId` already recorded the visit it names, unchanged (200). */
function recordVisit(c: Context<AppEnv>, input: InspectionInput, clientId: string | null) {
  const stored = clientId === null ? null : c.var.store.inspections.byClientId(clientId)
  const refused = visitWriteRefusal(c, stored?.unitId ?? input.unit)
  if (refused) return refused
  if (stored) return answer(c, stored, 200)
  const inspection = c.var.store.inspections.create({ ...checkedNewInspection(input, editContext(c)), clientId }, actor(c))
  return answer(c, inspection, 201)
}

function storedInspection(c: Context<AppEnv>): Inspection {
  const id = Number(c.req.param('id'))
  const inspection = c.var.store.inspections.get(id)
  if (!inspection) throw new DomainError('not_found', `inspection ${id} does not exist`)
  return inspection
}

/** The version the writer read, from If-Match; checked against `current` here so the answer can carry it. */
function readVersion(c: Context<AppEnv>, current: Inspection): number {
  const header = c.req.header('If-Match')
  if (header === undefined) {
    throw new DomainError('version_required', `If-Match: missing; send the inspection's ETag as read, e.g. If-Match: "${current.version}" (its version in GET /api/inspections?unit=${current.unitId})`)
  }
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim())
  if (!match) throw new DomainError('invalid', `If-Match: ${header} is not an inspection version (expected an ETag such as "${current.version}")`)
  const version = Number(match[1])
  if (version !== current.version) throw staleInspectionError(current, version)
  return version
}

function editContext(c: Context<AppEnv>): InspectionEditContext {
  const units = c.var.store.units
  return { unitExists: (id) => units.get(id) !== null, today: c.var.today }
}

function actor(c: Context<AppEnv>): string {
  return c.var.user?.username ?? 'anonymous'
}

function answer(c: Context<AppEnv>, inspection: Inspection, status: 200 | 201) {
  c.header('ETag', `"${inspection.version}"`)
  return c.json({ inspection: inspectionAnswer(c.var.store.snapshot(), inspection, c.var.audience, c.var.today) }, status)
}
