// What `{ createConfig, generateForwardToken }` could weigh (issue 4's budget: 0.6 KB brotli), for
// the decision README's size table asks for: the built package next to two prototypes in
// bench/size-floor/ that keep less behaviour (each file says what it lacks). All three are bundled
// and compressed the same way here (esbuild minify, brotli quality 11), and each prototype must
// give the built package's tokens for the same options, so a figure is never that of a stub.
import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';
import { printTable } from './harness.js';

const root = new URL('..', import.meta.url).pathname;
const BUDGET = 600;
const VARIANTS = [
  ['@lava/fn as built (dist/esm)', `${root}dist/esm/index.js`],
  ['prototype: the brief’s checks only', `${root}bench/size-floor/required-checks.js`],
  ['prototype: the key and the issue’s two rules', `${root}bench/size-floor/key-only.js`],
] as const;
const OPTIONS = [
  {},
  { customer_id: 'con_1', meter_slug: 'chat' },
  { meter_slug: 'chat' },
  { customer_id: 'con_1', meter_slug: 'chat', disable_billing: true },
  { provider_key: 'sk-own-ünïcode' },
];

interface Module {
  createConfig(options: { secretKey: string }): unknown;
  generateForwardToken(config: unknown, options: object): string;
}

async function brotliBytes(file: string): Promise<number> {
  const result = await build({
    stdin: { contents: `export { createConfig, generateForwardToken } from '${file}';`, resolveDir: root },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

// Needs dist/ (`npm run build`); imported by path so that type-checking does not.
const built = (await import(`${root}dist/esm/index.js`)) as Module;
const secretKey = 'aks_test_size_floor_0123456789';
const expected = OPTIONS.map((o) => built.generateForwardToken(built.createConfig({ secretKey }), o));
const rows: string[][] = [];
for (const [name, file] of VARIANTS) {
  const lava = (await import(file)) as Module;
  const config = lava.createConfig({ secretKey });
  OPTIONS.forEach((options, i) => {
    if (lava.generateForwardToken(config, options) !== expected[i])
      throw new Error(`${name}: another token for ${JSON.stringify(options)}`);
  });
  const bytes = await brotliBytes(file);
  rows.push([name, String(bytes), (bytes / BUDGET).toFixed(2)]);
}
printTable(
  `{ createConfig, generateForwardToken }, esbuild minify + brotli 11 (budget ${BUDGET} B); same tokens as the build for ${OPTIONS.length} option sets`,
  ['variant', 'bytes', '× budget'],
  rows,
);
