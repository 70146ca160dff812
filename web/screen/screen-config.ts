// The screen's settings: a saved profile (or the defaults), then what the URL overrides.
import type { ScreenConfig } from '../../server/shared/screen-profile'
import { fitModeOf, type FitMode } from './stage-fit'

export interface ScreenUrlOptions {
  profile: string | null // ?profile=hall-a
  fit: FitMode // ?fit=fit|fill-width|stretch
  edit: boolean // ?edit=1: the admin's profile editor
  refreshSeconds: number | null // ?interval=5
  tourSeconds: number | null // ?tour=8
  idleSeconds: number // ?idle=30: a touch holds the tour this long
  title: string | null // ?title=…
}

/** A positive number from the URL, or null when absent or not a number; `min` guards against a busy loop. */
function secondsParam(params: URLSearchParams, name: string, min: number): number | null {
  const text = params.get(name)
  if (text === null || text.trim() === '') return null
  const value = Number(text)
  return Number.isFinite(value) && value > 0 ? Math.max(min, value) : null
}

export function screenUrlOptionsOf(search: string): ScreenUrlOptions {
  const params = new URLSearchParams(search)
  const profile = params.get('profile')
  return {
    profile: profile && /^[a-z0-9][a-z0-9-]{0,39}$/.test(profile) ? profile : null,
    fit: fitModeOf(params.get('fit')),
    edit: params.get('edit') === '1',
    refreshSeconds: secondsParam(params, 'interval', 0.25),
    tourSeconds: secondsParam(params, 'tour', 1),
    idleSeconds: secondsParam(params, 'idle', 1) ?? 30,
    title: params.get('title')?.trim().slice(0, 60) || null,
  }
}

/** The profile's settings with the URL's overrides on top. */
export function effectiveConfig(base: ScreenConfig, url: ScreenUrlOptions): ScreenConfig {
  return {
    ...base,
    title: url.title ?? base.title,
    refreshSeconds: url.refreshSeconds ?? base.refreshSeconds,
    tourSeconds: url.tourSeconds ?? base.tourSeconds,
  }
}

/** The `years` years up to and including `current`, oldest first. */
export function growthYears(current: number, years: number): number[] {
  return Array.from({ length: years }, (_, i) => current - years + 1 + i)
}
