// The header of the ledger pages (/units, /targets, /schemes, /brief, …): the page's title, links to the other pages, and
// who is signed in (or where to sign in to edit). 账号管理 and 审计日志 are offered to those whose duties include
// them (server/auth/duties.ts); the server refuses everyone else anyway.
import { ROLE_NAMES } from '../../server/shared/roles'
import type { SignedInUser } from '../api/client'

type Duty = SignedInUser['duties'][number]

const PAGES: readonly { path: string; label: string; duties?: readonly Duty[] }[] = [
  { path: '/', label: '地图' },
  { path: '/units', label: '单位台账' },
  { path: '/targets', label: '创建目标' },
  { path: '/brief', label: '工作简报' },
  { path: '/schemes', label: '创建方案' },
  { path: '/data', label: '数据导入' },
  { path: '/plan', label: '选址规划' },
  { path: '/users', label: '账号管理', duties: ['accounts', 'roles'] },
  { path: '/audit', label: '审计日志', duties: ['audit'] },
]

export function LedgerHeader({ title, here, user }: { title: string; here: string; user: SignedInUser | null | undefined }) {
  const next = encodeURIComponent(here + window.location.search)
  const offered = PAGES.filter((page) => page.path !== here && (!page.duties || page.duties.some((d) => user?.duties.includes(d))))
  return (
    <header className="ledger-header">
      <h1>{title}</h1>
      <nav>
        {offered.map((page, i) => (
          <span key={page.path}>
            {i > 0 && ' · '}
            <a href={page.path}>{page.label}</a>
          </span>
        ))}
      </nav>
      <span className="ledger-user">
        {user ? (
          <a href="/account">{`已登录：${user.username}（${ROLE_NAMES[user.role]}${user.areaScope ? ` · 范围 ${user.areaScope}` : ''}）`}</a>
        ) : (
          <a href={`/login?next=${next}`}>登录后可编辑</a>
        )}
      </span>
    </header>
  )
}
