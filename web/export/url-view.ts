// The view state in this page's URL: read once when a page starts, written back with replaceState as
// the view changes, so a reload or a copied link shows the same map.
import { DEFAULT_VIEW_STATE, parseViewState, withViewState, type ViewState } from '../../server/shared/view-state'

export interface InitialView {
  view: ViewState
  error: Error | null // the URL's view could not be read: the default view is shown and this says why
}

export function initialViewState(): InitialView {
  try {
    return { view: parseViewState(window.location.search), error: null }
  } catch (error) {
    return { view: DEFAULT_VIEW_STATE, error: error instanceof Error ? error : new Error(String(error)) }
  }
}

/** Writes `view` into the address bar, keeping the URL's other keys; no history entry is added. */
export function replaceUrlView(view: ViewState): void {
  const search = withViewState(window.location.search, view)
  const url = `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(window.history.state, '', url)
}
