// Site planning for demonstration units: maximal covering (how much demand p new sites can reach), set
// covering (how few new sites reach all of it), and category completeness (which units to promote so every
// area has every category). Pure functions of their inputs; see each module for the method and its bounds.
export { EARTH_RADIUS_KM, boxesWithinKm, greatCircleKm, type LonLat, type LonLatBox } from './distance'
export { coverageSets, coveredBy, coverersOf, type CoverageSets, type CoverageSetsOptions } from './coverage-sets'
export type { Located } from './input-checks'
export {
  maximalCoverage,
  type BoundKind,
  type ChosenSite,
  type DemandPoint,
  type ExactMode,
  type MclpInput,
  type MclpOptions,
  type MclpResult,
  type SiteInput,
} from './mclp'
export {
  setCover,
  type CoveringSite,
  type LscpBoundKind,
  type LscpDemandPoint,
  type LscpInput,
  type LscpOptions,
  type LscpResult,
} from './lscp'
export {
  categoryPromotions,
  type AreaGaps,
  type CategoryCompletenessInput,
  type CategoryCompletenessResult,
  type CategoryGap,
  type Promotion,
  type PromotionCandidate,
} from './category-completeness'
