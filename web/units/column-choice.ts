// Which columns of the units table the user shows, kept in the browser (localStorage) between visits. The
// id column always shows: it is what a row is named by.
import { useState } from 'react'

const STORAGE_KEY = 'atlas.units.columns'

/** The keys to show: the stored choice restricted to `all` (a column removed since is dropped), else all. */
export function storedColumnChoice(stored: string | null, all: readonly string[]): Set<string> {
  if (stored === null) return new Set(all)
  try {
    const keys = JSON.parse(stored) as unknown
    if (!Array.isArray(keys)) return new Set(all)
    const shown = new Set(keys.filter((k): k is string => typeof k === 'string' && all.includes(k)))
    shown.add(all[0])
    return shown
  } catch {
    return new Set(all)
  }
}

export function useColumnChoice(all: readonly string[]): [Set<string>, (key: string, on: boolean) => void] {
  const [shown, setShown] = useState(() => storedColumnChoice(window.localStorage.getItem(STORAGE_KEY), all))
  const toggle = (key: string, on: boolean) => {
    if (key === all[0]) return
    const next = new Set(shown)
    if (on) next.add(key)
    else next.delete(key)
    setShown(next)
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(all.filter((k) => next.has(k))))
  }
  return [shown, toggle]
}
