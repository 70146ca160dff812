// GET /api/inspections?unit=&area=&from=&to=, POST /api/inspections, PATCH /api/inspections/:id: visits (督导)
// to units. Reads follow the audience policy (server/geo/inspection-redaction.ts): callers not signed in get
// no inspections of sensitive units and no inspectors' names. Writes need an editor or admin whose scope
// covers the inspected unit, checked as unit writes are (server/auth/roles.ts unitWriteRefusal). Answers to
// writes carry ETag: "<version>"; a PATCH must send it back as If-Match: none is a 428, an older one a 412
// whose body holds the current inspection. Closing a follow-up is a PATCH of followUpClosedAt.
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { unitPlace } from '../auth/roles'
import { staleInspectionError } from '../db/store'
import { DomainError } from '../domain-error'
import { inspectionAnswer, inspectionList } from '../geo/inspection-list'
import type { AppEnv } from '../http/env'
import { areaCodeParam } from '../http/params'
import { answerDiffersByCaller, unitWriteRefusalResponse } from '../http/session'
import { validated } from '../http/validate'
import { checkedInspectionChange, checkedNewInspection, isCalendarDate, MAX_INSPECTORS, type InspectionEditContext } from '../ledger/inspection-edit'
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
const newInspection = z
  .object({ unit: z.number({ error: 'expected the id of the inspected unit, a whole number such as 12' }).int('expected a whole number').positive('expected a unit id ≥ 1'), ...fields })
  .partial()
  .strict()
const inspectionChange = z
  .object({ ...fields, followUpClosedAt: z.string().max(40).nullable() })
  .partial()
  .strict()

export const inspectionRoutes = new Hono<AppEnv>()
  .get('/', validated('query', listQuery), (c) => {
    answerDiffersByCaller(c)
    return c.json(inspectionList(c.var.store.snapshot(), c.req.valid('query'), c.var.audience, c.var.today), 200)
  })
  .post('/', validated('json', newInspection), (c) => {
    const input = c.req.valid('json')
    const refused = unitWriteRefusalResponse(c, inspectedUnit(c, input.unit))
    if (refused) return refused
    const inspection = c.var.store.inspections.create(checkedNewInspection(input, editContext(c)), actor(c))
    return answer(c, inspection, 201)
  })
  .patch('/:id', validated('param', inspectionParam), validated('json', inspectionChange), (c) => {
    const current = storedInspection(c)
    const refused = unitWriteRefusalResponse(c, inspectedUnit(c, current.unitId))
    if (refused) return refused
    const version = readVersion(c, current)
    const inspection = c.var.store.inspections.update(current.id, version, checkedInspectionChange(current, c.req.valid('json'), editContext(c)), actor(c))
    return answer(c, inspection, 200)
  })

/** The unit a write records a visit to, as the scope check sees it: where it lies now (nowhere when unknown). */
function inspectedUnit(c: Context<AppEnv>, id: number | undefined) {
  const unit = id === undefined ? null : c.var.store.units.get(id)
  if (!unit) return { unit: `单位 #${id ?? '?'}`, before: { ledgerArea: null, locatedArea: null } }
  return { unit: `单位 #${unit.id}“${unit.name}”`, before: unitPlace(unit, c.var.store.snapshot().unitAreas) }
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
