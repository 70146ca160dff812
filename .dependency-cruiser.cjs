// The direction of imports (docs/architecture.md): a shared core that server and web both import and that
// imports neither; web imports only that core and the server's AppType; no cycles of any kind.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle of imports (types included) makes a change ripple both ways; break it with the shared core.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-core-imports-neither-side',
      severity: 'error',
      comment: 'server/shared/ is the room both sides use: it may import only itself and packages.',
      from: { path: '^server/shared/' },
      to: { path: '^(server|web)/', pathNot: '^server/shared/' },
    },
    {
      name: 'web-imports-only-the-core-and-AppType',
      severity: 'error',
      comment: 'The web reaches the server through the typed client (web/api/client.ts: AppType) and the shared core only.',
      from: { path: '^web/' },
      to: { path: '^server/', pathNot: ['^server/shared/', '^server/app\\.ts$'] },
    },
    {
      name: 'only-the-client-imports-AppType',
      severity: 'error',
      comment: 'One typed contract: web/api/client.ts is the only file that knows the server app.',
      from: { path: '^web/', pathNot: '^web/api/client\\.ts$' },
      to: { path: '^server/app\\.ts$' },
    },
    {
      name: 'server-does-not-import-web',
      severity: 'error',
      comment: 'What the server needs of the web (view state, paper sizes, export options) lives in the shared core.',
      from: { path: '^server/' },
      to: { path: '^web/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
}
