// 三员分立 (ATLAS_SEPARATION_OF_DUTIES): who manages accounts, who assigns roles and scopes, who reads the audit
// trail. Separated, the 系统管理员 (admin) manages accounts, data and settings, the 安全管理员 (secadmin) assigns
// roles and scopes, the 审计管理员 (auditor) reads the trail, and none of them can do another's part. Not
// separated, the admin does all of it, as before the setting existed. Pure functions of the actor and the change.
import { ROLE_NAMES, type Role } from '../shared/roles'
import type { SessionUser, WriteRefusal } from './roles'

/** A refused account change: a missing duty (401/403), or a change that would leave a duty with nobody (409). */
export interface AccountRefusal {
  kind: WriteRefusal['kind'] | 'conflict'
  message: string
}

export const DUTIES = ['accounts', 'roles', 'audit', 'backup'] as const
export type Duty = (typeof DUTIES)[number]

const DUTY_NAMES: Readonly<Record<Duty, string>> = {
  accounts: '管理账号（新建、重置密码、停用）',
  roles: '分配角色和范围',
  audit: '查看和导出审计记录',
  backup: '下载备份',
}

const SEPARATED: Readonly<Record<Role, readonly Duty[]>> = {
  admin: ['accounts', 'backup'],
  secadmin: ['roles'],
  auditor: ['audit'],
  editor: [],
  approver: [],
  viewer: [],
  inspector: [],
}
const UNSEPARATED: Readonly<Record<Role, readonly Duty[]>> = { ...SEPARATED, admin: DUTIES }

/** The three roles 三员分立 needs one active account of each, so that every duty has someone to do it. */
const SEPARATED_ROLES: readonly Role[] = ['admin', 'secadmin', 'auditor']

export function dutiesOf(role: Role, separated: boolean): readonly Duty[] {
  return (separated ? SEPARATED : UNSEPARATED)[role]
}

/** Why `user` may not do `duty` (null: may), worded for the 403 answer. */
export function dutyRefusal(user: SessionUser | null, duty: Duty, separated: boolean): WriteRefusal | null {
  if (!user || user.readOnly) return { kind: 'unauthorized', message: `需要登录 (sign in to ${DUTY_NAMES[duty]})` }
  if (dutiesOf(user.role, separated).includes(duty)) return null
  const who = (Object.keys(SEPARATED) as Role[]).filter((role) => dutiesOf(role, separated).includes(duty)).map((role) => ROLE_NAMES[role])
  const rule = separated ? '三员分立：' : ''
  return { kind: 'forbidden', message: `${rule}${DUTY_NAMES[duty]}只能由${who.join('或')}进行；用户 ${user.username} 是${ROLE_NAMES[user.role]}` }
}

/** What an account write asks for: a new account (with its role and scope), or changes to one. */
export interface AccountChange {
  role?: Role
  areaScope?: string | null
  disabled?: boolean
  password?: true
}

export interface AccountHolder {
  id: number
  username: string
  role: Role
  disabled: boolean
}

/**
 * Why `actor` may not make `change` to `target` (null: may); `target` null is a new account. Passwords and
 * disabling are the accounts duty, roles and scopes the roles duty (a new account with anything but the
 * viewer role and no scope asks for both). Separated, nobody changes their own role or scope, and nobody
 * sets the password of another of the three administrators: whoever set it could sign in as them, and the
 * separation would be gone (a lost one is reset on the server: atlas reset-password). The last active
 * holder of a role the separation needs (always the last admin) keeps it and stays enabled.
 */
export function accountChangeRefusal(
  actor: SessionUser,
  target: AccountHolder | null,
  change: AccountChange,
  users: readonly AccountHolder[],
  separated: boolean,
): AccountRefusal | null {
  const assigns = change.role !== undefined || change.areaScope !== undefined
  const isNew = target === null
  const grantsMoreThanViewing = isNew && ((change.role ?? 'viewer') !== 'viewer' || (change.areaScope ?? null) !== null)
  const needed: Duty[] = [
    ...(isNew || change.password || change.disabled !== undefined ? (['accounts'] as const) : []),
    ...((isNew ? grantsMoreThanViewing : assigns) ? (['roles'] as const) : []),
  ]
  for (const duty of needed) {
    const refusal = dutyRefusal(actor, duty, separated)
    if (refusal) return refusal
  }
  if (target === null) return null
  if (separated && assigns && target.id === actor.id) {
    return { kind: 'forbidden', message: `三员分立：用户 ${actor.username} 不能修改自己的角色或范围` }
  }
  if (separated && change.password && target.id !== actor.id && SEPARATED_ROLES.includes(target.role)) {
    return {
      kind: 'forbidden',
      message: `三员分立：不能重置${ROLE_NAMES[target.role]} ${target.username} 的密码（设置密码的人就能以其身份登录）；请在服务器上运行 atlas reset-password ${target.username}`,
    }
  }
  const losesRole = (change.role !== undefined && change.role !== target.role) || change.disabled === true
  if (losesRole && isLastOfNeededRole(users, target, separated)) {
    return { kind: 'conflict', message: `用户 ${target.username} 是最后一个可用的${ROLE_NAMES[target.role]} (the last active ${target.role})；请先让另一个账号担任${ROLE_NAMES[target.role]}` }
  }
  return null
}

/**
 * Whether `target` is the only enabled account of a role the atlas cannot do without: the admin always, the
 * secadmin and auditor too when separated. Such an account is never disabled or demoted, by hand or for idleness.
 */
export function isLastOfNeededRole(users: readonly AccountHolder[], target: AccountHolder, separated: boolean): boolean {
  const needed = separated ? SEPARATED_ROLES : (['admin'] as const)
  if (!needed.includes(target.role)) return false
  const active = users.filter((u) => u.role === target.role && !u.disabled)
  return active.length === 1 && active[0].id === target.id
}
