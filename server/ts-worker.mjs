// The entry of the piscina worker threads whose task is TypeScript (uploads, import/parse-pool.ts; tile
// generalisations, tiles/store-generalisations.ts). The pool's workerData names the module, relative to server/,
// and the function it exports. A thread inherits the TypeScript loader under `tsx server/start.ts` and
// `node --import tsx`, and imports the module directly; under vitest it has none, and loads it through tsx's API
// instead. Piscina awaits the default export and calls it per task.
import { workerData } from 'piscina'

const { module: path, exported } = workerData
let module
try {
  module = await import(new URL(path, import.meta.url).href)
} catch (error) {
  if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error
  const { tsImport } = await import('tsx/esm/api')
  module = await tsImport(path, import.meta.url)
}

export default module[exported]
