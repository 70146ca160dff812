// GET /api/units/:id/history: its status changes and edits. GET /api/units/:id: one unit with its status history and inspections, as the caller's audience may see it
// (server/geo/unit-detail.ts), with the unit's version as its ETag.
import { Hono } from 'hono'
import { DomainError } from '../domain-error'
import { unitDetail, unitHistory } from '../geo/unit-detail'
import { answerDiffersByCaller } from '../http/session'
import type { AppEnv } from '../http/env'
import { unitIdParam } from '../http/params'
import { validated } from '../http/validate'


export const unitDetailRoutes = new Hono<AppEnv>()
  .get('/:id{[0-9]+}/history', validated('param', unitIdParam), (c) => {
    const id = Number(c.req.valid('param').id)
    const unit = c.var.store.snapshot().units.find((u) => u.id === id)
    if (!unit) throw new DomainError('not_found', `unit ${id} does not exist in the store`)
    answerDiffersByCaller(c)
    return c.json(unitHistory(c.var.store.snapshot(), unit, c.var.store.units.changes(id), c.var.audience), 200)
  })
  .get('/:id{[0-9]+}', validated('param', unitIdParam), (c) => {
    const id = Number(c.req.valid('param').id)
    const snapshot = c.var.store.snapshot()
    const unit = snapshot.units.find((u) => u.id === id)
    if (!unit) throw new DomainError('not_found', `unit ${id} does not exist in the store`)
    answerDiffersByCaller(c)
    // The version an edit sends back as If-Match (server/routes/unit-edits.ts).
    const version = c.var.store.units.get(id)?.version
    if (version !== undefined) c.header('ETag', `"${version}"`)
    return c.json(unitDetail(snapshot, unit, c.var.audience), 200)
  })
