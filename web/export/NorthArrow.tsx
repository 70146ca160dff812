import type { ViewLanguage } from '../../server/shared/view-state'
import { exportWord } from './export-words'

/** North is up: the export map is never rotated (a tilted 3D view keeps its bearing at 0). */
export function NorthArrow({ lang, size = 56 }: { lang: ViewLanguage; size?: number }) {
  return (
    <svg className="north-arrow" width={size} height={size * 1.4} viewBox="0 0 40 56" role="img" aria-label={exportWord(lang, 'northLabel')}>
      <text x="20" y="13" textAnchor="middle" fontSize="13" fontWeight="600" fill="#262c34">
        {exportWord(lang, 'north')}
      </text>
      <path d="M20 16 L31 52 L20 44 Z" fill="#262c34" />
      <path d="M20 16 L9 52 L20 44 Z" fill="#ffffff" stroke="#262c34" strokeWidth="1.2" />
    </svg>
  )
}
