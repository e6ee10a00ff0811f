import { defineConfig } from 'tsup';

// Three builds. dist/esm is transpiled file by file (no bundling) so it keeps one module per
// operation: with "sideEffects": false a bundler then drops every operation module an application
// does not import, valibot schemas included; bundlers reach it through the `module` export
// condition. dist/bundle is the same ESM in a few files for runtimes that load the package without
// a bundler (Node, Bun, Deno): loading ~100 small modules costs a cold process ~40 ms, one file
// ~10 ms. CJS is for Node backends that `require()`: one file per entry, ky bundled in because ky
// ships ESM only.
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
    // Shared chunks (splitting), so `@lava/fn` and `@lava/fn/node` load one copy of each class.
    entry: { index: 'src/index.ts', node: 'src/node.ts' },
    format: ['esm'],
    outDir: 'dist/bundle',
    target: 'es2022',
    platform: 'node',
    splitting: true,
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
