// 「导出图片」 and 「工作简报」 on the map page: the layout composer with the view the map shows now, and the
// briefing page for the view's area.
import { serializeViewState, type ViewState } from '../../server/shared/view-state'
import './export-link.css'

export function ExportLink({ view }: { view: ViewState }) {
  const query = serializeViewState(view)
  return (
    <span className="export-links">
      <a className="card export-link" href={`/export${query ? `?${query}` : ''}`} data-testid="export-link">
        导出图片
      </a>
      <a className="card export-link" href={`/brief${view.area ? `?area=${view.area}` : ''}`} data-testid="brief-link">
        工作简报
      </a>
    </span>
  )
}
