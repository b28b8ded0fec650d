/**
 * The folder decides the runtime (STYLE.md §1). These rules make the
 * boundaries visible in CI: a file may only import what its runtime has.
 */
const NODE_BUILTIN = { dependencyTypes: ['core'] };

module.exports = {
  forbidden: [
    {
      name: 'shared-is-runtime-free',
      comment: 'shared/ runs anywhere: no main/, renderer/, electron or node:* imports.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(main|renderer)/|^node_modules/electron/' },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      from: { path: '^shared/' },
      to: NODE_BUILTIN,
    },
    {
      name: 'core-never-imports-electron',
      comment: 'The core, the CLI and the browser host run under plain Node.',
      severity: 'error',
      from: { path: '^main/(core|cli|browser-host)/' },
      to: { path: '^node_modules/electron/|^main/electron/|^renderer/' },
    },
    {
      name: 'renderer-is-a-web-page',
      comment: 'The renderer talks to main only through the contract in shared/.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^main/|^node_modules/electron/' },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      from: { path: '^renderer/' },
      to: NODE_BUILTIN,
    },
    {
      name: 'preload-imports-only-the-contract-names',
      comment: 'The sandboxed preload gets electron and the operation names, nothing else.',
      severity: 'error',
      from: { path: '^main/electron/preload\\.ts$' },
      to: { pathNot: '^shared/contract/operations\\.ts$|^node_modules/electron/|^electron$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'main-does-not-import-renderer',
      severity: 'error',
      from: { path: '^main/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.electron.json' },
  },
};
