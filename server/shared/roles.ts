// Account roles. What each may do is decided elsewhere: writes by area scope (server/auth/roles.ts), steps
// of the naming workflow by the table in server/shared/workflow.ts, account and audit duties by
// server/auth/duties.ts. secadmin and auditor are the 安全管理员 and 审计管理员 of 三员分立; an inspector (督导员)
// records visits and their photos in the field (/inspect) and changes nothing else.
export const ROLES = ['admin', 'editor', 'approver', 'viewer', 'secadmin', 'auditor', 'inspector'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  admin: '管理员',
  editor: '编辑',
  approver: '审批人',
  viewer: '查看者',
  secadmin: '安全管理员',
  auditor: '审计管理员',
  inspector: '督导员',
}

const DATA_WRITERS: ReadonlySet<Role> = new Set(['admin', 'editor', 'approver'])

/** Whether the role changes ledger data at all (within its scope); viewers, inspectors and the two 三员 roles beside the admin do not. */
export function writesData(role: Role): boolean {
  return DATA_WRITERS.has(role)
}

/**
 * What a write changes: `ledger` is every data write (units, targets, corridors, imports, workflow steps);
 * `visit` records or changes a 督导 visit and its photos, which inspectors may write too.
 */
export type WriteKind = 'ledger' | 'visit'

const VISIT_WRITERS: ReadonlySet<Role> = new Set([...DATA_WRITERS, 'inspector'])

/** Whether the role makes writes of `kind` at all (within its scope). */
export function writesKind(role: Role, kind: WriteKind): boolean {
  return (kind === 'visit' ? VISIT_WRITERS : DATA_WRITERS).has(role)
}
