// The visit form: the criteria of the unit's scheme (admins keep them on /schemes), a rating, findings, a follow-up with its due date, photos from the
// camera (resized on the phone), and the GPS fix with its accuracy, warned about when far from the unit. Saving
// puts the visit in the queue (IndexedDB) first; the sync sends it when it can.
import { useState, type FormEvent } from 'react'
import { CHECKLIST_RESULTS, INSPECTION_RATINGS } from '../../server/shared/domain'
import { farFromUnitWarning } from '../../server/shared/field-distance'
import { capturedPhoto } from './photo-capture'
import type { QueuedPhoto, VisitPayload } from './queue-state'
import type { FieldUnit } from './visit-order'

export interface Fix {
  lon: number
  lat: number
  accuracyM: number
  takenAt: string
}

interface VisitFormProps {
  unit: FieldUnit
  fix: Fix | null
  inspector: string
  today: string
  onSave(visit: VisitPayload, photos: { photo: QueuedPhoto; blob: Blob }[]): Promise<void>
  onCancel(): void
}

export function VisitForm({ unit, fix, inspector, today, onSave, onCancel }: VisitFormProps) {
  const [results, setResults] = useState<Record<string, string>>(() => Object.fromEntries(unit.checklist.map((item) => [item, '达标'])))
  const [photos, setPhotos] = useState<{ photo: QueuedPhoto; blob: Blob; url: string }[]>([])
  const [allowExif, setAllowExif] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const warning = fix ? farFromUnitWarning(fix, unit.lonLat) : null

  async function addPhotos(files: FileList | null) {
    setError(null)
    try {
      const added = await Promise.all([...(files ?? [])].map(async (file) => ({ ...(await capturedPhoto(file, allowExif)), url: URL.createObjectURL(file) })))
      setPhotos((list) => [...list, ...added.filter((a) => !list.some((p) => p.photo.sha256 === a.photo.sha256))])
    } catch (e) {
      setError(`照片无法读取：${(e as Error).message}`)
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const text = (name: string) => String(form.get(name) ?? '').trim()
    const visit: VisitPayload = {
      unit: unit.id,
      date: text('date'),
      inspectors: text('inspectors').split(/[、，,\s]+/).filter(Boolean),
      checklist: unit.checklist.map((item) => ({ item, result: results[item], note: text(`note-${item}`) })),
      rating: text('rating') || null,
      findings: text('findings'),
      followUp: text('followUp'),
      followUpDue: text('followUpDue') || null,
      gps: fix,
    }
    setBusy(true)
    try {
      await onSave(visit, photos)
    } catch (e) {
      setError(`未能保存：${(e as Error).message}`)
      setBusy(false)
    }
  }

  return (
    <form className="inspect-form" onSubmit={submit} aria-label="督导记录">
      <h2>{unit.name}</h2>
      <p className="inspect-muted">{unit.category} · {unit.status}</p>
      <label className="control">
        <span className="control-label">督导日期</span>
        <input name="date" type="date" defaultValue={today} max={today} required />
      </label>
      <label className="control">
        <span className="control-label">督导人员（用顿号分隔）</span>
        <input name="inspectors" defaultValue={inspector} required />
      </label>
      <fieldset className="inspect-checklist">
        <legend>检查项目</legend>
        {unit.checklist.map((item) => (
          <div key={item} className="inspect-check">
            <span>{item}</span>
            <div role="radiogroup" aria-label={item}>
              {CHECKLIST_RESULTS.map((result) => (
                <label key={result} className={results[item] === result ? 'chosen' : ''}>
                  <input type="radio" name={`result-${item}`} value={result} checked={results[item] === result} onChange={() => setResults({ ...results, [item]: result })} />
                  {result}
                </label>
              ))}
            </div>
            <input name={`note-${item}`} placeholder="说明（可选）" aria-label={`${item}说明`} />
          </div>
        ))}
      </fieldset>
      <label className="control">
        <span className="control-label">总体评价</span>
        <select name="rating" defaultValue="">
          <option value="">未评定</option>
          {INSPECTION_RATINGS.map((r) => <option key={r}>{r}</option>)}
        </select>
      </label>
      <label className="control">
        <span className="control-label">发现的问题</span>
        <textarea name="findings" rows={3} />
      </label>
      <label className="control">
        <span className="control-label">整改要求</span>
        <input name="followUp" />
      </label>
      <label className="control">
        <span className="control-label">整改期限</span>
        <input name="followUpDue" type="date" min={today} />
      </label>
      <fieldset className="inspect-photos">
        <legend>照片</legend>
        <label className="inspect-exif">
          <input type="checkbox" checked={allowExif} onChange={(e) => setAllowExif(e.target.checked)} />
          保留照片中的位置信息（EXIF）
        </label>
        <p className="inspect-muted">照片在手机上压缩到 1600 像素以内；压缩会重新生成图片，EXIF（含拍摄位置）随之去掉。只有勾选上面一项且照片本身不超过 1600 像素时才原样保留。</p>
        <input type="file" accept="image/*" capture="environment" multiple aria-label="拍照或选择照片" onChange={(e) => void addPhotos(e.target.files)} />
        <div className="inspect-thumbs">
          {photos.map((p) => <img key={p.photo.sha256} src={p.url} alt={`照片 ${p.photo.width}×${p.photo.height}`} />)}
        </div>
      </fieldset>
      <div className="inspect-gps" role="status">
        {fix ? `定位：${fix.lat.toFixed(5)}, ${fix.lon.toFixed(5)}（精度 ±${Math.round(fix.accuracyM)} 米）` : '尚未定位：允许定位后再保存，记录会带上位置'}
      </div>
      {warning && <p className="notice inspect-warning" role="alert">{warning}</p>}
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      <div className="inspect-actions">
        <button type="button" className="secondary" onClick={onCancel}>取消</button>
        <button type="submit" disabled={busy}>{busy ? '正在保存…' : '保存到待同步'}</button>
      </div>
    </form>
  )
}
