// `npm start`: build the web app if it is missing or stale, then serve it with the API on one port.
import { ensureWebBuild } from './web-build'

await ensureWebBuild()
await import('./index')
