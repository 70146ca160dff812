// `npm run dev`: the API server on PORT (8787) plus Vite's dev server, which proxies /api to it.
import { spawn } from 'node:child_process'
import { createServer } from 'vite'
import { join } from 'node:path'
import { PROJECT_ROOT } from './paths'

const api = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'server/index.ts')], { stdio: 'inherit' })
const vite = await createServer({ configFile: join(PROJECT_ROOT, 'vite.config.ts') })
await vite.listen()
vite.printUrls()

const stop = async () => {
  api.kill('SIGTERM')
  await vite.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
