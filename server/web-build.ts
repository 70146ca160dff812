// Builds the web app when web/dist is missing or older than its sources, so `npm start` always serves
// what the sources say.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT, WEB_DIST_DIR, WEB_SOURCE_DIR } from './paths'

// The web imports the shared core (server/shared) and the 南海诸岛 inset's data too: a change there is a change of the app.
const BUILD_INPUTS = [
  WEB_SOURCE_DIR,
  join(PROJECT_ROOT, 'server', 'shared'),
  join(PROJECT_ROOT, 'geodata', 'national', 'south-china-sea-inset.geojson'),
  join(PROJECT_ROOT, 'vite.config.ts'),
  join(PROJECT_ROOT, 'package.json'),
]

export function isWebBuildStale(): boolean {
  const built = mtimeOf(join(WEB_DIST_DIR, 'index.html'))
  if (built === null) return true
  return BUILD_INPUTS.some((input) => newestMtime(input) > built)
}

export async function ensureWebBuild(log: (message: string) => void = console.log): Promise<void> {
  if (!isWebBuildStale()) return
  log('Building the web app (web/dist is missing or older than its sources)…')
  const started = Date.now()
  const { build } = await import('vite')
  // Vite keeps a NODE_ENV it finds: under vitest that is "test", which would build (and then serve) React's
  // slow development bundle. The build is always the production one.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ configFile: join(PROJECT_ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn' })
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
  log(`Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

function mtimeOf(path: string): number | null {
  try {
    return statSync(path).mtimeMs
  } catch {
    return null
  }
}

function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) {
    if (path === WEB_SOURCE_DIR && entry === 'dist') continue
    newest = Math.max(newest, newestMtime(join(path, entry)))
  }
  return newest
}
