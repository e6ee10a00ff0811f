// The committed reports match the current build: api-report.md (the public surface, from the
// built declarations) and README's "What each import costs" table (from size-limit's measurement).
// Each failure message says how to regenerate; a change is then a reviewed diff, never silent.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './pack.js';

function runScript(script: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [join(repoRoot, 'scripts', script), '--check'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('committed reports', () => {
  it('dist/ is built (these checks read it)', () => {
    expect(existsSync(join(repoRoot, 'dist/esm/index.d.ts')), 'run `npm run build` first').toBe(true);
  });

  it('api-report.md is the public surface of the build (else: npm run api-report)', () => {
    const { status, output } = runScript('api-report.mjs');
    expect(status, output).toBe(0);
    expect(output).toContain('api-report.md matches the built declarations');
  }, 120_000);

  it("README's size table is size-limit's current measurement (else: npm run size:table)", () => {
    const { status, output } = runScript('size-table.mjs');
    expect(status, output).toBe(0);
    expect(output).toContain('README size table matches the measurement');
  }, 120_000);
});
