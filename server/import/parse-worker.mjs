// The entry of the worker threads that read uploads (parse-pool.ts). A thread inherits the TypeScript loader
// under `tsx server/start.ts` and `node --import tsx`, and imports parse-task.ts directly; under vitest it
// has none, and loads it through tsx's API instead. Piscina awaits the default export and calls it per task.
let module
try {
  module = await import('./parse-task.ts')
} catch (error) {
  if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error
  const { tsImport } = await import('tsx/esm/api')
  module = await tsImport('./parse-task.ts', import.meta.url)
}

export default module.parseTask
