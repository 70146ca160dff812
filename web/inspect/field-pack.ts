// What /inspect needs to work with no network, fetched while online and kept in IndexedDB: the inspector,
// the units of their scope with their visits due, the scope's boundaries, and the open follow-ups they may
// close. Offline, the last pack is used as it was.
import { fetchChildAreas, fetchCurrentUser, fetchInspections, fetchUnitsOfArea, fetchVisitsDue, type AreasResponse, type SignedInUser } from '../api/client'
import { DEFAULT_CHECKLIST_ITEMS } from '../../server/shared/domain'
import { loadPack, savePack } from './queue-db'
import type { FieldUnit } from './visit-order'

export interface OpenFollowUp {
  inspectionId: number
  unitId: number
  version: number
  date: string
  followUp: string
  followUpDue: string | null
}

export interface FieldPack {
  user: SignedInUser
  scope: string | null // the area whose units the list holds: the user's scope, or /inspect?area= for an unscoped user; null: neither
  units: FieldUnit[]
  areas: AreasResponse
  followUps: OpenFollowUp[]
  savedAt: string // ISO instant of the fetch
  sample?: boolean // some units of the scope are 示例数据 (absent in packs stored before it was kept)
}

/**
 * The fresh pack, stored; null when nobody is signed in. Throws when the network fails. `requestedArea`
 * (/inspect?area=) chooses the area of a user with no scope (an admin); a scoped user always gets their scope.
 */
export async function fetchFieldPack(requestedArea: string | null): Promise<FieldPack | null> {
  const user = await fetchCurrentUser()
  if (!user) return null
  const scope = user.areaScope ?? requestedArea
  if (scope === null) {
    const pack: FieldPack = { user, scope, units: [], areas: { type: 'FeatureCollection', features: [] }, followUps: [], savedAt: new Date().toISOString() }
    await savePack('field', pack)
    return pack
  }
  const [units, due, areas, inspections] = await Promise.all([fetchUnitsOfArea(scope), fetchVisitsDue(scope), fetchChildAreas(scope), fetchInspections({ area: scope })])
  const dueOf = new Map(due.units.map((d) => [d.unitId, d]))
  const pack: FieldPack = {
    user,
    scope,
    units: units.features
      .filter((f) => dueOf.get(f.properties.id)?.needsVisits)
      .map((f) => ({
        id: f.properties.id,
        name: f.properties.name,
        category: f.properties.category,
        status: f.properties.status,
        lonLat: f.geometry ? [f.geometry.coordinates[0], f.geometry.coordinates[1]] : null,
        due: dueOf.get(f.properties.id)?.due ?? 0,
        overdueFollowUps: dueOf.get(f.properties.id)?.overdueFollowUps.length ?? 0,
        checklist: dueOf.get(f.properties.id)?.checklist ?? DEFAULT_CHECKLIST_ITEMS,
      })),
    areas,
    followUps: inspections.inspections
      .filter((i) => i.followUpState === 'open' || i.followUpState === 'overdue')
      .map((i) => ({ inspectionId: i.id, unitId: i.unitId, version: i.version, date: i.date, followUp: i.followUp, followUpDue: i.followUpDue })),
    savedAt: new Date().toISOString(),
    sample: units.features.some((f) => f.properties.sample),
  }
  await savePack('field', pack)
  return pack
}

export function storedFieldPack(): Promise<FieldPack | undefined> {
  return loadPack<FieldPack>('field')
}
