import { defineConfig } from 'tsup';

// Two of the three builds (scripts/build.mjs makes the third, dist/bundle). dist/esm is transpiled
// file by file (no bundling) so it keeps one module per operation: with "sideEffects": false a
// bundler then drops every operation module an application does not import, valibot schemas
// included; bundlers reach it through the `module` export condition. The CJS build here gives the
// .d.cts types and node-unsupported.cjs; scripts/build.mjs then replaces index.cjs and node.cjs
// with the lazy split (edge.cjs now; rest.cjs, with ky bundled, on first call; auth.cjs).
export default defineConfig([
  {
    entry: ['src/**/*.ts'],
    format: ['esm'],
    outDir: 'dist/esm',
    bundle: false,
    target: 'es2022',
    platform: 'neutral',
    sourcemap: false,
    clean: true,
    dts: false,
  },
  {
    entry: { index: 'src/index.ts', node: 'src/node.ts', 'node-unsupported': 'src/node-unsupported.ts' },
    format: ['cjs'],
    outDir: 'dist/cjs',
    outExtension: () => ({ js: '.cjs', dts: '.d.cts' }),
    target: 'es2022',
    platform: 'node',
    noExternal: ['ky'],
    splitting: false,
    sourcemap: false,
    clean: true,
    dts: true,
  },
]);
