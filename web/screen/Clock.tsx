// Date and time, ticking each second on its own so the rest of the screen does not re-render.
import { useEffect, useState } from 'react'
import { clockText } from './freshness'

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

export function dateText(ms: number): string {
  const d = new Date(ms)
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 星期${WEEKDAYS[d.getDay()]}`
}

export function Clock() {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  return (
    <div className="screen-clock" data-testid="screen-clock">
      <span className="screen-time">{clockText(now, true)}</span>
      <span className="screen-date">{dateText(now)}</span>
    </div>
  )
}
