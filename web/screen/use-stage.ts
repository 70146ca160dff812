// The stage for the window's current size, following resizes (a wall controller may change the mode).
import { useEffect, useMemo, useState } from 'react'
import { stageOf, type FitMode, type Stage } from './stage-fit'

export function useStage(mode: FitMode): Stage {
  const [viewport, setViewport] = useState(() => ({ width: window.innerWidth, height: window.innerHeight }))
  useEffect(() => {
    const onResize = () => setViewport({ width: window.innerWidth, height: window.innerHeight })
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])
  return useMemo(() => stageOf(viewport, mode), [viewport, mode])
}

/** An element's layout size in design pixels (CSS transforms do not change it); 0×0 until measured. */
export function useElementSize<E extends HTMLElement>(): [(element: E | null) => void, { width: number; height: number }] {
  const [element, setElement] = useState<E | null>(null)
  const [size, setSize] = useState({ width: 0, height: 0 })
  useEffect(() => {
    if (!element) return
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.floor(entry.contentRect.width)
      const height = Math.floor(entry.contentRect.height)
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }))
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [element])
  return [setElement, size]
}
