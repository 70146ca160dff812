// The naming workflow (创建命名) as data: which step leads from which statuses to which, and which roles may
// take it. The server refuses anything else (server/ledger/unit-transition.ts); the web offers only the
// steps this table allows the signed-in user. Admins may take every step.
//
//   培育 → 申报 → 推荐 → 验收 → 命名 → 复查 (→ 复查 …)      撤销 from any status, with a reason
//
// A naming gives a level and a year; an approver names at most at the level of the area they are scoped
// to (a county's approver 县级, a prefecture's 市级, a province's 省级, an unscoped one 国家级).
import { HONOUR_LEVELS, type AreaLevel, type HonourLevel, type UnitStatus } from './domain'
import { ROLE_NAMES, type Role } from './roles'

export type WorkflowAction = 'apply' | 'return' | 'recommend' | 'accept' | 'name' | 'review' | 'promote' | 'revoke' | 'restart'

export interface WorkflowStep {
  action: WorkflowAction
  label: string // as the bureau calls the step
  from: readonly UnitStatus[]
  to: UnitStatus
  roles: readonly Role[] // who besides admins may take it
  reasonRequired: boolean
  /** The step gives a naming: a level (bounded by the approver's) and a year. */
  naming: 'new' | 'same-level' | 'higher-level' | null
}

export const NAMING_WORKFLOW: readonly WorkflowStep[] = [
  { action: 'apply', label: '申报', from: ['培育'], to: '申报', roles: ['editor', 'approver'], reasonRequired: false, naming: null },
  { action: 'recommend', label: '审核推荐', from: ['申报'], to: '推荐', roles: ['approver'], reasonRequired: false, naming: null },
  { action: 'accept', label: '考核验收', from: ['推荐'], to: '验收', roles: ['approver'], reasonRequired: false, naming: null },
  { action: 'name', label: '命名授牌', from: ['验收'], to: '命名', roles: ['approver'], reasonRequired: false, naming: 'new' },
  { action: 'return', label: '退回培育', from: ['申报', '推荐', '验收'], to: '培育', roles: ['approver'], reasonRequired: true, naming: null },
  // 复查 is a review passed (as ledgers record it: 复查合格): the plaque is kept at its level and its validity
  // counts again from this date. A review failed is a 撤销 with its reason.
  { action: 'review', label: '复查通过', from: ['命名', '复查'], to: '复查', roles: ['approver'], reasonRequired: false, naming: 'same-level' },
  // A named unit raised to a higher level keeps counting throughout (it is never un-named on the way).
  { action: 'promote', label: '晋级命名', from: ['命名', '复查'], to: '命名', roles: ['approver'], reasonRequired: false, naming: 'higher-level' },
  // Editors may withdraw what they prepared; a unit past 申报 is withdrawn by whoever decides on it.
  { action: 'revoke', label: '撤销', from: ['培育', '申报'], to: '撤销', roles: ['editor', 'approver'], reasonRequired: true, naming: null },
  { action: 'revoke', label: '撤销', from: ['推荐', '验收', '命名', '复查'], to: '撤销', roles: ['approver'], reasonRequired: true, naming: null },
  { action: 'restart', label: '重新培育', from: ['撤销'], to: '培育', roles: ['approver'], reasonRequired: true, naming: null },
]

/** Who takes a step: the role, and the level of the area they are scoped to (null: unscoped). */
export interface WorkflowActor {
  username: string
  role: Role
  scopeLevel: AreaLevel | null
}

/** The step from `from` to `to`, if the workflow has one (命名 → 命名 only as a promotion to a higher level). */
export function workflowStep(from: UnitStatus, to: UnitStatus, level?: { current: HonourLevel | null; next: HonourLevel | null }): WorkflowStep | null {
  const higher = level?.next != null && (level.current === null || HONOUR_LEVELS.indexOf(level.next) > HONOUR_LEVELS.indexOf(level.current))
  return NAMING_WORKFLOW.find((step) => step.from.includes(from) && step.to === to && (step.naming !== 'higher-level' || higher)) ?? null
}

/** The steps a unit in `status` can take at all, one per target status, as the refusal message lists them. */
export function stepsFrom(status: UnitStatus): WorkflowStep[] {
  return NAMING_WORKFLOW.filter((step) => step.from.includes(status))
}

/** The levels `actor` may name at: every level for an admin, up to their area's for an approver, none else. */
export function namingLevels(actor: WorkflowActor): HonourLevel[] {
  if (actor.role === 'admin') return [...HONOUR_LEVELS]
  if (actor.role !== 'approver') return []
  const highest = APPROVER_LEVEL[actor.scopeLevel ?? 'nation']
  return highest === null ? [] : HONOUR_LEVELS.slice(0, HONOUR_LEVELS.indexOf(highest) + 1)
}

const APPROVER_LEVEL: Readonly<Record<AreaLevel | 'nation', HonourLevel | null>> = {
  nation: '国家级',
  country: '国家级',
  province: '省级',
  prefecture: '市级',
  county: '县级',
  township: null,
  village: null,
}

/** Why `actor` may not take `step` (null: may), in words for the person refused. */
export function stepRoleRefusal(actor: WorkflowActor, step: WorkflowStep): string | null {
  if (actor.role === 'admin' || step.roles.includes(actor.role)) return null
  const who = step.roles.map((role) => ROLE_NAMES[role]).join('或')
  return `${step.label}（${step.from.join('/')} → ${step.to}）需要${who}或管理员；用户 ${actor.username} 是${ROLE_NAMES[actor.role]}`
}

/** Why `actor` may not give a naming at `level` (null: may). */
export function namingLevelRefusal(actor: WorkflowActor, level: HonourLevel): string | null {
  const levels = namingLevels(actor)
  if (levels.includes(level)) return null
  const may = levels.length === 0 ? '不能命名' : `只能命名${levels.join('、')}`
  return `用户 ${actor.username}（${ROLE_NAMES[actor.role]}${actor.scopeLevel ? `，范围为${AREA_LEVEL_WORDS[actor.scopeLevel]}` : ''}）${may}，不能命名${level}`
}

/** The steps `actor` may take on a unit in `status` (their area scope is checked separately). */
export function stepsFor(actor: WorkflowActor, status: UnitStatus): WorkflowStep[] {
  return stepsFrom(status).filter((step) => stepRoleRefusal(actor, step) === null && (step.naming === null || namingLevels(actor).length > 0))
}

/**
 * Why `actor` may not enter a unit directly at `status` (null: may): a new unit starts at 培育 unless its
 * writer could have moved it to that status (so an editor cannot create a unit already named).
 */
export function entryRefusal(actor: WorkflowActor, status: UnitStatus, level: HonourLevel | null): string | null {
  if (status === '培育' || actor.role === 'admin') return null
  const into = NAMING_WORKFLOW.filter((step) => step.to === status)
  if (!into.some((step) => stepRoleRefusal(actor, step) === null)) {
    return `用户 ${actor.username}（${ROLE_NAMES[actor.role]}）不能新建状态为${status}的单位：${status}要经过${into.map((s) => s.label).join('或')}`
  }
  return level !== null && (status === '命名' || status === '复查') ? namingLevelRefusal(actor, level) : null
}

const AREA_LEVEL_WORDS: Readonly<Record<AreaLevel, string>> = { country: '国家级', province: '省级', prefecture: '市级', county: '县级', township: '乡镇级', village: '村级' }
