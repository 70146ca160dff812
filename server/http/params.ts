// Query parameters shared by several routes, with messages that say what is expected.
import { z } from 'zod'
import { AREA_LEVELS, HONOUR_LEVELS, UNIT_STATUSES, type UnitStatus } from '../shared/domain'
import { isCalendarDate } from '../ledger/inspection-edit'

export const areaCodeParam = z
  .string()
  .regex(/^(\d{6}|\d{9}|\d{12})$/, 'expected a GB/T 2260 code of 6, 9 or 12 digits, e.g. 530626')

export const areaLevelParam = z.enum(AREA_LEVELS as [string, ...string[]], {
  error: `expected one of ${AREA_LEVELS.join(', ')}`,
}).transform((v) => v as (typeof AREA_LEVELS)[number])

export const honourLevelParam = z.enum(HONOUR_LEVELS, { error: `expected one of ${HONOUR_LEVELS.join(', ')}` })

/** A comma-separated list of statuses, e.g. "命名,复查". */
export const statusListParam = z.string().transform((text, ctx): UnitStatus[] => {
  const items = text.split(',').map((x) => x.trim()).filter(Boolean)
  const unknown = items.filter((x) => !(UNIT_STATUSES as readonly string[]).includes(x))
  if (items.length === 0 || unknown.length > 0) {
    const what = unknown.length > 0 ? `${unknown.join(', ')} is not a status` : 'no status given'
    ctx.addIssue({ code: 'custom', message: `${what}; expected one or more of ${UNIT_STATUSES.join(', ')}, comma-separated` })
    return z.NEVER
  }
  return items as UnitStatus[]
})

export const yearParam = z.coerce
  .number({ error: 'expected a year such as 2024' })
  .int('expected a whole year such as 2024')
  .min(1949, 'expected a year from 1949 on')
  .max(2100, 'expected a year before 2100')

export const schemeParam = z.string().regex(/^[a-z0-9-]{1,40}$/, 'expected a scheme id such as qijin')

/** A comma-separated list of category names (、 and ， also separate), e.g. "学校,社区". */
export const categoryListParam = z.string().transform((text, ctx): string[] => {
  const items = [...new Set(text.split(/[,，、]/).map((x) => x.trim()).filter(Boolean))]
  const bad = items.find((x) => x.length > 40)
  if (items.length === 0 || items.length > 40 || bad !== undefined) {
    ctx.addIssue({ code: 'custom', message: `expected 1–40 category names of at most 40 characters, comma-separated, e.g. 学校,社区` })
    return z.NEVER
  }
  return items
})

/** Degrees of a point as a query string gives them ("104.23"); anything else, or beyond ±`limit`, names the value. */
function degreesParam(limit: number, expected: string) {
  return z
    .string()
    .regex(/^[+-]?\d{1,3}(\.\d+)?$/, expected)
    .transform(Number)
    .refine((degrees) => Math.abs(degrees) <= limit, expected)
}

export const lonParam = degreesParam(180, 'expected a longitude in degrees from -180 to 180, e.g. 104.23')
export const latParam = degreesParam(90, 'expected a latitude in degrees from -90 to 90, e.g. 28.6')

/** How a point was measured: WGS-84 (the store's), GCJ-02 (高德, 腾讯) or BD-09 (百度); see server/import/crs.ts. */
export const geographicCrsParam = z.enum(['wgs84', 'gcj02', 'bd09'], { error: 'expected wgs84, gcj02 (高德, 腾讯) or bd09 (百度)' })

/** A unit's id in a route (/api/units/:id…). */
export const unitIdParam = z.object({ id: z.string().regex(/^\d{1,9}$/, 'expected a unit id, a whole number such as 12') })

/** A calendar day, yyyy-mm-dd (2026-02-30 is not one). */
export const calendarDateParam = z.string().refine(isCalendarDate, 'expected a date yyyy-mm-dd such as 2026-11-23')
