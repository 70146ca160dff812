// Account roles. What each may do is decided elsewhere: writes by area scope (server/auth/roles.ts), steps
// of the naming workflow by the table in server/shared/workflow.ts.
export const ROLES = ['admin', 'editor', 'approver', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_NAMES: Readonly<Record<Role, string>> = { admin: '管理员', editor: '编辑', approver: '审批人', viewer: '查看者' }
