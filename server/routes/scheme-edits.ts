// Schemes (创建方案) and their categories, written by admins: a new scheme; its name, note, visits a year and the
// order of its categories; a category added, renamed (its units and targets follow, the old name stays a
// synonym), given synonyms, or removed while nothing uses it. GET /api/schemes (schemes.ts) reads them all.
// Shapes are checked here, and that a rename hides what was hidden (the audience rule); what depends on the
// stored schemes is checked by the store in the write's transaction.
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { renameReveals } from '../shared/audience'
import { DEFAULT_VISITS_PER_YEAR, MAX_VISITS_PER_YEAR } from '../shared/domain'
import { DomainError } from '../domain-error'
import type { AppEnv } from '../http/env'
import { schemeParam } from '../http/params'
import { requireAdmin } from '../http/session'
import { validated } from '../http/validate'
import { plainText } from '../text/plain-text'

const MAX_CATEGORIES = 40 // what a category list parameter takes (server/http/params.ts)
const MAX_SYNONYMS = 40

// Lists of categories are written comma-separated (?categories=学校,社区): a name cannot hold a separator.
const categoryName = plainText(z.string().trim().min(1, 'expected a category name such as 医院').max(40, 'expected at most 40 characters'))
  .refine((name) => !/[,，、]/.test(name), 'expected one name without , ， or 、 (they separate categories in lists)')

/** `names` with none twice: the issue names the repeated one. */
function eachOnce(what: string) {
  return (names: readonly string[], ctx: z.RefinementCtx) => {
    const repeated = names.find((name, i) => names.indexOf(name) !== i)
    if (repeated !== undefined) ctx.addIssue({ code: 'custom', message: `${repeated} is given twice (expected each ${what} once)` })
  }
}

const categoryList = z
  .array(categoryName, { error: 'expected a list of category names such as ["机关", "学校"]' })
  .min(1, 'expected at least one category')
  .max(MAX_CATEGORIES, `expected at most ${MAX_CATEGORIES} categories`)
  .superRefine(eachOnce('category'))
const synonymList = z
  .array(categoryName, { error: 'expected a list of other words for the category, such as ["中小学"]' })
  .max(MAX_SYNONYMS, `expected at most ${MAX_SYNONYMS} synonyms`)
  .superRefine(eachOnce('synonym'))

const MAX_CRITERIA = 20
const criterion = plainText(z.string().trim().min(1, 'expected a criterion such as 宣传教育').max(40, 'expected at most 40 characters'))
const checklist = z
  .array(criterion, { error: 'expected the 督导 criteria in order, such as ["宣传教育", "阵地建设"] ([]: the default themes)' })
  .max(MAX_CRITERIA, `expected at most ${MAX_CRITERIA} criteria`)
  .superRefine(eachOnce('criterion'))

const schemeFields = z.object({
  name: plainText(z.string().trim().min(1, 'expected a scheme name such as 七进').max(40, 'expected at most 40 characters')),
  note: plainText(z.string().trim().max(500, 'expected at most 500 characters'), { lineBreaks: true }),
  categories: categoryList,
  visitsPerYear: z
    .number({ error: `expected a whole number of 督导 visits a year, 0–${MAX_VISITS_PER_YEAR}` })
    .int(`expected a whole number of 督导 visits a year, 0–${MAX_VISITS_PER_YEAR}`)
    .min(0, `expected a whole number of 督导 visits a year, 0–${MAX_VISITS_PER_YEAR}`)
    .max(MAX_VISITS_PER_YEAR, `expected a whole number of 督导 visits a year, 0–${MAX_VISITS_PER_YEAR}`),
  checklist,
})
const newScheme = schemeFields
  .extend({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'expected a new scheme id of a–z, 0–9 and -, such as wujin'),
    note: schemeFields.shape.note.default(''),
    visitsPerYear: schemeFields.shape.visitsPerYear.default(DEFAULT_VISITS_PER_YEAR),
    checklist: checklist.default([]),
  })
  .strict()
const atLeastOne = (fields: readonly string[]) => [
  (body: object) => Object.keys(body).length > 0,
  { message: `expected at least one of ${fields.join(', ')}` },
] as const
const schemeChange = schemeFields
  .partial()
  .strict()
  .refine(...atLeastOne(['name', 'note', 'visitsPerYear', 'checklist', 'categories (the same ones in a new order)']))
const newCategory = z.object({ name: categoryName, synonyms: synonymList.default([]) }).strict()
const categoryChange = z
  .object({ name: categoryName, synonyms: synonymList })
  .partial()
  .strict()
  .refine(...atLeastOne(['name (a rename)', 'synonyms']))

const schemeIdParam = z.object({ id: schemeParam })
const categoryParam = z.object({ id: schemeParam, category: categoryName })

const actorOf = (c: Context<AppEnv>) => c.var.user?.username ?? 'unknown'

export const schemeEditRoutes = new Hono<AppEnv>()
  .post('/', requireAdmin, validated('json', newScheme), (c) => {
    return c.json({ scheme: c.var.store.schemes.create(c.req.valid('json'), actorOf(c)) }, 201)
  })
  .patch('/:id', requireAdmin, validated('param', schemeIdParam), validated('json', schemeChange), (c) => {
    return c.json({ scheme: c.var.store.schemes.update(c.req.valid('param').id, c.req.valid('json'), actorOf(c)) }, 200)
  })
  .post('/:id/categories', requireAdmin, validated('param', schemeIdParam), validated('json', newCategory), (c) => {
    const { name, synonyms } = c.req.valid('json')
    return c.json({ scheme: c.var.store.schemes.addCategory(c.req.valid('param').id, name, synonyms, actorOf(c)) }, 201)
  })
  .patch('/:id/categories/:category', requireAdmin, validated('param', categoryParam), validated('json', categoryChange), (c) => {
    const { id, category } = c.req.valid('param')
    const change = c.req.valid('json')
    if (change.name !== undefined && renameReveals(c.var.publicAudience, category, change.name)) {
      throw new DomainError(
        'conflict',
        `name: ${change.name} is not a sensitive category but ${category} is (ATLAS_SENSITIVE_CATEGORIES): the rename would show the names and places of its units to callers not signed in; add ${change.name} to ATLAS_SENSITIVE_CATEGORIES and restart first`,
      )
    }
    return c.json(c.var.store.schemes.changeCategory(id, category, change, actorOf(c)), 200)
  })
  .delete('/:id/categories/:category', requireAdmin, validated('param', categoryParam), (c) => {
    const { id, category } = c.req.valid('param')
    return c.json({ scheme: c.var.store.schemes.removeCategory(id, category, actorOf(c)) }, 200)
  })
