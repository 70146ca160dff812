// 三员分立 as a pure rule: which duties each role has, separated and not, and which account changes each may make.
import { describe, expect, test } from 'vitest'
import { accountChangeRefusal, dutiesOf, dutyRefusal, isLastOfNeededRole, type AccountHolder } from '../../../server/auth/duties'
import type { SessionUser } from '../../../server/auth/roles'
import type { Role } from '../../../server/shared/roles'

const account = (id: number, role: Role, disabled = false): AccountHolder & SessionUser => ({ id, username: `${role}${id}`, role, areaScope: null, disabled })
const admin = account(1, 'admin')
const secadmin = account(2, 'secadmin')
const auditor = account(3, 'auditor')
const viewer = account(4, 'viewer')
const users = [admin, secadmin, auditor, viewer]

describe('dutiesOf', () => {
  test('separated, each administrator has one part; not separated, the admin has them all', () => {
    expect(dutiesOf('admin', true)).toEqual(['accounts', 'backup'])
    expect(dutiesOf('secadmin', true)).toEqual(['roles'])
    expect(dutiesOf('auditor', true)).toEqual(['audit'])
    expect(dutiesOf('admin', false)).toEqual(['accounts', 'roles', 'audit', 'backup'])
    for (const role of ['editor', 'approver', 'viewer'] as const) expect([...dutiesOf(role, true), ...dutiesOf(role, false)]).toEqual([])
  })

  test('a refusal names the duty, who has it and who asked', () => {
    expect(dutyRefusal(admin, 'audit', true)).toEqual({ kind: 'forbidden', message: '三员分立：查看和导出审计记录只能由审计管理员进行；用户 admin1 是管理员' })
    expect(dutyRefusal(auditor, 'roles', false)?.message).toBe('分配角色和范围只能由管理员或安全管理员进行；用户 auditor3 是审计管理员')
    expect(dutyRefusal(null, 'audit', true)?.kind).toBe('unauthorized')
    expect(dutyRefusal({ ...auditor, readOnly: true }, 'audit', true)?.kind).toBe('unauthorized')
    expect(dutyRefusal(admin, 'audit', false)).toBeNull()
  })
})

describe('accountChangeRefusal, separated', () => {
  const refusal = (actor: SessionUser, target: AccountHolder | null, change: Parameters<typeof accountChangeRefusal>[2]) => accountChangeRefusal(actor, target, change, users, true)

  test('the admin creates viewers, resets passwords and disables accounts, but assigns no role or scope', () => {
    expect(refusal(admin, null, { role: 'viewer', areaScope: null, password: true })).toBeNull()
    expect(refusal(admin, null, { role: 'editor', areaScope: null, password: true })?.message).toContain('分配角色和范围只能由安全管理员进行')
    expect(refusal(admin, null, { role: 'viewer', areaScope: '530626', password: true })?.kind).toBe('forbidden')
    expect(refusal(admin, viewer, { password: true })).toBeNull()
    expect(refusal(admin, viewer, { disabled: true })).toBeNull()
    expect(refusal(admin, viewer, { role: 'editor' })?.kind).toBe('forbidden')
    expect(refusal(admin, admin, { role: 'secadmin' })?.kind).toBe('forbidden')
  })

  test('the secadmin assigns roles and scopes to others, and does nothing else', () => {
    expect(refusal(secadmin, viewer, { role: 'editor', areaScope: '530626' })).toBeNull()
    expect(refusal(secadmin, admin, { role: 'viewer' })?.kind).toBe('conflict') // the last admin
    expect(refusal(secadmin, secadmin, { role: 'admin' })).toEqual({ kind: 'forbidden', message: '三员分立：用户 secadmin2 不能修改自己的角色或范围' })
    expect(refusal(secadmin, null, { password: true })?.message).toContain('管理账号（新建、重置密码、停用）只能由管理员进行')
    expect(refusal(secadmin, viewer, { password: true })?.kind).toBe('forbidden')
    expect(refusal(secadmin, viewer, { disabled: true })?.kind).toBe('forbidden')
  })

  test('the auditor changes no account', () => {
    for (const change of [{ role: 'editor' as const }, { password: true as const }, { disabled: true }]) expect(refusal(auditor, viewer, change)?.kind).toBe('forbidden')
  })

  test("nobody sets another administrator's password: whoever did could sign in as them", () => {
    for (const target of [secadmin, auditor, account(9, 'admin')]) {
      expect(refusal(admin, target, { password: true })?.message).toContain(`atlas reset-password ${target.username}`)
    }
    expect(refusal(admin, admin, { password: true })).toBeNull()
  })

  test('the last active admin, secadmin and auditor keep their role and stay enabled', () => {
    expect(refusal(admin, auditor, { disabled: true })?.kind).toBe('conflict')
    expect(refusal(admin, secadmin, { disabled: true })?.kind).toBe('conflict')
    expect(refusal(secadmin, auditor, { role: 'viewer' })?.kind).toBe('conflict')
    const twoAuditors = [...users, account(5, 'auditor')]
    expect(accountChangeRefusal(admin, auditor, { disabled: true }, twoAuditors, true)).toBeNull()
  })
})

describe('accountChangeRefusal, not separated', () => {
  test('the admin does everything, its own role included, but never leaves the atlas without an admin', () => {
    const refusal = (target: AccountHolder | null, change: Parameters<typeof accountChangeRefusal>[2]) => accountChangeRefusal(admin, target, change, users, false)
    expect(refusal(null, { role: 'approver', areaScope: '530626', password: true })).toBeNull()
    expect(refusal(auditor, { password: true })).toBeNull()
    expect(refusal(auditor, { disabled: true })).toBeNull() // an auditor is optional without separation
    expect(refusal(admin, { role: 'viewer' })?.kind).toBe('conflict')
    expect(accountChangeRefusal(admin, admin, { role: 'viewer' }, [...users, account(6, 'admin')], false)).toBeNull()
  })

  test('isLastOfNeededRole: the admin always, the other two only when separated', () => {
    expect(isLastOfNeededRole(users, admin, false)).toBe(true)
    expect(isLastOfNeededRole(users, auditor, false)).toBe(false)
    expect(isLastOfNeededRole(users, auditor, true)).toBe(true)
    expect(isLastOfNeededRole([...users, account(7, 'auditor', true)], auditor, true)).toBe(true) // a disabled one does not count
    expect(isLastOfNeededRole(users, viewer, true)).toBe(false)
  })
})
