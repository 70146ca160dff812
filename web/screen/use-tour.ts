// Runs the tour: a timer moves it on; a touch, click or key holds it; ←/→ step, space pauses/resumes.
import { useEffect, useRef, useState } from 'react'
import { keepTourPosition, pauseTour, startTour, stepTour, tickTour, togglePause, type TourState } from './tour'

/** Keys typed into the editor's form are the form's, not the tour's. */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

export function useTour(stops: readonly string[], stepMs: number, idleMs: number): TourState {
  const [state, setState] = useState(() => startTour(Date.now()))
  const stopsRef = useRef(stops)

  useEffect(() => {
    const before = stopsRef.current
    stopsRef.current = stops
    if (before !== stops) setState((s) => keepTourPosition(s, before, stops))
  }, [stops])

  useEffect(() => {
    const timer = setInterval(() => setState((s) => tickTour(s, stopsRef.current.length, Date.now(), stepMs)), 250)
    return () => clearInterval(timer)
  }, [stepMs])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return
      const now = Date.now()
      const count = stopsRef.current.length
      if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
        event.preventDefault()
        setState((s) => pauseTour(stepTour(s, count, event.key === 'ArrowRight' ? 1 : -1, now), now, idleMs))
      } else if (event.key === ' ') {
        event.preventDefault()
        setState((s) => togglePause(s, now))
      } else {
        setState((s) => pauseTour(s, now, idleMs))
      }
    }
    const onPointer = (event: PointerEvent) => {
      if (isTyping(event.target)) return
      setState((s) => pauseTour(s, Date.now(), idleMs))
    }
    window.addEventListener('keydown', onKey)
    window.addEventListener('pointerdown', onPointer)
    return () => {
      window.removeEventListener('keydown', onKey)
      window.removeEventListener('pointerdown', onPointer)
    }
  }, [idleMs])

  return state
}
