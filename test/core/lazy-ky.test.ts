// ky is loaded only when a REST call needs a retry: importing the package (all of it, as Node does
// for `import { gateway } from '@lava/fn'`) and making a successful REST call must not evaluate ky.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createCustomer, getCustomer } from '../../src/index.js';
import { useDouble } from '../helpers.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const lava = useDouble();

async function modulesLoadedBy(script: string): Promise<string[]> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--import', './test/core/fixtures/record-loads.mjs', '--input-type=module', '-e', script],
    { cwd: ROOT },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as string[];
}

const isKy = (url: string) => url.includes('/node_modules/ky/');

describe('ky is off the import graph', () => {
  it('importing the package root and calling getCustomer once loads no ky module', async () => {
    const { customer_id } = await createCustomer(lava.config(), { name: 'Lazy' });
    const config = JSON.stringify({ secretKey: lava.double.secretKey, baseUrl: lava.double.baseUrl });
    const loaded = await modulesLoadedBy(
      `const lava = await import('./src/index.ts');
       const customer = await lava.getCustomer(lava.createConfig(${config}), '${customer_id}');
       if (customer.customer_id !== '${customer_id}') throw new Error('wrong customer');`,
    );
    expect(loaded.some((url) => url.endsWith('/src/core/rest.ts'))).toBe(true);
    expect(loaded.filter(isKy)).toEqual([]);
  });

  it('a retried GET does load ky, and retries through it', async () => {
    lava.double.resetRequests();
    lava.double.injectFault({ match: { method: 'GET', path: '/v1/customers/con_lazy' }, status: 503, retryAfter: 0 });
    const error = await getCustomer(lava.config(), 'con_lazy').catch((e: unknown) => e);
    // The 503 was retried once (then the double's own 404 for an unknown customer).
    expect((error as { status?: number }).status).toBe(404);
    expect(lava.double.requestCount({ path: '/v1/customers/con_lazy' })).toBe(2);
    const config = JSON.stringify({ secretKey: lava.double.secretKey, baseUrl: lava.double.baseUrl });
    lava.double.injectFault({ match: { method: 'GET', path: '/v1/customers/con_lazy' }, status: 503, retryAfter: 0 });
    const loaded = await modulesLoadedBy(
      `const lava = await import('./src/index.ts');
       await lava.getCustomer(lava.createConfig(${config}), 'con_lazy').catch(() => {});`,
    );
    expect(loaded.some(isKy)).toBe(true);
  });
});
