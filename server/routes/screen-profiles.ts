// Saved /screen configurations: read by anyone who may read the atlas (a wall screen has no session),
// written by admins only. GET answers carry an ETag so a polling screen gets 304 when nothing changed.
import { Hono } from 'hono'
import { etag } from 'hono/etag'
import { z } from 'zod'
import type { ScreenProfileRecord } from '../db/store'
import type { AppEnv } from '../http/env'
import { jsonError } from '../http/errors'
import { areaCodeParam, honourLevelParam, schemeParam } from '../http/params'
import { requireAdmin } from '../http/session'
import { validated } from '../http/validate'

/** The screen's panels, in the order the layout places them. */
export const SCREEN_PANELS = ['kpis', 'categories', 'targets', 'ranking', 'growth', 'ticker'] as const
export const SCREEN_THEMES = ['dark', 'navy'] as const

/** A profile's settings; every field has a default, so `{}` is a complete public screen. */
export const screenConfigSchema = z.object({
  title: z.string().trim().min(1).max(60).default('昭通市民族团结进步创建工作态势'),
  area: areaCodeParam.nullable().default(null), // the prefecture shown; null: the store's first prefecture
  scheme: schemeParam.nullable().default(null), // null: the default scheme
  minLevel: honourLevelParam.default('县级'),
  panels: z.array(z.enum(SCREEN_PANELS)).default([...SCREEN_PANELS]),
  refreshSeconds: z.number().int().min(1).max(3600).default(30), // how often the data is polled
  tourSeconds: z.number().int().min(3).max(600).default(12), // how long the tour stays on each area
  tour: z.array(areaCodeParam).max(300).default([]), // the areas toured, in order; []: every child area
  years: z.number().int().min(2).max(15).default(6), // growth chart: this many years up to the current one
  theme: z.enum(SCREEN_THEMES).default('dark'),
  // Public rooms: 宗教活动场所 are counted but never drawn as points or named.
  aggregateSensitive: z.boolean().default(true),
})

export type ScreenConfig = z.infer<typeof screenConfigSchema>

export const profileIdParam = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected a slug of lower-case letters, digits and -, e.g. hall-a'),
})

const profileBody = z.object({
  name: z.string().trim().min(1, 'expected a name').max(60),
  config: screenConfigSchema.default(screenConfigSchema.parse({})),
})

export interface ScreenProfile {
  id: string
  name: string
  config: ScreenConfig
  updatedAt: string
  updatedBy: string
}

/** A stored profile with the current defaults filled in; a config saved by an older version still loads. */
export function screenProfileOf(record: ScreenProfileRecord): ScreenProfile {
  const parsed = screenConfigSchema.safeParse(record.config)
  const config = parsed.success ? parsed.data : screenConfigSchema.parse({})
  return { id: record.id, name: record.name, config, updatedAt: record.updatedAt, updatedBy: record.updatedBy }
}

export const screenProfileRoutes = new Hono<AppEnv>()
  .use(etag())
  .get('/', (c) => c.json({ profiles: c.var.store.screenProfiles.list().map(screenProfileOf) }, 200))
  .get('/:id', validated('param', profileIdParam), (c) => {
    const { id } = c.req.valid('param')
    const record = c.var.store.screenProfiles.get(id)
    if (!record) return jsonError(c, 404, 'not_found', `screen profile "${id}" does not exist`)
    return c.json({ profile: screenProfileOf(record) }, 200)
  })
  .put('/:id', requireAdmin, validated('param', profileIdParam), validated('json', profileBody), (c) => {
    const { id } = c.req.valid('param')
    const { name, config } = c.req.valid('json')
    const { profile, created } = c.var.store.screenProfiles.put(id, name, config, c.var.user?.username ?? 'unknown')
    return c.json({ profile: screenProfileOf(profile) }, created ? 201 : 200)
  })
  .delete('/:id', requireAdmin, validated('param', profileIdParam), (c) => {
    const { id } = c.req.valid('param')
    if (!c.var.store.screenProfiles.delete(id, c.var.user?.username ?? 'unknown')) {
      return jsonError(c, 404, 'not_found', `screen profile "${id}" does not exist`)
    }
    return c.json({ deleted: id }, 200)
  })
