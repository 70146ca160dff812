// Picks the page for the current path; each page is its own chunk, so the screen does not load the planner.
import { lazy, Suspense } from 'react'
import { SessionGuard } from './login/SessionGuard'
import { pageOf, type PageId } from './pages'

const PAGE_COMPONENTS: Record<PageId, ReturnType<typeof lazy>> = {
  dashboard: lazy(() => import('./dashboard/DashboardApp').then((m) => ({ default: m.DashboardApp }))),
  login: lazy(() => import('./login/LoginApp').then((m) => ({ default: m.LoginApp }))),
  export: lazy(() => import('./export/ExportApp').then((m) => ({ default: m.ExportApp }))),
  screen: lazy(() => import('./screen/ScreenApp').then((m) => ({ default: m.ScreenApp }))),
  plan: lazy(() => import('./plan/PlanApp').then((m) => ({ default: m.PlanApp }))),
  data: lazy(() => import('./data-import/DataImportApp').then((m) => ({ default: m.DataImportApp }))),
  units: lazy(() => import('./units/UnitsApp').then((m) => ({ default: m.UnitsApp }))),
  targets: lazy(() => import('./targets/TargetsApp').then((m) => ({ default: m.TargetsApp }))),
  schemes: lazy(() => import('./schemes/SchemesApp').then((m) => ({ default: m.SchemesApp }))),
  audit: lazy(() => import('./audit/AuditApp').then((m) => ({ default: m.AuditApp }))),
  users: lazy(() => import('./users/UsersApp').then((m) => ({ default: m.UsersApp }))),
  account: lazy(() => import('./account/AccountApp').then((m) => ({ default: m.AccountApp }))),
  brief: lazy(() => import('./brief/BriefApp').then((m) => ({ default: m.BriefApp }))),
  inspect: lazy(() => import('./inspect/InspectApp').then((m) => ({ default: m.InspectApp }))),
  'not-found': lazy(() => import('./NotFound').then((m) => ({ default: m.NotFound }))),
}

// The pages a signed-in user edits from; /screen and /export read with tokens, /login has its own forms.
const GUARDED: ReadonlySet<PageId> = new Set(['dashboard', 'plan', 'data', 'units', 'targets', 'schemes', 'account'])

export function App() {
  const page = pageOf(window.location.pathname)
  const Page = PAGE_COMPONENTS[page]
  return (
    <Suspense fallback={<div className="loading">正在加载…</div>}>
      <Page />
      {GUARDED.has(page) && <SessionGuard />}
    </Suspense>
  )
}
