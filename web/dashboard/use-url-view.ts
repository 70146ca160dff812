// The view state lives in the address bar (view-state.ts): a navigation pushes a history entry (so the
// browser's back button undoes it), a camera move or a slider drag replaces the current one, and
// back/forward read the URL again.
import { useCallback, useEffect, useRef, useState } from 'react'
import { DEFAULT_VIEW_STATE, parseViewState, withViewState, type ViewState } from '../../server/shared/view-state'

export type NavigationMode = 'push' | 'replace'

export interface UrlView {
  view: ViewState
  error: Error | null // the URL's view could not be read: the default view is shown and this says why
  navigate(next: ViewState, mode: NavigationMode): void
  /** As navigate, from the newest view (not a render's copy): for events that arrive late, like a map move. */
  update(change: (current: ViewState) => ViewState, mode: NavigationMode): void
}

function readUrl(): { view: ViewState; error: Error | null } {
  try {
    return { view: parseViewState(window.location.search), error: null }
  } catch (error) {
    return { view: DEFAULT_VIEW_STATE, error: error instanceof Error ? error : new Error(String(error)) }
  }
}

export function useUrlView(): UrlView {
  const [state, setState] = useState(readUrl)
  const latest = useRef(state.view)
  latest.current = state.view
  useEffect(() => {
    const onPop = () => {
      const read = readUrl()
      latest.current = read.view
      setState(read)
    }
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])
  const navigate = useCallback((next: ViewState, mode: NavigationMode) => {
    if (next === latest.current) return
    const search = withViewState(window.location.search, next)
    const url = `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`
    const current = `${window.location.pathname}${window.location.search}${window.location.hash}`
    if (url !== current) {
      if (mode === 'push') window.history.pushState(null, '', url)
      else window.history.replaceState(window.history.state, '', url)
    }
    latest.current = next
    setState({ view: next, error: null })
  }, [])
  const update = useCallback((change: (current: ViewState) => ViewState, mode: NavigationMode) => navigate(change(latest.current), mode), [navigate])
  return { view: state.view, error: state.error, navigate, update }
}
