import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  createConfig,
  createCustomer,
  getCustomer,
  isLavaAbortError,
  isLavaApiError,
  isLavaError,
  isLavaNetworkError,
  isLavaTimeoutError,
  LavaAbortError,
  LavaApiError,
  LavaError,
  LavaNetworkError,
  LavaTimeoutError,
  listCustomers,
  updateCustomer,
} from '../../src/index.js';
import { rejectionOf, useDouble } from '../helpers.js';

const lava = useDouble();
const CUSTOMERS = { path: '/v1/customers' };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('REST transport: errors from real HTTP answers', () => {
  it('401 for an unknown key, as LavaApiError with Lava’s code', async () => {
    const config = createConfig({ secretKey: 'aks_test_unknown_key_0000000000', baseUrl: lava.double.baseUrl });
    const error = await rejectionOf(() => listCustomers(config));
    expect(error).toBeInstanceOf(LavaApiError);
    expect(error).toBeInstanceOf(LavaError);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized', method: 'GET', path: '/v1/customers' });
    expect(lava.double.requestCount(CUSTOMERS)).toBeGreaterThan(0);
  });

  it('400 with Lava’s error body carries its message, code and the raw body', async () => {
    const error = (await rejectionOf(() =>
      listCustomers(lava.config(), { cursor: 'con_not_a_cursor' }),
    )) as LavaApiError;
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain('Invalid cursor');
    expect(error.body).toEqual({ error: { message: 'Invalid cursor', code: 'invalid_request', status: 400 } });
  });

  it('a 502 HTML page becomes a LavaApiError with the page as body, not a crash', async () => {
    const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    lava.double.injectFault({ match: CUSTOMERS, status: 502, body: html, contentType: 'text/html', times: 10 });
    try {
      const error = (await rejectionOf(() => listCustomers(lava.config({ retry: 0 })))) as LavaApiError;
      expect(isLavaApiError(error)).toBe(true);
      expect(error.status).toBe(502);
      expect(error.body).toBe(html);
      expect(error.message).toContain('502');
      expect(error.message).not.toContain('<html>');
    } finally {
      lava.double.clearFaults();
    }
  });

  it('a string `error` field and a request id header are both read', async () => {
    lava.double.injectFault({
      match: CUSTOMERS,
      status: 418,
      body: JSON.stringify({ error: 'teapot says no' }),
      headers: { 'x-request-id': 'req_abc' },
    });
    const error = (await rejectionOf(() => listCustomers(lava.config()))) as LavaApiError;
    expect(error.status).toBe(418);
    expect(error.message).toContain('teapot says no');
    expect(error.requestId).toBe('req_abc');
  });

  it('GET 503 is retried and then succeeds; the double saw three requests', async () => {
    lava.double.resetRequests();
    lava.double.injectFault({ match: CUSTOMERS, status: 503, times: 2, retryAfter: 0 });
    const page = await listCustomers(lava.config());
    expect(Array.isArray(page.data)).toBe(true);
    expect(lava.double.requestCount(CUSTOMERS)).toBe(3);
  });

  it('GET 503 honours Retry-After (seconds) before retrying', async () => {
    lava.double.resetRequests();
    lava.double.injectFault({ match: CUSTOMERS, status: 503, retryAfter: 1 });
    const started = Date.now();
    await listCustomers(lava.config());
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(lava.double.requestCount(CUSTOMERS)).toBe(2);
  });

  it('GET gives up after the retry limit with the last error', async () => {
    lava.double.resetRequests();
    lava.double.injectFault({ match: CUSTOMERS, status: 500, times: 5, retryAfter: 0 });
    const error = (await rejectionOf(() => listCustomers(lava.config({ retry: 1 })))) as LavaApiError;
    lava.double.clearFaults();
    expect(error.status).toBe(500);
    expect(lava.double.requestCount(CUSTOMERS)).toBe(2);
  });

  it('POST 503 is sent exactly once, never retried', async () => {
    lava.double.resetRequests();
    lava.double.injectFault({ match: { method: 'POST', path: '/v1/customers' }, status: 503, retryAfter: 0 });
    const error = (await rejectionOf(() => createCustomer(lava.config(), { name: 'Once' }))) as LavaApiError;
    expect(error.status).toBe(503);
    expect(lava.double.requestCount({ method: 'POST', path: '/v1/customers' })).toBe(1);
  });

  it('PATCH 503 is sent exactly once, never retried', async () => {
    const customer = await createCustomer(lava.config(), { name: 'Patchy' });
    lava.double.resetRequests();
    lava.double.injectFault({ match: { method: 'PATCH' }, status: 503, retryAfter: 0 });
    const error = (await rejectionOf(() =>
      updateCustomer(lava.config(), customer.customer_id, { name: 'P' }),
    )) as LavaApiError;
    expect(error.status).toBe(503);
    expect(lava.double.requestCount({ method: 'PATCH' })).toBe(1);
  });

  it('headers later than the timeout → LavaTimeoutError, one attempt', async () => {
    lava.double.resetRequests();
    lava.double.injectFault({ match: CUSTOMERS, delayMs: 1_000 });
    const started = Date.now();
    const error = await rejectionOf(() => listCustomers(lava.config({ timeout: 150 })));
    expect(error).toBeInstanceOf(LavaTimeoutError);
    expect(isLavaTimeoutError(error)).toBe(true);
    expect((error as LavaTimeoutError).timeout).toBe(150);
    expect(Date.now() - started).toBeLessThan(900);
    expect(lava.double.requestCount(CUSTOMERS)).toBe(1);
  });

  it('a per-call timeout overrides the config', async () => {
    lava.double.injectFault({ match: CUSTOMERS, delayMs: 1_000 });
    const error = await rejectionOf(() => listCustomers(lava.config({ timeout: 5_000 }), {}, { timeout: 100 }));
    expect((error as LavaTimeoutError).timeout).toBe(100);
  });

  it('a refused connection → LavaNetworkError with ECONNREFUSED', async () => {
    const port = await closedPort();
    const config = createConfig({ secretKey: lava.double.secretKey, baseUrl: `http://127.0.0.1:${port}/`, retry: 0 });
    const error = await rejectionOf(() => getCustomer(config, 'con_1'));
    expect(error).toBeInstanceOf(LavaNetworkError);
    expect(isLavaNetworkError(error)).toBe(true);
    expect((error as LavaNetworkError).errno).toBe('ECONNREFUSED');
  });

  it('a connection reset on GET is retried within the limit, then reported as LavaNetworkError', async () => {
    lava.double.resetRequests();
    lava.double.injectFault({ match: CUSTOMERS, reset: true, times: 3 });
    const error = await rejectionOf(() => listCustomers(lava.config({ retry: 2 })));
    expect(error).toBeInstanceOf(LavaNetworkError);
    expect(lava.double.requestCount(CUSTOMERS)).toBe(3);
  });

  it('the caller’s signal aborts as LavaAbortError', async () => {
    lava.double.injectFault({ match: CUSTOMERS, delayMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await rejectionOf(() => listCustomers(lava.config(), {}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(LavaAbortError);
    expect(isLavaAbortError(error)).toBe(true);
    lava.double.clearFaults();
  });

  it('a 200 with malformed JSON is a LavaApiError (invalid_json), not a SyntaxError', async () => {
    lava.double.injectFault({ match: CUSTOMERS, status: 200, body: '{"data": [' });
    const error = (await rejectionOf(() => listCustomers(lava.config()))) as LavaApiError;
    expect(error.code).toBe('invalid_json');
    expect(isLavaError(error)).toBe(true);
  });

  it('config headers and per-call headers are sent; Authorization cannot be overridden', async () => {
    lava.double.resetRequests();
    const config = lava.config({ headers: { 'x-app': 'tests', authorization: 'Bearer nope' } });
    await listCustomers(config, {}, { headers: { 'x-call': '1' } });
    const sent = lava.double.requests[0];
    expect(sent?.headers['x-app']).toBe('tests');
    expect(sent?.headers['x-call']).toBe('1');
    expect(sent?.headers.authorization).toBe(`Bearer ${lava.double.secretKey}`);
  });

  it('a header value with a control character (accepted by Headers, refused by fetch) is a validation error, nothing sent', async () => {
    lava.double.resetRequests();
    const perCall = await rejectionOf(() => listCustomers(lava.config({ retry: 0 }), {}, { headers: { x: '\u000e' } }));
    expect((perCall as { field?: string }).field).toBe('options.headers');
    expect(() => lava.config({ headers: { x: 'a\u0001b' } })).toThrow(/options\.headers/);
    expect(lava.double.requestCount()).toBe(0);
  });

  it.each([
    ['options', 'not an object'],
    ['options', null],
    ['options.timeout', { timeout: -1 }],
    ['options.timeout', { timeout: '500' }],
    ['options.timeout', { timeout: 2 ** 31 }],
    // A comparison would call this object's toString and throw a TypeError of its own.
    ['options.timeout', { timeout: { toString: 0 } }],
    ['options.signal', { signal: 'abort' }],
    ['options.signal', { signal: { aborted: false } }],
    ['options.idempotencyKey', { idempotencyKey: 5 }],
    ['options.idempotencyKey', { idempotencyKey: '' }],
    ['options.idempotencyKey', { idempotencyKey: ' padded ' }],
    // Headers would refuse it with a TypeError that quotes the value.
    ['options.idempotencyKey', { idempotencyKey: 'line\nbreak' }],
  ])('per-call options: a bad %s (%j) is a validation error naming it, nothing sent', async (field, options) => {
    lava.double.resetRequests();
    const error = await rejectionOf(() => createCustomer(lava.config(), {}, options as never));
    expect((error as { name?: string }).name).toBe('LavaValidationError');
    expect((error as { field?: string }).field).toBe(field);
    expect(lava.double.requestCount()).toBe(0);
  });

  it('per-call options: null timeout and signal mean "not given"; an idempotency key with inner spaces is sent as is', async () => {
    lava.double.resetRequests();
    await createCustomer(lava.config(), {}, { timeout: null, signal: null, idempotencyKey: 'order 42' } as never);
    expect(lava.double.requests.at(-1)?.headers['idempotency-key']).toBe('order 42');
  });

  it('an object that is not a config is rejected before sending', async () => {
    lava.double.resetRequests();
    const error = await rejectionOf(() => listCustomers({ baseUrl: lava.double.baseUrl } as never));
    expect((error as { field?: string }).field).toBe('config');
    expect(lava.double.requestCount()).toBe(0);
  });

  it('no error exposes the secret key in message, stack, String, inspect or JSON', async () => {
    const key = lava.double.secretKey;
    const errors: unknown[] = [];
    errors.push(await rejectionOf(() => getCustomer(lava.config(), 'con_missing')));
    lava.double.injectFault({ match: CUSTOMERS, status: 502, body: '<html>bad</html>', contentType: 'text/html' });
    errors.push(await rejectionOf(() => listCustomers(lava.config({ retry: 0 }))));
    lava.double.injectFault({ match: CUSTOMERS, delayMs: 500 });
    errors.push(await rejectionOf(() => listCustomers(lava.config({ timeout: 50 }))));
    const port = await closedPort();
    errors.push(
      await rejectionOf(() =>
        listCustomers(createConfig({ secretKey: key, baseUrl: `http://127.0.0.1:${port}/`, retry: 0 })),
      ),
    );
    errors.push(await rejectionOf(() => getCustomer(lava.config(), '')));
    for (const error of errors) {
      const e = error as Error;
      const views = [
        e.message,
        e.stack ?? '',
        String(e),
        inspect(e, { depth: 10, showHidden: true }),
        JSON.stringify(e),
      ];
      for (const view of views) {
        expect(view).not.toContain(key);
        expect(view.toLowerCase()).not.toContain('bearer');
      }
    }
    expect(errors.map((e) => (e as Error).name)).toEqual([
      'LavaApiError',
      'LavaApiError',
      'LavaTimeoutError',
      'LavaNetworkError',
      'LavaValidationError',
    ]);
  });
});
