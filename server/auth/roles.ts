// Who may change what: pure functions of the user and the area a write touches.
import { isWithin, storedParents } from '../shared/area-codes'
import type { Area } from '../shared/domain'
import { ROLE_NAMES, writesData, writesKind, type Role, type WriteKind } from '../shared/roles'
import type { WorkflowActor } from '../shared/workflow'

export interface SessionUser {
  id: number
  username: string
  role: Role
  areaScope: string | null // editors, approvers, inspectors: the root of the subtree they may write to; null = everywhere
  readOnly?: true // set when an export's render credential stands for the user: reads as them, never writes
  passwordChangeDue?: true // set per request when an admin set the password or it expired: writes nothing but a new password
  totpEnrolmentDue?: true // set per request when ATLAS_MFA requires a second factor the account has not set up: writes nothing but that
}


/**
 * Why `user` may not make a write of `kind` to `areaCode` (null: may). An admin writes anywhere; an editor
 * within their scope; an inspector only visits (kind `visit`) within theirs; a write that names no area (e.g.
 * a scheme) needs an unscoped writer or an admin.
 */
export function writeRefusal(
  user: SessionUser | null,
  areaCode: string | null,
  areasByCode: ReadonlyMap<string, Area>,
  kind: WriteKind = 'ledger',
): WriteRefusal | null {
  if (!user) return { kind: 'unauthorized', message: '需要登录 (sign in as an editor or admin to change data)' }
  if (user.readOnly) return { kind: 'forbidden', message: `导出渲染凭据只能查看 (a render credential for ${user.username} can only read)` }
  if (user.role === 'admin') return null
  if (!writesKind(user.role, kind)) {
    const who = kind === 'visit' ? 'only admins, editors, approvers and inspectors record visits' : 'only admins, editors and approvers change data'
    const what = user.role === 'inspector' ? '只能记录督导，不能修改台账数据' : '不能修改数据'
    return { kind: 'forbidden', message: `用户 ${user.username} 的角色为${ROLE_NAMES[user.role]} (${user.role})，${what} (${who})` }
  }
  if (user.areaScope === null) return null
  if (areaCode !== null && isWithin(areaCode, user.areaScope, storedParents(areasByCode))) return null
  const scopeName = areasByCode.get(user.areaScope)?.name ?? user.areaScope
  const target = areaCode === null ? 'data outside any area' : (areasByCode.get(areaCode)?.name ?? areaCode)
  return { kind: 'forbidden', message: `用户 ${user.username} 只能编辑${scopeName} (${user.areaScope}) 范围内的数据，不能编辑 ${target}` }
}

export interface WriteRefusal {
  kind: 'unauthorized' | 'forbidden'
  message: string
}

/** Where a unit is: the area its ledger names, and the area the join places it in (snapshot.unitAreas). */
export interface UnitPlace {
  ledgerArea: string | null
  locatedArea: string | null
}

/** A write to one unit: its place before (absent for a new unit) and after (absent when it does not move). */
export interface UnitWrite {
  unit: string // how messages name it, e.g. 单位 #12“绥江县中城镇中学”
  before?: UnitPlace
  after?: UnitPlace
}

/** The place of a stored unit, from its ledger code and the snapshot's join (`unitAreas`). */
export function unitPlace(unit: { id: number; areaCode: string | null }, unitAreas: ReadonlyMap<number, string | null>): UnitPlace {
  return { ledgerArea: unit.areaCode, locatedArea: unitAreas.get(unit.id) ?? null }
}

const STATE_NAMES = { before: '现在', after: '写入后' } as const
const PLACE_NAMES = { ledgerArea: '台账所属区域', locatedArea: '坐标所在区域' } as const

/**
 * Why `user` may not write to a unit (null: may). Every area the unit touches must pass `writeRefusal`: its
 * ledger area and its located area, before the write and after it, so that a scoped editor can neither
 * reach a unit outside their scope (by a merge, a promotion, a corridor) nor move one out or in. A unit
 * with no area at all in a state needs an unscoped writer, as a write that names no area does.
 */
export function unitWriteRefusal(user: SessionUser | null, write: UnitWrite, areasByCode: ReadonlyMap<string, Area>, kind: WriteKind = 'ledger'): WriteRefusal | null {
  const states = (['before', 'after'] as const).filter((state) => write[state] !== undefined)
  if (states.length === 0) return writeRefusal(user, null, areasByCode, kind)
  for (const state of states) {
    const place = write[state] as UnitPlace
    if (place.ledgerArea === null && place.locatedArea === null) {
      const refusal = writeRefusal(user, null, areasByCode, kind)
      if (refusal) return refusal.kind === 'unauthorized' ? refusal : { ...refusal, message: `${refusal.message}（${write.unit}${STATE_NAMES[state]}不属于任何区域）` }
    }
    for (const key of ['ledgerArea', 'locatedArea'] as const) {
      const code = place[key]
      if (code === null) continue
      const refusal = writeRefusal(user, code, areasByCode, kind)
      if (!refusal) continue
      if (refusal.kind === 'unauthorized') return refusal
      const name = areasByCode.get(code)?.name
      return { ...refusal, message: `${refusal.message}（${write.unit}${STATE_NAMES[state]}的${PLACE_NAMES[key]}为 ${name === undefined ? code : `${name} ${code}`}）` }
    }
  }
  return null
}

/**
 * Whether a unit lies wholly within the area subtree `scope`: its ledger and its located area both (those it
 * has), as unitWriteRefusal checks an area-scoped writer. A unit in no area lies in no scope.
 */
export function isUnitWithin(place: UnitPlace, scope: string, areasByCode: ReadonlyMap<string, Area>): boolean {
  const codes = [place.ledgerArea, place.locatedArea].filter((code) => code !== null)
  const parents = storedParents(areasByCode)
  return codes.length > 0 && codes.every((code) => isWithin(code, scope, parents))
}

/**
 * Why `user` may not commit a boundary change to `area` (null: may). A boundary decides which units every
 * count puts where, across the parent and its other children, so no area scope covers it: only admins.
 * (An approver of the parent, once there is such a role, is the rule to add here.)
 */
export function boundaryWriteRefusal(
  user: SessionUser | null,
  area: { code: string; name?: string | null; parent: string | null },
  areasByCode: ReadonlyMap<string, Area>,
): WriteRefusal | null {
  if (!user || user.readOnly) return writeRefusal(user, null, areasByCode)
  if (user.role === 'admin') return null
  const name = area.name ?? areasByCode.get(area.code)?.name ?? ''
  const attributes = writesData(user.role) ? '；人口等属性仍可导入' : ''
  return {
    kind: 'forbidden',
    message: `只有管理员可以提交边界 (only an admin may commit boundaries)：用户 ${user.username} 的角色为 ${user.role}，不能修改 ${area.code} ${name} 的边界${attributes}`,
  }
}

/**
 * `user` as the naming workflow sees them: their role and the level of the area they are scoped to. A
 * scope the atlas no longer has counts as the narrowest (a village), never as no scope at all.
 */
export function workflowActor(user: SessionUser, areasByCode: ReadonlyMap<string, Area>): WorkflowActor {
  const scopeLevel = user.areaScope === null ? null : (areasByCode.get(user.areaScope)?.level ?? 'village')
  return { username: user.username, role: user.role, scopeLevel }
}
