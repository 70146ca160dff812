export function NotFound() {
  return (
    <div className="app">
      <div className="loading" role="alert">
        没有这个页面：{window.location.pathname} · <a href="/">返回地图</a>
      </div>
    </div>
  )
}
