// 「导出图片」 on the map page: opens the layout composer with the view the map shows now.
import { serializeViewState, type ViewState } from '../../server/shared/view-state'
import './export-link.css'

export function ExportLink({ view }: { view: ViewState }) {
  const query = serializeViewState(view)
  return (
    <a className="card export-link" href={`/export${query ? `?${query}` : ''}`} data-testid="export-link">
      导出图片
    </a>
  )
}
