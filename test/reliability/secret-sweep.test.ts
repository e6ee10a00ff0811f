// The secret-leak sweep: configs, the invalid-input cases of every operation (with the secret key
// itself as the wrong value, the classic "credential pasted in the wrong field"), the edge path's
// own checks, and the login failures, each error printed every way (message, stack, String,
// util.inspect with showHidden, JSON.stringify, %o) and searched for the secret key, its base64
// forms and the forward tokens in play. The fault matrix sweeps its own errors the same way.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { exchangeAuthCode, login } from '../../src/auth/index.js';
import { createConfig, gateway, gatewayStream, generateForwardToken, isLavaError } from '../../src/index.js';
import { authorizeOverHttp, capturingOpener } from '../auth/drive.js';
import { useDouble } from '../helpers.js';
import { LeakScanner, needlesFor, printedForms } from './leaks.js';
import { brokenArgumentsOf, OPERATIONS } from './operation-properties.js';
import { guardProcess } from './support.js';

guardProcess();
const lava = useDouble();
const leaks = new LeakScanner();
/** Every error of the sweep, to count them and to prove each one was printed and searched. */
let errors = 0;

async function scanRejection(label: string, run: () => Promise<unknown>): Promise<void> {
  const outcome = await run().then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, `${label} should have failed`).toBeDefined();
  expect(isLavaError(outcome), `${label}: ${String(outcome)}`).toBe(true);
  errors += 1;
  leaks.scan(label, outcome);
}

describe('the scanner itself', () => {
  it('finds a key in clear, in base64 at every offset, url-safe, and inside a forward token', () => {
    const key = 'aks_test_0123456789abcdef0123456789abcdef';
    const scanner = new LeakScanner();
    scanner.watch(key);
    const token = generateForwardToken(createConfig({ secretKey: key, baseUrl: 'http://127.0.0.1:9/' }), {
      customer_id: 'con_1',
      meter_slug: 'chat',
    });
    const carriers = [
      `…${key}…`,
      Buffer.from(`x${key}y`).toString('base64'),
      Buffer.from(`xy${key}`).toString('base64url'),
      Buffer.from(`xyz${key}!`).toString('base64'),
      `Bearer ${token}`,
      new Error(`leak ${token}`),
    ];
    for (const [i, carrier] of carriers.entries()) scanner.scan(`carrier ${i}`, carrier);
    expect(new Set(scanner.hits.map((h) => h.label)).size).toBe(carriers.length);
    // And nothing in a near miss: the hint the config shows.
    const clean = new LeakScanner();
    clean.watch(key);
    clean.scan('hint', 'aks_test_…cdef');
    expect(clean.hits).toEqual([]);
    expect(needlesFor(key).length).toBeGreaterThanOrEqual(5);
  });
});

describe('secret-leak sweep', () => {
  it('configs printed every way show no key', () => {
    const keys = [
      lava.double.secretKey,
      lava.double.liveSecretKey,
      'lava_sk_0123456789abcdef0123456789',
      'aks_live_short',
      'x'.repeat(64),
    ];
    for (const secretKey of keys) {
      leaks.watch(secretKey);
      const config = createConfig({ secretKey, baseUrl: lava.double.baseUrl, headers: { 'x-app': 'sweep' } });
      leaks.scan(`config ${secretKey.slice(0, 8)}`, config);
      leaks.scan(`config spread ${secretKey.slice(0, 8)}`, { ...config });
      expect(printedForms(config).length).toBeGreaterThanOrEqual(4);
    }
  });

  it('every operation’s invalid-input errors, with the secret key as the wrong value, show no key', async () => {
    const key = lava.double.secretKey;
    leaks.watch(key);
    const config = lava.config();
    // The key where a number, an object or a well-formed string was wanted, or wrapped in one.
    const secretWrong = fc.oneof(
      fc.constant<unknown>(key),
      // (As a value: an unknown *key* is named in `field` by design, that is how a typo is found.)
      fc.constant<unknown>({ value: key, nested: { deeper: [key] } }),
      fc.constant<unknown>([key]),
      fc.constant<unknown>(` ${key}`),
      fc.constant<unknown>(`${key}@`),
    );
    for (const op of OPERATIONS.filter((o) => o.args.length > 0)) {
      const cases = fc.sample(brokenArgumentsOf(op, secretWrong), { numRuns: 30, seed: 7 });
      for (const { args, field } of cases) {
        await scanRejection(`${op.name} ${field}`, () => op.fn(config, ...args));
      }
    }
  });

  it('the edge path’s own checks (tokens, gateway options) show no key and no forward token', async () => {
    const key = lava.double.secretKey;
    const config = lava.config();
    const token = generateForwardToken(config, { customer_id: 'con_1', meter_slug: 'chat' });
    leaks.watch(token);
    const url = 'https://api.openai.com/v1/chat/completions';
    const bad: [string, () => Promise<unknown>][] = [
      ['customer without meter', () => gateway(config, url, { customer_id: key })],
      ['format', () => gateway(config, url, { format: key as never })],
      ['timeout', () => gateway(config, url, { timeout: key as never })],
      ['url', () => gateway(config, '', { meter_slug: key })],
      ['stream customer without meter', () => gatewayStream(config, url, { customer_id: key })],
      ['token disable_billing', async () => generateForwardToken(config, { disable_billing: key as never })],
      ['token empty meter', async () => generateForwardToken(config, { customer_id: key, meter_slug: '' })],
      ['config secret with a space', async () => createConfig({ secretKey: `${key} ` })],
      ['config timeout', async () => createConfig({ secretKey: key, timeout: key as never })],
      ['config header', async () => createConfig({ secretKey: key, headers: { x: key as never, y: 1 as never } })],
      ['config baseUrl', async () => createConfig({ secretKey: key, baseUrl: `https://${key}@api.lava.so/` })],
      // 401 answers from the gateway, with a key Lava does not know.
      ['gateway 401', () => gateway(createConfig({ secretKey: `${key}x`, baseUrl: lava.double.baseUrl }), url, {})],
    ];
    leaks.watch(`${key}x`);
    leaks.watch(`${key} `);
    for (const [label, run] of bad) await scanRejection(label, run);
  });

  it('login and code-exchange failures show no key and no code', async () => {
    const base = lava.double.baseUrl;
    const fresh = 'aks_test_sweep_fresh_secret_0123456789abcdef';
    leaks.watch(fresh);
    const partial = JSON.stringify({ secret_key: fresh, merchant_id: 'm_1' });
    const cases: [string, () => Promise<unknown>][] = [
      ['unknown code', () => exchangeAuthCode({ code: 'code_that_was_never_issued_1234567890', baseUrl: base })],
      ['empty code', () => exchangeAuthCode({ code: '', baseUrl: base })],
      [
        '200 with partial credentials',
        async () => {
          lava.double.injectFault({ match: { path: '/v1/auth/callback' }, status: 200, body: partial });
          return exchangeAuthCode({ code: 'any_code_0123456789', baseUrl: base });
        },
      ],
      [
        '200 with credentials cut off',
        async () => {
          lava.double.injectFault({ match: { path: '/v1/auth/callback' }, status: 200, body: partial.slice(0, -4) });
          return exchangeAuthCode({ code: 'any_code_0123456789', baseUrl: base });
        },
      ],
      [
        'exchange timeout',
        async () => {
          lava.double.injectFault({ match: { path: '/v1/auth/callback' }, delayMs: 1_000 });
          return exchangeAuthCode({ code: 'any_code_0123456789', baseUrl: base, timeout: 100 });
        },
      ],
      [
        'login denied in the browser',
        async () => {
          const opener = capturingOpener();
          const pending = login({ baseUrl: base, openBrowser: opener.openBrowser, timeoutMs: 10_000 });
          // Handled here already: it rejects while the callback is still being fetched.
          pending.catch(() => {});
          const callback = await authorizeOverHttp(String(await opener.opened), 'deny');
          await fetch(callback).catch(() => undefined);
          return pending;
        },
      ],
      [
        'login with a forged state',
        async () => {
          const opener = capturingOpener();
          const pending = login({ baseUrl: base, openBrowser: opener.openBrowser, timeoutMs: 10_000 });
          // Handled here already: it rejects while the callback is still being fetched.
          pending.catch(() => {});
          const callback = await authorizeOverHttp(String(await opener.opened));
          const code = callback.searchParams.get('code') ?? '';
          leaks.watch(code);
          callback.searchParams.set('state', 'f'.repeat(64));
          await fetch(callback).catch(() => undefined);
          return pending;
        },
      ],
      ['login timeout', () => login({ baseUrl: base, openBrowser: () => {}, timeoutMs: 150 })],
    ];
    for (const [label, run] of cases) await scanRejection(label, run);
  });
});

afterAll(() => {
  console.log(`secret sweep: ${errors} errors; ${leaks.summary('sweep')}`);
  expect(errors).toBeGreaterThan(OPERATIONS.length);
  expect(leaks.hits).toEqual([]);
});
