// Choropleth classes. The map's colours and the legend's rows come from one object, so they cannot
// disagree: colourOf returns the very Rgba of the legend row whose bounds hold the value.
import { bisectRight, interpolateYlOrRd, tickStep } from 'd3'
import { cssOf, rgbaOf, type Rgba } from './rgba'

/** A real zero (no unit at all) is the gap a planner looks for: near-white, apart from every class. */
export const ZERO_COLOUR = '#f7f4ee'
/** Unknown (e.g. no population figure): grey, so it never reads as a low value. */
export const NO_DATA_COLOUR = '#b9bec6'
const NO_DATA_LABEL = '无数据'
/**
 * No ledger for the area at all (暂无数据: 台湾省, 香港, 澳门 in a mainland bureau's atlas, /api/coverage noData):
 * a cool grey lighter than NO_DATA_COLOUR and apart from zero's warm white, so it never reads as a count.
 */
export const NO_LEDGER_COLOUR = '#d8dde6'
export const NO_LEDGER_LABEL = '暂无数据'

export interface LegendEntry {
  kind: 'zero' | 'class' | 'no-data' | 'no-ledger'
  label: string
  min: number | null // inclusive lower bound; null: unbounded (or not a number range)
  max: number | null // exclusive upper bound; null: unbounded
  rgba: Rgba
  css: string
}

export interface ColourScale {
  title: string
  legend: LegendEntry[] // zero (when a value is 0), classes from low to high, no data (when a value is null), no ledger (withNoLedger)
  thresholds: number[] // the class breaks: a value v is in class bisectRight(thresholds, v)
  colourOf(value: number | null): Rgba
}

export interface ColourScaleOptions {
  title: string
  integer?: boolean // false: values are counts, labelled as whole-number ranges
  maxClasses?: number // 5: classes above zero
  interpolate?: (t: number) => string // d3.interpolateYlOrRd: the ramp classes are taken from (another layer, e.g. density, takes another ramp)
  classesFrom?: readonly (number | null)[] // `values`: the values the classes are fitted to; another year's keep the classes fixed while the year plays
}

export interface ClassBreakOptions {
  integer: boolean
  maxClasses: number
}

export function colourScale(values: readonly (number | null)[], { title, integer = false, maxClasses = 5, interpolate = interpolateYlOrRd, classesFrom = values }: ColourScaleOptions): ColourScale {
  const thresholds = classBreaks(classesFrom, { integer, maxClasses })
  const positives = [...classesFrom, ...values].filter((v): v is number => v !== null && v > 0)
  const legend: LegendEntry[] = []
  const zero = entry('zero', '0', 0, 0, rgbaOf(ZERO_COLOUR))
  const noData = entry('no-data', NO_DATA_LABEL, null, null, rgbaOf(NO_DATA_COLOUR))
  if (values.some((v) => v === 0)) legend.push(zero)
  const classes = positives.length > 0 ? classEntries(thresholds, Math.min(...positives), Math.max(...positives), integer, interpolate) : []
  legend.push(...classes)
  if (values.some((v) => v === null)) legend.push(noData)
  return {
    title,
    legend,
    thresholds,
    colourOf(value) {
      if (value === null) return noData.rgba
      if (value === 0 || classes.length === 0) return zero.rgba
      return classes[bisectRight(thresholds, value)].rgba
    },
  }
}

/** `scale` with the 暂无数据 row, for a map that draws areas without a ledger (their fill: noLedgerRgba). */
export function withNoLedger(scale: ColourScale): ColourScale {
  return { ...scale, legend: [...scale.legend, entry('no-ledger', NO_LEDGER_LABEL, null, null, noLedgerRgba)] }
}

export const noLedgerRgba: Rgba = rgbaOf(NO_LEDGER_COLOUR)

function entry(kind: LegendEntry['kind'], label: string, min: number | null, max: number | null, rgba: Rgba): LegendEntry {
  return { kind, label, min, max, rgba, css: cssOf(rgba) }
}

/** One legend row per class; colours step evenly along YlOrRd, light (few units) to dark (many). */
function classEntries(thresholds: readonly number[], lowest: number, highest: number, integer: boolean, interpolate: (t: number) => string): LegendEntry[] {
  const count = thresholds.length + 1
  return Array.from({ length: count }, (_, i) => {
    const min = i === 0 ? null : thresholds[i - 1]
    const max = i === count - 1 ? null : thresholds[i]
    const t = count === 1 ? 0.6 : 0.2 + (0.75 * i) / (count - 1)
    const label = integer ? countLabel(min ?? 1, max === null ? highest : max - 1) : rateLabel(min, max, lowest, highest)
    return entry('class', label, min, max, rgbaOf(interpolate(t)))
  })
}

function countLabel(first: number, last: number): string {
  return first >= last ? `${last}` : `${first}–${last}`
}

function rateLabel(min: number | null, max: number | null, lowest: number, highest: number): string {
  if (min === null && max === null) return lowest === highest ? format(lowest) : `${format(lowest)}–${format(highest)}`
  if (min === null) return `< ${format(max as number)}`
  if (max === null) return `≥ ${format(min)}`
  return `${format(min)}–${format(max)}`
}

function format(value: number): string {
  return String(Number(value.toPrecision(6)))
}

/**
 * Class breaks for the positive values (zero and null have their own rows). Breaks are round numbers
 * (multiples of one step for the whole range) so a legend reads "5–14", not "4.7–13.2"; among the
 * placings that round numbers allow, the natural-breaks optimum is taken. Small count ranges get one
 * class per count.
 */
export function classBreaks(values: readonly (number | null)[], { integer, maxClasses }: ClassBreakOptions): number[] {
  for (const value of values) {
    if (value !== null && !(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`classBreaks: ${value} is not a measure value (expected a finite number ≥ 0, or null)`)
    }
  }
  const sorted = values.filter((v): v is number => v !== null && v > 0).sort((a, b) => a - b)
  if (sorted.length === 0) return []
  const lowest = sorted[0]
  const highest = sorted[sorted.length - 1]
  if (integer && highest <= maxClasses) return Array.from({ length: highest - 1 }, (_, i) => i + 2)
  if (lowest === highest) return []
  const step = integer ? Math.max(1, tickStep(lowest, highest, 10)) : tickStep(lowest, highest, 10)
  const allowed: number[] = []
  for (let i = 1; i < sorted.length; i++) if (floorToStep(sorted[i], step) > sorted[i - 1]) allowed.push(i)
  const starts = naturalClassStarts(sorted, Math.min(maxClasses, allowed.length + 1), allowed)
  return starts.map((i) => floorToStep(sorted[i], step))
}

/** The largest multiple of `step` at or below `value`, exact in decimal for steps like 0.2. */
function floorToStep(value: number, step: number): number {
  if (step >= 1) return Math.floor(value / step + 1e-9) * step
  const perUnit = Math.round(1 / step)
  return Math.floor(value * perUnit + 1e-9) / perUnit
}

/**
 * Jenks natural breaks: the indices at which classes 2…k start, splitting ascending `sorted` into `k`
 * classes with the least total squared deviation from the class means. Only indices in `allowedStarts`
 * (default: all) may start a class. Fewer values than classes: no split.
 */
export function naturalClassStarts(sorted: readonly number[], k: number, allowedStarts?: readonly number[]): number[] {
  const n = sorted.length
  if (k <= 1 || n < k) return []
  const cuts = [0, ...(allowedStarts ?? Array.from({ length: n - 1 }, (_, i) => i + 1)), n]
  const sum = [0]
  const sumSquares = [0]
  for (const v of sorted) {
    sum.push(sum[sum.length - 1] + v)
    sumSquares.push(sumSquares[sumSquares.length - 1] + v * v)
  }
  const deviation = (from: number, to: number) => {
    const s = sum[to] - sum[from]
    return sumSquares[to] - sumSquares[from] - (s * s) / (to - from)
  }
  // cost[j]: the best cost of splitting sorted[0, cuts[j]) into the classes placed so far.
  let cost = cuts.map((c, j) => (j === 0 ? Infinity : deviation(0, c)))
  const previousCut: number[][] = []
  for (let classes = 2; classes <= k; classes++) {
    const next = cuts.map(() => Infinity)
    const from = cuts.map(() => -1)
    for (let j = 1; j < cuts.length; j++) {
      for (let i = 1; i < j; i++) {
        const candidate = cost[i] + deviation(cuts[i], cuts[j])
        if (candidate < next[j]) {
          next[j] = candidate
          from[j] = i
        }
      }
    }
    previousCut.push(from)
    cost = next
  }
  const starts: number[] = []
  let j = cuts.length - 1
  for (let classes = k; classes >= 2; classes--) {
    j = previousCut[classes - 2][j]
    starts.unshift(cuts[j])
  }
  return starts
}
