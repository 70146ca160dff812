// The bundled font (so nothing loads from outside the atlas), the map's CSS, then the app.
import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/600.css'
import 'maplibre-gl/dist/maplibre-gl.css'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { recordPageError } from './map/map-status'

window.addEventListener('error', (event) => recordPageError(`脚本错误: ${event.message}`))
window.addEventListener('unhandledrejection', (event) => recordPageError(`未处理的异步错误: ${String(event.reason)}`))

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
