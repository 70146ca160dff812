// What a printed map says about its 审图号 (map review number). A map of the whole country or of a province
// published without one breaks 《地图管理条例》 第十五条 and 《地图审核管理规定》; a bureau's internal map may
// go without, but must say it is internal. So: the layout's own number wins, then the configured default
// (ATLAS_MAP_REVIEW_NUMBER); with neither, a national or provincial extent prints the unreviewed marking
// (ATLAS_MAP_UNREVIEWED_MARKING) and smaller extents print nothing, as before. Pure.
import { levelOfCode } from './area-codes'

/** The server's map-review settings, as GET /api/export/settings answers them. */
export interface MapReviewSettings {
  reviewNumber: string | null // ATLAS_MAP_REVIEW_NUMBER; null: none configured
  unreviewedMarking: string | null // ATLAS_MAP_UNREVIEWED_MARKING; null: the words' default (内部用图 未经审核 不得公开)
}

export const NO_MAP_REVIEW_SETTINGS: MapReviewSettings = { reviewNumber: null, unreviewedMarking: null }

export type MapReviewPrint =
  | { kind: 'number'; number: string; from: 'layout' | 'configured' }
  | { kind: 'marking'; text: string | null } // text null: the default marking in the sheet's language
  | { kind: 'none' }

/** 'national' for the country (000000, the national store's root), 'province' for a province; else the code's own level. */
export function extentOf(frameCode: string): 'national' | ReturnType<typeof levelOfCode> {
  const level = levelOfCode(frameCode)
  return level === 'country' ? 'national' : level
}

/** Whether a map framed on `frameCode` must carry a 审图号 or the unreviewed marking. */
export function needsReview(frameCode: string): boolean {
  const extent = extentOf(frameCode)
  return extent === 'national' || extent === 'province'
}

/** What the sheet framed on `frameCode` prints, given the layout's number (null: none typed) and the settings. */
export function mapReviewPrint(frameCode: string, layoutNumber: string | null, settings: MapReviewSettings): MapReviewPrint {
  const layout = layoutNumber?.trim() || null
  if (layout) return { kind: 'number', number: layout, from: 'layout' }
  if (settings.reviewNumber) return { kind: 'number', number: settings.reviewNumber, from: 'configured' }
  return needsReview(frameCode) ? { kind: 'marking', text: settings.unreviewedMarking } : { kind: 'none' }
}
