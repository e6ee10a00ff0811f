import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run demo', () => {
  it('walks a customer through every step against the double and exits 0', () => {
    const env = { ...process.env };
    delete env.LAVA_SECRET_KEY;
    delete env.LAVA_BASE_URL;
    const result = spawnSync('npx', ['tsx', 'demo/index.ts'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('local Lava double');
    expect(result.stdout).toMatch(/same customer\s+true/);
    expect(result.stdout).toMatch(/after delete\s+LavaApiError 404/);
    expect(result.stdout).toContain('Done.');
  });
});
