// `npm test`: every check a change must pass, in order, on the Node that npm scripts run (the
// `node` devDependency). Each step runs even when an earlier one failed, so one run reports all
// problems; the exit code is non-zero when any failed. The last line counts the tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const cache = new URL('../.cache/', import.meta.url);
mkdirSync(cache, { recursive: true });
const vitestReport = new URL('vitest.json', cache).pathname;
rmSync(vitestReport, { force: true });

/** [name, command, ...args]; every command runs from the repository root. */
const steps = [
  ['browser for the login test (Debian chromium)', 'node', 'scripts/ensure-chromium.mjs'],
  ['lint (biome)', 'npx', 'biome', 'check', '.'],
  ['typecheck (tsc)', 'npx', 'tsc', '-p', 'tsconfig.json'],
  ['runtime purity', 'node', 'scripts/check-purity.mjs'],
  ['examples (tsc)', 'npx', 'tsc', '-p', 'examples/tsconfig.json'],
  ['API reference (typedoc, warnings are errors)', 'npx', 'typedoc'],
  ['build (tsup, tsc, esbuild)', 'node', 'scripts/build.mjs'],
  ['tests (vitest)', 'npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${vitestReport}`],
  ['runtime matrix (packed package on 7 runtimes)', 'npx', 'tsx', 'test/runtimes/run.ts'],
  ['size budgets (size-limit)', 'npx', 'size-limit'],
];

const results = [];
for (const [name, command, ...args] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const run = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const ok = run.status === 0;
  results.push({ name, ok, seconds: (Date.now() - started) / 1000 });
}

let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
} catch {
  failed += 1; // no report means the test runner itself did not finish
}

console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name} (${r.seconds.toFixed(1)} s)`);
const stepFailures = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - stepFailures} passed, ${stepFailures} failed`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(stepFailures > 0 || failed > 0 ? 1 : 0);
