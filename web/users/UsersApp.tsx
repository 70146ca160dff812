// /users (账号管理): the accounts, for those with the accounts duty (create, reset a password, disable) or the
// roles duty (role and area scope). Under 三员分立 these are two people; each sees only the controls of their
// part, and the server decides again on every write (server/auth/duties.ts).
import { useState } from 'react'
import { ROLE_NAMES, ROLES, type Role } from '../../server/shared/roles'
import { createUser, fetchCurrentUser, fetchUsers, updateUser, type SignedInUser, type UserChange, type UserItem } from '../api/client'
import { useAsyncValue } from '../api/use-async-value'
import { LedgerHeader } from '../panels/LedgerHeader'
import { PageMessages, type PageMessage } from '../panels/PageMessages'
import './users.css'

const DUTY_WORDS = { accounts: '新建账号、重置密码、停用或启用账号', roles: '分配角色和数据范围', audit: '查看和导出审计日志', backup: '下载备份' } as const

interface Powers {
  manage: boolean // the accounts duty
  assign: boolean // the roles duty
  separated: boolean
  self: string
}

export function UsersApp() {
  const me = useAsyncValue(fetchCurrentUser, []).value
  const [listVersion, setListVersion] = useState(0)
  const listed = useAsyncValue(fetchUsers, [listVersion])
  const [message, setMessage] = useState<PageMessage | null>(null)
  const powers: Powers = {
    manage: me?.duties.includes('accounts') ?? false,
    assign: me?.duties.includes('roles') ?? false,
    separated: me?.separationOfDuties ?? false,
    self: me?.username ?? '',
  }

  async function save(done: string, write: () => Promise<unknown>): Promise<boolean> {
    try {
      await write()
      setMessage({ text: done, error: false })
      setListVersion((v) => v + 1)
      return true
    } catch (error) {
      setMessage({ text: (error as Error).message, error: true })
      return false
    }
  }

  return (
    <div className="ledger-page users-page">
      <LedgerHeader title="账号管理" here="/users" user={me} />
      {me && <DutyNote user={me} />}
      <PageMessages loadError={listed.error} message={message} />
      {powers.manage && <NewUserForm powers={powers} save={save} />}
      <div className="users-main">
        <table className="users-table">
          <thead>
            <tr>
              {['用户名', '角色', '数据范围', '状态', '密码', '创建时间', '操作'].map((h) => <th key={h} scope="col">{h}</th>)}
            </tr>
          </thead>
          <tbody>
            {(listed.value ?? []).map((u) => <UserRow key={`${u.id}-${listVersion}`} user={u} powers={powers} save={save} />)}
          </tbody>
        </table>
      </div>
    </div>
  )
}

function DutyNote({ user }: { user: SignedInUser }) {
  const may = user.duties.map((d) => DUTY_WORDS[d]).join('；')
  const rule = user.separationOfDuties ? '三员分立已启用：系统管理员、安全管理员、审计管理员各管一部分。' : ''
  return <p className="users-duty">{`${rule}您是${ROLE_NAMES[user.role]}${may ? `，可以${may}` : '，不能管理账号'}。`}</p>
}

type Save = (done: string, write: () => Promise<unknown>) => Promise<boolean>

function NewUserForm({ powers, save }: { powers: Powers; save: Save }) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [role, setRole] = useState<Role>('viewer')
  const [areaScope, setAreaScope] = useState('')
  async function submit() {
    const made = await save(`已新建账号 ${username}；首次登录时须修改密码`, () =>
      createUser({ username, password, ...(powers.assign ? { role, areaScope: areaScope.trim() || null } : {}) }),
    )
    if (made) {
      setUsername('')
      setPassword('')
    }
  }
  return (
    <form className="users-new" onSubmit={(e) => { e.preventDefault(); void submit() }}>
      <h2>新建账号</h2>
      <label>
        用户名
        <input value={username} onChange={(e) => setUsername(e.target.value)} required autoComplete="off" />
      </label>
      <label>
        初始密码
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="new-password" />
      </label>
      {powers.assign ? (
        <>
          <label>
            角色
            <RoleSelect value={role} onChange={setRole} label="新账号的角色" />
          </label>
          <label>
            数据范围（区划代码，空为全部）
            <input value={areaScope} onChange={(e) => setAreaScope(e.target.value)} placeholder="如 530626" />
          </label>
        </>
      ) : (
        <span className="users-hint">新账号为查看者；角色和范围由安全管理员分配。</span>
      )}
      <button type="submit" className="button-primary">新建</button>
    </form>
  )
}

function RoleSelect({ value, onChange, label }: { value: Role; onChange: (role: Role) => void; label: string }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as Role)} aria-label={label}>
      {ROLES.map((r) => <option key={r} value={r}>{ROLE_NAMES[r]}</option>)}
    </select>
  )
}

function UserRow({ user, powers, save }: { user: UserItem; powers: Powers; save: Save }) {
  const [role, setRole] = useState<Role>(user.role)
  const [areaScope, setAreaScope] = useState(user.areaScope ?? '')
  const [password, setPassword] = useState('')
  const isSelf = user.username === powers.self
  const assignable = powers.assign && !(powers.separated && isSelf)
  const change = (done: string, body: UserChange) => save(done, () => updateUser(user.id, body))
  return (
    <tr className={user.disabled ? 'is-disabled' : undefined}>
      <td>{user.username}{isSelf ? '（本人）' : ''}</td>
      <td>{assignable ? <RoleSelect value={role} onChange={setRole} label={`${user.username} 的角色`} /> : ROLE_NAMES[user.role]}</td>
      <td>{assignable ? <input className="users-scope" value={areaScope} onChange={(e) => setAreaScope(e.target.value)} placeholder="全部" aria-label={`${user.username} 的数据范围`} /> : (user.areaScope ?? '全部')}</td>
      <td>{user.disabled ? '已停用' : '启用'}</td>
      <td>{user.mustChangePassword ? '待本人修改' : '本人设置'}</td>
      <td>{user.createdAt.slice(0, 10)}</td>
      <td className="users-actions">
        {assignable && (
          <button type="button" onClick={() => void change(`已修改 ${user.username} 的角色和范围`, { role, areaScope: areaScope.trim() || null })}>
            保存角色
          </button>
        )}
        {powers.manage && (
          <>
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} placeholder="新密码" aria-label={`${user.username} 的新密码`} autoComplete="new-password" />
            <button type="button" disabled={password === ''} onClick={() => void change(`已重置 ${user.username} 的密码；下次登录时须修改`, { password })}>
              重置密码
            </button>
            <button type="button" onClick={() => void change(`已${user.disabled ? '启用' : '停用'} ${user.username}`, { disabled: !user.disabled })}>
              {user.disabled ? '启用' : '停用'}
            </button>
          </>
        )}
      </td>
    </tr>
  )
}
