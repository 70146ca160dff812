// Saved /screen configurations: read by anyone who may read the atlas (a wall screen has no session),
// written by admins only. GET answers carry an ETag so a polling screen gets 304 when nothing changed.
import { DomainError } from '../domain-error'
import { Hono } from 'hono'
import { etag } from 'hono/etag'
import { z } from 'zod'
import { plainText } from '../text/plain-text'
import type { ScreenProfileRecord } from '../db/store'
import type { AppEnv } from '../http/env'
import { areaCodeParam, honourLevelParam, schemeParam } from '../http/params'
import { requireAdmin } from '../http/session'
import { validated } from '../http/validate'
import { DEFAULT_SCREEN_CONFIG, SCREEN_PANELS, SCREEN_THEMES, type ScreenConfig } from '../shared/screen-profile'

/** A profile's settings, checked; a field left out takes its default (server/shared/screen-profile.ts). */
export const screenConfigSchema = z.object({
  title: plainText(z.string().trim().min(1).max(60)).default(DEFAULT_SCREEN_CONFIG.title),
  area: areaCodeParam.nullable().default(DEFAULT_SCREEN_CONFIG.area),
  scheme: schemeParam.nullable().default(DEFAULT_SCREEN_CONFIG.scheme),
  minLevel: honourLevelParam.default(DEFAULT_SCREEN_CONFIG.minLevel),
  panels: z.array(z.enum(SCREEN_PANELS)).default([...DEFAULT_SCREEN_CONFIG.panels]),
  refreshSeconds: z.number().int().min(1).max(3600).default(DEFAULT_SCREEN_CONFIG.refreshSeconds),
  tourSeconds: z.number().int().min(3).max(600).default(DEFAULT_SCREEN_CONFIG.tourSeconds),
  tour: z.array(areaCodeParam).max(300).default([]),
  years: z.number().int().min(2).max(15).default(DEFAULT_SCREEN_CONFIG.years),
  theme: z.enum(SCREEN_THEMES).default(DEFAULT_SCREEN_CONFIG.theme),
  aggregateSensitive: z.boolean().default(DEFAULT_SCREEN_CONFIG.aggregateSensitive),
})

/** A checked config is a ScreenConfig: the compiler holds the schema to the shared definition. */
const parsedConfig = (value: unknown): ScreenConfig => screenConfigSchema.parse(value)

export const profileIdParam = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected a slug of lower-case letters, digits and -, e.g. hall-a'),
})

const profileBody = z.object({
  name: plainText(z.string().trim().min(1, 'expected a name').max(60)),
  config: screenConfigSchema.default(parsedConfig({})),
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
  const config: ScreenConfig = parsed.success ? parsed.data : parsedConfig({})
  return { id: record.id, name: record.name, config, updatedAt: record.updatedAt, updatedBy: record.updatedBy }
}

export const screenProfileRoutes = new Hono<AppEnv>()
  .use(etag())
  .get('/', (c) => c.json({ profiles: c.var.store.screenProfiles.list().map(screenProfileOf) }, 200))
  .get('/:id', validated('param', profileIdParam), (c) => {
    const { id } = c.req.valid('param')
    const record = c.var.store.screenProfiles.get(id)
    if (!record) throw new DomainError('not_found', `screen profile "${id}" does not exist`)
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
      throw new DomainError('not_found', `screen profile "${id}" does not exist`)
    }
    return c.json({ deleted: id }, 200)
  })
