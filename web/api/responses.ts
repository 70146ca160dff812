// The shapes the web reads, named once. They are inferred from the server's routes (through client.ts),
// so a server change that breaks the web fails type-checking rather than the page.
import type { AreaPlacesResponse, AreasResponse, CoverageResponse, SchemesResponse, UnitsResponse } from './client'

export type Scheme = SchemesResponse['schemes'][number]

export type AreaCollection = AreasResponse
type AnyAreaFeature = AreasResponse['features'][number]
export type AreaProperties = AnyAreaFeature['properties']
/** An area the map can draw: the API sends null geometry for an area it has no boundary for. */
export type AreaFeature = AnyAreaFeature & { geometry: NonNullable<AnyAreaFeature['geometry']> }
/** Areas as label points with their boundary's box (geometry=label). */
export type AreaPlacesCollection = AreaPlacesResponse

export type UnitCollection = UnitsResponse
export type UnitProperties = UnitsResponse['features'][number]['properties']

export type CoverageReport = CoverageResponse
export type CoverageArea = CoverageReport['areas'][number]
