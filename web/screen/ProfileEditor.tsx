// ?edit=1: an admin edits and saves screen profiles. The server checks the role; this form only asks.
import { useEffect, useState, type FormEvent } from 'react'
import { HONOUR_LEVELS } from '../../server/shared/domain'
import { deleteScreenProfile, fetchCurrentUser, fetchScreenProfiles, saveScreenProfile, type SignedInUser } from '../api/client'
import { SCREEN_PANELS, SCREEN_THEMES, type ScreenConfig } from '../../server/shared/screen-profile'

const PANEL_NAMES: Record<ScreenConfig['panels'][number], string> = {
  kpis: '核心指标',
  categories: '类别覆盖环',
  targets: '目标进度',
  ranking: '县区排名',
  growth: '逐年增长',
  ticker: '最新命名滚动',
}

export interface ProfileEditorProps {
  profileId: string | null
  name: string | null
  config: ScreenConfig
}

export function ProfileEditor({ profileId, name, config }: ProfileEditorProps) {
  const [user, setUser] = useState<SignedInUser | null | undefined>(undefined)
  const [profiles, setProfiles] = useState<{ id: string; name: string }[]>([])
  const [id, setId] = useState(profileId ?? '')
  const [profileName, setProfileName] = useState(name ?? '')
  const [draft, setDraft] = useState<ScreenConfig>(config)
  const [tourText, setTourText] = useState(config.tour.join(','))
  const [message, setMessage] = useState<string | null>(null)

  useEffect(() => {
    fetchCurrentUser().then(setUser, () => setUser(null))
    fetchScreenProfiles().then((r) => setProfiles(r.profiles.map((p) => ({ id: p.id, name: p.name }))), () => {})
  }, [])
  useEffect(() => {
    setDraft(config)
    setTourText(config.tour.join(','))
  }, [config])
  useEffect(() => setProfileName(name ?? ''), [name])

  const set = <K extends keyof ScreenConfig>(key: K, value: ScreenConfig[K]) => setDraft((d) => ({ ...d, [key]: value }))

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const tour = tourText.split(/[,，\s]+/).map((c) => c.trim()).filter(Boolean)
    try {
      const { profile } = await saveScreenProfile(id, profileName, { ...draft, tour })
      setMessage(`已保存：/screen?profile=${profile.id}`)
      setProfiles((list) => [...list.filter((p) => p.id !== profile.id), { id: profile.id, name: profile.name }].sort((a, b) => a.id.localeCompare(b.id)))
    } catch (error) {
      setMessage(`保存失败：${error instanceof Error ? error.message : String(error)}`)
    }
  }

  const remove = async () => {
    try {
      await deleteScreenProfile(id)
      setProfiles((list) => list.filter((p) => p.id !== id))
      setMessage(`已删除：${id}`)
    } catch (error) {
      setMessage(`删除失败：${error instanceof Error ? error.message : String(error)}`)
    }
  }

  if (user === undefined) return null
  if (!user || user.role !== 'admin') {
    const next = encodeURIComponent(window.location.pathname + window.location.search)
    return (
      <aside className="profile-editor" data-panel="editor">
        <h2>大屏配置</h2>
        <p>需要管理员登录才能编辑大屏配置。</p>
        <a href={`/login?next=${next}`}>以管理员身份登录</a>
      </aside>
    )
  }

  return (
    <aside className="profile-editor" data-panel="editor">
      <h2>大屏配置</h2>
      <form onSubmit={save}>
        <label>
          编号 (网址用)
          <input value={id} onChange={(e) => setId(e.target.value)} pattern="[a-z0-9][a-z0-9\-]{0,39}" required />
        </label>
        <label>
          名称
          <input value={profileName} onChange={(e) => setProfileName(e.target.value)} required maxLength={60} />
        </label>
        <label>
          标题
          <input value={draft.title} onChange={(e) => set('title', e.target.value)} required maxLength={60} />
        </label>
        <div className="editor-row">
          <label>
            刷新 (秒)
            <input type="number" min={1} max={3600} value={draft.refreshSeconds} onChange={(e) => set('refreshSeconds', Number(e.target.value))} />
          </label>
          <label>
            轮播 (秒)
            <input type="number" min={3} max={600} value={draft.tourSeconds} onChange={(e) => set('tourSeconds', Number(e.target.value))} />
          </label>
          <label>
            年数
            <input type="number" min={2} max={15} value={draft.years} onChange={(e) => set('years', Number(e.target.value))} />
          </label>
        </div>
        <div className="editor-row">
          <label>
            统计级别
            <select value={draft.minLevel} onChange={(e) => set('minLevel', e.target.value as ScreenConfig['minLevel'])}>
              {HONOUR_LEVELS.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
          </label>
          <label>
            主题
            <select value={draft.theme} onChange={(e) => set('theme', e.target.value as ScreenConfig['theme'])}>
              {SCREEN_THEMES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
        </div>
        <label>
          轮播区县代码 (逗号分隔，空=全部)
          <input value={tourText} onChange={(e) => setTourText(e.target.value)} />
        </label>
        <fieldset>
          <legend>显示的面板</legend>
          {SCREEN_PANELS.map((p) => (
            <label key={p} className="check">
              <input
                type="checkbox"
                checked={draft.panels.includes(p)}
                onChange={(e) => set('panels', e.target.checked ? SCREEN_PANELS.filter((q) => q === p || draft.panels.includes(q)) : draft.panels.filter((q) => q !== p))}
              />
              {PANEL_NAMES[p]}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={draft.aggregateSensitive} onChange={(e) => set('aggregateSensitive', e.target.checked)} />
          宗教活动场所仅计数 (公开场所大屏)
        </label>
        <div className="editor-actions">
          <button type="submit">保存</button>
          <button type="button" onClick={remove} disabled={!profiles.some((p) => p.id === id)}>
            删除
          </button>
        </div>
        {message && <p className="editor-message" role="status">{message}</p>}
      </form>
      {profiles.length > 0 && (
        <ul className="editor-profiles">
          {profiles.map((p) => (
            <li key={p.id}>
              <a href={`/screen?profile=${p.id}&edit=1`}>{p.name}</a> <code>{p.id}</code>
            </li>
          ))}
        </ul>
      )}
    </aside>
  )
}
