import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run demo', () => {
  it('runs the complete integration against the double, readably, in under 10 s, and exits 0', () => {
    const env = { ...process.env };
    delete env.LAVA_SECRET_KEY;
    delete env.LAVA_BASE_URL;
    const started = Date.now();
    const result = spawnSync('npx', ['tsx', 'demo/index.ts'], { encoding: 'utf8', env, timeout: 60_000 });
    const elapsed = Date.now() - started;
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toContain('local Lava double');
    expect(out).toMatch(/meter_slug\s+\S+/);
    expect(out).toMatch(/customer_id\s+con_test_\w+/);
    // Plain fetch to providerUrl + '/chat/completions', then gateway(): the same answer twice.
    expect(out).toMatch(/status\s+200/);
    expect(out.match(/answer\s+Echo: What is Lava\?/g)).toHaveLength(2);
    expect(out).toMatch(/stream\s+Echo: Stream me a short story\n/);
    expect(out).toMatch(/events\s+\d+ \(first after \d+ ms/);
    const credit = (label: string) => Number(new RegExp(`${label}\\s+([\\d.]+)`).exec(out)?.[1]);
    expect(credit('credit before')).toBe(5);
    expect(credit('credit after')).toBeLessThan(credit('credit before'));
    expect(out).toMatch(/count\s+3\n/);
    expect(
      out.match(
        /·\s+req_test_\w+ POST https:\/\/api\.openai\.com\/v1\/chat\/completions \d+ tokens, charged \$0\.\d+/g,
      ),
    ).toHaveLength(3);
    expect(out).toContain('Done.');
    // The spawn includes tsx start-up; the demo itself must stay well under 10 s.
    expect(elapsed).toBeLessThan(10_000);
  });
});
