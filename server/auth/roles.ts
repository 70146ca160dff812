// Who may change what: pure functions of the user and the area a write touches.
import type { Area } from '../domain'

export const ROLES = ['admin', 'editor', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export interface SessionUser {
  id: number
  username: string
  role: Role
  areaScope: string | null // editors: the root of the subtree they may edit; null = everywhere
  readOnly?: true // set when an export's render credential stands for the user: reads as them, never writes
}

/** Whether `areaCode` is `root` or lies below it, following parent links. */
export function isWithinArea(areaCode: string, root: string, areasByCode: ReadonlyMap<string, Area>): boolean {
  const seen = new Set<string>()
  for (let code: string | null = areaCode; code !== null && !seen.has(code); code = areasByCode.get(code)?.parent ?? null) {
    if (code === root) return true
    seen.add(code)
  }
  return false
}

/**
 * Why `user` may not write to `areaCode` (null: may). An admin writes anywhere; an editor within their
 * scope; a write that names no area (e.g. a scheme) needs an unscoped editor or an admin.
 */
export function writeRefusal(
  user: SessionUser | null,
  areaCode: string | null,
  areasByCode: ReadonlyMap<string, Area>,
): { status: 401 | 403; message: string } | null {
  if (!user) return { status: 401, message: '需要登录 (sign in as an editor or admin to change data)' }
  if (user.readOnly) return { status: 403, message: `导出渲染凭据只能查看 (a render credential for ${user.username} can only read)` }
  if (user.role === 'admin') return null
  if (user.role !== 'editor') return { status: 403, message: `用户 ${user.username} 的角色为 ${user.role}，只能查看 (viewers cannot change data)` }
  if (user.areaScope === null) return null
  if (areaCode !== null && isWithinArea(areaCode, user.areaScope, areasByCode)) return null
  const scopeName = areasByCode.get(user.areaScope)?.name ?? user.areaScope
  const target = areaCode === null ? 'data outside any area' : (areasByCode.get(areaCode)?.name ?? areaCode)
  return { status: 403, message: `用户 ${user.username} 只能编辑${scopeName} (${user.areaScope}) 范围内的数据，不能编辑 ${target}` }
}
