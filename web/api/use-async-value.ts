import { useEffect, useState, type DependencyList } from 'react'

export interface AsyncValue<T> {
  value: T | null // the last value loaded; kept while a newer load is in flight, so views do not flash
  error: Error | null
  loading: boolean // a load for the current deps has not settled yet
}

interface Settled<T> {
  value: T | null
  error: Error | null
  deps: DependencyList | null // the deps the value or error answers
}

/** Runs `load` whenever `deps` change (not when `load` is null) and keeps the newest answer only. */
export function useAsyncValue<T>(load: (() => Promise<T>) | null, deps: DependencyList): AsyncValue<T> {
  const [settled, setSettled] = useState<Settled<T>>({ value: null, error: null, deps: null })
  // `load` is a fresh closure each render, so it is not a dependency: the caller names what it reads.
  useEffect(() => {
    if (!load) return
    let current = true
    load().then(
      (value) => current && setSettled({ value, error: null, deps }),
      (error: unknown) =>
        current && setSettled((s) => ({ value: s.value, error: error instanceof Error ? error : new Error(String(error)), deps })),
    )
    return () => {
      current = false
    }
  }, deps)
  // Derived during render, so `loading` turns true in the same render as the change that causes it.
  const loading = load !== null && !sameDeps(settled.deps, deps)
  return { value: settled.value, error: settled.error, loading }
}

function sameDeps(a: DependencyList | null, b: DependencyList): boolean {
  return a !== null && a.length === b.length && a.every((item, i) => Object.is(item, b[i]))
}
