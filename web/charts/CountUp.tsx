// A figure that counts up (or down) to its new value whenever the value changes.
import { useEffect, useRef, useState } from 'react'
import { countUpValue } from './count-up'

export interface CountUpProps {
  value: number
  durationMs?: number // 1200
  format?: (value: number) => string // String
  className?: string
}

export function CountUp({ value, durationMs = 1200, format = String, className }: CountUpProps) {
  const [shown, setShown] = useState(0)
  const shownRef = useRef(0) // what is on screen now: a change mid-count starts from there, not from the old target
  useEffect(() => {
    const from = shownRef.current
    if (from === value) return
    if (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) {
      shownRef.current = value
      setShown(value)
      return
    }
    const started = performance.now()
    let frame = 0
    const step = (now: number) => {
      const next = countUpValue(from, value, now - started, durationMs)
      shownRef.current = next
      setShown(next)
      if (next !== value) frame = requestAnimationFrame(step)
    }
    frame = requestAnimationFrame(step)
    return () => cancelAnimationFrame(frame)
  }, [value, durationMs])
  return (
    <span className={className} data-value={value}>
      {format(shown)}
    </span>
  )
}
