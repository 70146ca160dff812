// What a /screen profile holds: one definition for the server, which validates and stores profiles, and the
// web, which fills in what a profile leaves out.
import type { HonourLevel } from './domain'

/** The screen's panels, in the order the layout places them. */
export const SCREEN_PANELS = ['kpis', 'categories', 'targets', 'ranking', 'growth', 'ticker'] as const
export const SCREEN_THEMES = ['dark', 'navy'] as const

export interface ScreenConfig {
  title: string
  area: string | null // the prefecture shown; null: the store's first prefecture
  scheme: string | null // null: the default scheme
  minLevel: HonourLevel
  panels: (typeof SCREEN_PANELS)[number][]
  refreshSeconds: number // how often the data is polled, 1–3600
  tourSeconds: number // how long the tour stays on each area, 3–600
  tour: string[] // the areas toured, in order; []: every child area
  years: number // growth chart: this many years up to the current one, 2–15
  theme: (typeof SCREEN_THEMES)[number]
  aggregateSensitive: boolean // public rooms: 宗教活动场所 are counted but never drawn as points or named
}

/** Every field's default: `{}` is a complete public screen. */
export const DEFAULT_SCREEN_CONFIG: Readonly<ScreenConfig> = {
  title: '昭通市民族团结进步创建工作态势',
  area: null,
  scheme: null,
  minLevel: '县级',
  panels: [...SCREEN_PANELS],
  refreshSeconds: 30,
  tourSeconds: 12,
  tour: [],
  years: 6,
  theme: 'dark',
  aggregateSensitive: true,
}
