/** North is up: the export map is never rotated. */
export function NorthArrow({ size = 56 }: { size?: number }) {
  return (
    <svg className="north-arrow" width={size} height={size * 1.4} viewBox="0 0 40 56" role="img" aria-label="指北针">
      <text x="20" y="13" textAnchor="middle" fontSize="13" fontWeight="600" fill="#262c34">
        北
      </text>
      <path d="M20 16 L31 52 L20 44 Z" fill="#262c34" />
      <path d="M20 16 L9 52 L20 44 Z" fill="#ffffff" stroke="#262c34" strokeWidth="1.2" />
    </svg>
  )
}
