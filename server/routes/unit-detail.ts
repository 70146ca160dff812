// GET /api/units/:id: one unit with its status history and inspections, for the dashboard's unit panel.
// Follows the rule of GET /api/units (routes/units.ts): a unit of a sensitive category (宗教活动场所 by
// default) shows its exact location, name, address and notes to signed-in users only; anyone else gets
// what /api/units gives them (category, level, status, years, area cut to township) plus the dates of its
// history and inspections, without the people and free text in them. Contact details are for signed-in
// users only, whatever the category.
import { Hono } from 'hono'
import { z } from 'zod'
import { DEFAULT_SENSITIVE_CATEGORIES, redactedName } from '../geo/unit-query'
import { expiresOn } from '../geo/unit-history'
import { jsonError } from '../http/errors'
import { answerDiffersByCaller } from '../http/session'
import type { AppEnv } from '../http/env'
import { validated } from '../http/validate'

const unitParam = z.object({ id: z.string().regex(/^\d{1,9}$/, 'expected a unit id, a whole number such as 12') })

export interface UnitDetailRouteOptions {
  sensitiveCategories?: readonly string[] // ['宗教活动场所']
}

export function unitDetailRoutes({ sensitiveCategories = DEFAULT_SENSITIVE_CATEGORIES }: UnitDetailRouteOptions = {}) {
  const sensitive: ReadonlySet<string> = new Set(sensitiveCategories)
  return new Hono<AppEnv>().get('/:id{[0-9]+}', validated('param', unitParam), (c) => {
    const id = Number(c.req.valid('param').id)
    const snapshot = c.var.store.snapshot()
    const unit = snapshot.units.find((u) => u.id === id)
    if (!unit) return jsonError(c, 404, 'not_found', `unit ${id} does not exist in the store`)
    answerDiffersByCaller(c)
    const signedIn = c.var.user !== null
    const redacted = !signedIn && sensitive.has(unit.category)
    const joined = snapshot.joins.get(unit.id)?.areaCode ?? null
    const areaCode = redacted && joined !== null && joined.length > 9 ? joined.slice(0, 9) : joined
    const area = areaCode === null ? null : (snapshot.areasByCode.get(areaCode) ?? null)
    const inspections = snapshot.inspections
      .filter((i) => i.unitId === unit.id)
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((i) => (redacted ? { id: i.id, date: i.date, inspector: '', findings: '', followUp: '' } : i))
    return c.json(
      {
        unit: {
          id: unit.id,
          name: redacted ? redactedName(unit.category) : unit.name,
          category: unit.category,
          level: unit.level,
          status: unit.status,
          yearNamed: unit.yearNamed,
          expiresOn: expiresOn(unit),
          areaCode,
          areaName: area?.name ?? null,
          lon: redacted ? null : unit.lon,
          lat: redacted ? null : unit.lat,
          address: redacted ? '' : unit.address,
          contact: signedIn ? unit.contact : '',
          notes: redacted ? '' : unit.notes,
          sample: unit.sample,
          redacted,
        },
        history: unit.history.map((h) => (redacted ? { ...h, by: '', reason: '' } : h)),
        inspections,
      },
      200,
    )
  })
}
