// The runtime matrix: the packed package on Node 20, 22 and 24, Bun, Deno, Cloudflare workerd and
// Vercel's edge runtime, each running test/runtimes/smoke.mjs against one local Lava double on
// loopback. Prints one line per runtime; exits non-zero when any runtime failed or could not start.
// `tsx test/runtimes/run.ts` (needs dist/: run `npm run build` first). The table also goes into
// RUNTIMES.md between its markers, so a change in what runs where shows in review.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EdgeVM } from '@edge-runtime/vm';
import { Lava } from '@lavapayments/nodejs';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { startLavaDouble } from '../double/index.js';
import { packPackage, repoRoot } from '../packaging/pack.js';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}
interface RuntimeResult {
  runtime: string;
  version: string;
  checks: Check[];
  /** Why the runtime could not run the suite at all. */
  failure?: string;
  seconds: number;
}
interface SmokeContext {
  runtime: string;
  baseUrl: string;
  secretKey: string;
  tokens: { options: Record<string, unknown>; token: string }[];
  webhook: { secret: string; body: string; signature: string };
  nodeEntry: 'works' | 'refuses';
  webOnly: boolean;
  /** A second key, set as LAVA_SECRET_KEY for the runtimes that have an environment. */
  envKey: string;
}

const started = Date.now();
const packed = packPackage();
const suiteDir = join(packed.appDir, 'runtimes');
mkdirSync(suiteDir, { recursive: true });
for (const file of ['smoke.mjs', 'entry-process.mjs', 'entry-worker.mjs', 'entry-edge.mjs']) {
  copyFileSync(join(repoRoot, 'test', 'runtimes', file), join(suiteDir, file));
}

const double = await startLavaDouble();
// The known values come from the official SDK, so "equal to the official token" is checked, not assumed.
const official = new Lava(double.secretKey, { baseUrl: `${double.baseUrl}v1/` });
const tokenOptions = [
  { customer_id: 'con_smoke_1', meter_slug: 'chat-tokens' },
  { meter_slug: 'médiа-ünïcode', provider_key: 'sk-byok-1' },
  { customer_id: 'con_smoke_2', meter_slug: 'chat-tokens', disable_billing: true },
];
const tokens = tokenOptions.map((options) => ({
  options,
  token: official.generateForwardToken(options as Parameters<Lava['generateForwardToken']>[0]),
}));
// A delivery signed the way Lava signs (hex HMAC-SHA256 of the raw body), by Node's own crypto.
const webhookSecret = 'whsec_smoke_0123456789abcdef';
const webhookBody = JSON.stringify({ event: 'customer.created', data: { customer_id: 'con_smoke_1' } });
const webhook = {
  secret: webhookSecret,
  body: webhookBody,
  signature: createHmac('sha256', webhookSecret).update(webhookBody).digest('hex'),
};
const context = (runtime: string, nodeEntry: SmokeContext['nodeEntry'], webOnly: boolean): SmokeContext => ({
  runtime,
  baseUrl: double.baseUrl,
  secretKey: double.secretKey,
  tokens,
  webhook,
  nodeEntry,
  webOnly,
  envKey: ENV_KEY,
});

// Not the double's key: a config built from the environment is told apart by its keyHint.
const ENV_KEY = 'aks_test_from_the_environment_7e57';
const TIMEOUT_MS = 60_000;

/** Runs one process-based runtime on entry-process.mjs and reads its SMOKE_RESULT line. */
function runProcess(command: string, args: string[], ctx: SmokeContext): Promise<Omit<RuntimeResult, 'seconds'>> {
  return new Promise((resolve) => {
    const base = { runtime: ctx.runtime, version: '?', checks: [] as Check[] };
    if (!existsSync(command)) {
      resolve({ ...base, failure: `${command} is not installed` });
      return;
    }
    const child = spawn(command, [...args, join(suiteDir, 'entry-process.mjs'), JSON.stringify(ctx)], {
      cwd: packed.appDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Nothing from the harness's environment but the second key, which only createConfig() reads.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        NO_COLOR: '1',
        LAVA_SECRET_KEY: ctx.envKey,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ...base, failure: `could not start: ${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith('SMOKE_RESULT '));
      if (!line) {
        const why = signal ? `killed by ${signal}` : `exit ${code}`;
        resolve({ ...base, failure: `${why}, no result: ${(stderr || stdout).trim().slice(0, 400)}` });
        return;
      }
      const result = JSON.parse(line.slice('SMOKE_RESULT '.length)) as { checks: Check[]; version?: string };
      resolve({ ...base, version: result.version ?? '?', checks: result.checks });
    });
  });
}

/** Bundles an entry the way the platform's own tooling would. */
async function bundle(entry: string, conditions: string[], format: 'esm' | 'iife'): Promise<string> {
  const result = await build({
    entryPoints: [join(suiteDir, entry)],
    absWorkingDir: packed.appDir,
    bundle: true,
    write: false,
    format,
    platform: 'neutral',
    target: 'es2022',
    conditions,
    mainFields: ['browser', 'module', 'main'],
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return output.text;
}

async function runWorkerd(ctx: SmokeContext): Promise<Omit<RuntimeResult, 'seconds'>> {
  const version = readVersion('workerd');
  let miniflare: Miniflare | undefined;
  try {
    // wrangler's conditions for a worker without nodejs_compat.
    const script = await bundle('entry-worker.mjs', ['workerd', 'worker', 'browser'], 'esm');
    miniflare = new Miniflare({ modules: true, script, compatibilityDate: '2025-09-01' });
    const response = await miniflare.dispatchFetch('http://smoke.local/', {
      method: 'POST',
      body: JSON.stringify(ctx),
    });
    const text = await response.text();
    if (!response.ok)
      return {
        runtime: ctx.runtime,
        version,
        checks: [],
        failure: `worker answered ${response.status}: ${text.slice(0, 400)}`,
      };
    const result = JSON.parse(text) as { checks: Check[] };
    return { runtime: ctx.runtime, version, checks: result.checks };
  } catch (error) {
    return { runtime: ctx.runtime, version, checks: [], failure: `could not run: ${String(error)}` };
  } finally {
    await miniflare?.dispose();
  }
}

async function runEdge(ctx: SmokeContext): Promise<Omit<RuntimeResult, 'seconds'>> {
  const version = readVersion('@edge-runtime/vm');
  try {
    // Next.js's conditions for the edge runtime.
    const script = await bundle('entry-edge.mjs', ['edge-light', 'worker', 'browser'], 'iife');
    const vm = new EdgeVM();
    vm.evaluate(script);
    const text = (await vm.evaluate(`__lavaSmoke(${JSON.stringify(JSON.stringify(ctx))})`)) as string;
    const result = JSON.parse(text) as { checks: Check[] };
    return { runtime: ctx.runtime, version, checks: result.checks };
  } catch (error) {
    return { runtime: ctx.runtime, version, checks: [], failure: `could not run: ${String(error)}` };
  }
}

function readVersion(name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8'));
    return String(manifest.version);
  } catch {
    return '?';
  }
}

const bin = (path: string) => join(repoRoot, 'node_modules', path);
const runtimes: [string, () => Promise<Omit<RuntimeResult, 'seconds'>>][] = [
  ['Node 20 (system)', () => runProcess('/usr/bin/node', [], context('node20', 'works', false))],
  ['Node 22', () => runProcess(bin('node22/bin/node'), [], context('node22', 'works', false))],
  ['Node 24', () => runProcess(bin('node/bin/node'), [], context('node24', 'works', false))],
  ['Bun', () => runProcess(bin('.bin/bun'), ['run', '--no-install'], context('bun', 'works', false))],
  [
    'Deno',
    () =>
      runProcess(
        bin('.bin/deno'),
        [
          'run',
          '--no-prompt',
          '--no-config',
          '--node-modules-dir=manual',
          '--allow-net=127.0.0.1',
          // What RUNTIMES.md tells Deno users who keep the key in the environment.
          '--allow-env=LAVA_SECRET_KEY,LAVA_BASE_URL',
        ],
        context('deno', 'works', false),
      ),
  ],
  ['Cloudflare workerd', () => runWorkerd(context('workerd', 'refuses', true))],
  ['Vercel edge', () => runEdge(context('edge', 'refuses', true))],
];

const results: RuntimeResult[] = [];
try {
  for (const [label, run] of runtimes) {
    const t0 = Date.now();
    const result = await run();
    results.push({ ...result, runtime: label, seconds: (Date.now() - t0) / 1000 });
  }
} finally {
  await double.close();
}

const okOf = (r: RuntimeResult) => r.failure === undefined && r.checks.length > 0 && r.checks.every((c) => c.ok);
const checkNames = [...new Set(results.flatMap((r) => r.checks.map((c) => c.name)))];
const table = (withTimes: boolean) => {
  const head = ['runtime', 'version', 'result', 'checks', ...(withTimes ? ['time'] : [])];
  const rows = results.map((r) => [
    r.runtime,
    r.version,
    okOf(r) ? 'pass' : 'FAIL',
    `${r.checks.filter((c) => c.ok).length}/${r.checks.length}`,
    ...(withTimes ? [`${r.seconds.toFixed(1)} s`] : []),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
};

console.log(`\nruntime matrix on ${packed.tarball.split('/').pop()} (${checkNames.length} checks each)\n`);
console.log(table(true));
if (process.argv.includes('--verbose')) {
  for (const r of results) {
    for (const c of r.checks)
      console.log(`${r.runtime}: ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.detail ? ` (${c.detail})` : ''}`);
  }
}
for (const r of results) {
  if (r.failure) console.log(`\n${r.runtime}: could not run the suite: ${r.failure}`);
  for (const c of r.checks.filter((c) => !c.ok)) console.log(`\n${r.runtime}: FAIL ${c.name}: ${c.detail}`);
}

// The committed copy in RUNTIMES.md (without times, which change every run).
const docs = join(repoRoot, 'RUNTIMES.md');
const START = '<!-- runtime-table:start -->';
const END = '<!-- runtime-table:end -->';
if (existsSync(docs)) {
  const text = readFileSync(docs, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from !== -1 && to > from) {
    const common = checkNames.filter((name) => results.every((r) => r.checks.some((c) => c.name === name)));
    const extra = results
      .map((r) => [r.runtime, r.checks.map((c) => c.name).filter((n) => !common.includes(n))] as const)
      .filter(([, names]) => names.length > 0)
      .map(([runtime, names]) => `${runtime}: ${names.join('; ')}`);
    const block = [
      START,
      '',
      table(false),
      '',
      `Checks on every runtime: ${common.join('; ')}.`,
      ...(extra.length > 0 ? ['', 'Also:', '', ...extra.map((line) => `- ${line}.`)] : []),
      '',
      END,
    ].join('\n');
    const next = text.slice(0, from) + block + text.slice(to + END.length);
    if (next !== text) writeFileSync(docs, next);
  }
}

const failed = results.filter((r) => !okOf(r)).length;
console.log(`\nmatrix took ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`runtimes: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
