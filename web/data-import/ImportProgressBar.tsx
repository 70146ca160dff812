// How far a running import has got: the phase (读取文件 → 逐行检查 → 写入), its counts and a bar, from the
// progress events the server streams (server/shared/import-progress.ts). Indeterminate while the total is
// not known yet.
import { phaseFraction, progressText, type ImportProgress } from '../../server/shared/import-progress'

export function ImportProgressBar({ progress, unit }: { progress: ImportProgress; unit: string }) {
  const fraction = phaseFraction(progress)
  const text = progressText(progress, unit)
  return (
    <div className="di-progress" role="status" aria-live="polite">
      <div
        className={`di-progress-track${fraction === null ? ' di-progress-indeterminate' : ''}`}
        role="progressbar"
        aria-label="导入进度"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.floor(fraction * 100)}
        aria-valuetext={text}
      >
        <div className="di-progress-fill" style={{ width: fraction === null ? undefined : `${fraction * 100}%` }} />
      </div>
      <span className="di-progress-text">{text}</span>
    </div>
  )
}
