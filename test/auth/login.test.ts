// login() and exchangeAuthCode() without a browser: the test plays the browser with plain HTTP
// against the real loopback server and the double's app page and API.
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { apiBaseForApp, normaliseApiBase } from '../../src/auth/api-base.js';
import { openerCommand, openInDefaultBrowser } from '../../src/auth/open-browser.js';
import { createConfig, LavaApiError, listCustomers } from '../../src/index.js';
import {
  exchangeAuthCode,
  isLavaAbortError,
  isLavaLoginError,
  isLavaNetworkError,
  isLavaValidationError,
  type LavaCredentials,
  LavaLoginError,
  login,
} from '../../src/node.js';
import { rejectionOf, useDouble } from '../helpers.js';
import { authorizeOverHttp, capturingOpener, isListening } from './drive.js';

const lava = useDouble();
const CALLBACK = '/v1/auth/callback';

afterEach(() => {
  lava.double.state.signedInMerchantId = undefined;
});

/** Starts a login against the double and hands back the URL it opened. */
function startLogin(extra: Parameters<typeof login>[0] = {}) {
  const opener = capturingOpener();
  const result = login({ baseUrl: lava.double.baseUrl, openBrowser: opener.openBrowser, ...extra });
  // Observed early so an expected rejection is never reported as unhandled.
  result.catch(() => {});
  return { result, opened: opener.opened };
}

describe('login() against the double, browser played over HTTP', () => {
  it('opens <app>/auth/connect with a 256-bit state and the port, and resolves with working credentials', async () => {
    const { double } = lava;
    const before = double.requestCount({ path: CALLBACK });
    const { result, opened } = startLogin();
    const url = await opened;
    expect(url.origin).toBe(new URL(double.baseUrl).origin);
    expect(url.pathname).toBe('/auth/connect');
    expect(url.searchParams.get('state')).toMatch(/^[0-9a-f]{64}$/);
    const port = Number(url.searchParams.get('port'));
    expect(port).toBeGreaterThan(0);
    expect(await isListening(port)).toBe(true);

    const callback = await authorizeOverHttp(url.href);
    expect(callback.origin).toBe(`http://127.0.0.1:${port}`);
    expect(callback.pathname).toBe('/callback');
    const page = await fetch(callback);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('Authorization received');
    expect(html).not.toMatch(/<script|src=|href=/i);

    const credentials = await result;
    expect(credentials.secret_key).toBe(double.secretKey);
    expect(credentials.merchant_id).toBe(double.merchant.merchant_id);
    expect(credentials.wallet_id).toBe(double.merchant.wallet_id);
    expect(credentials.account_id).toBe(double.merchant.account_id);
    expect(credentials.wallet_key).toMatch(/^lava_wk_/);
    expect(await isListening(port)).toBe(false);

    // The exchange went out exactly once, as the official SDK sends it: JSON {code}, no Authorization.
    expect(double.requestCount({ path: CALLBACK })).toBe(before + 1);
    const exchange = double.requests.filter((r) => r.path === CALLBACK).at(-1);
    expect(exchange?.method).toBe('POST');
    expect(exchange?.headers.authorization).toBeUndefined();
    expect(exchange?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(exchange?.body ?? '')).toEqual({ code: callback.searchParams.get('code') });

    const customers = await listCustomers(createConfig({ secretKey: credentials.secret_key, baseUrl: double.baseUrl }));
    expect(Array.isArray(customers.data)).toBe(true);
  });

  it('returns the same active secret key and the same wallet key on a second login', async () => {
    const first = startLogin();
    await fetch(await authorizeOverHttp((await first.opened).href));
    const second = startLogin();
    await fetch(await authorizeOverHttp((await second.opened).href));
    const [a, b] = await Promise.all([first.result, second.result]);
    expect(b.secret_key).toBe(a.secret_key);
    expect(b.wallet_key_id).toBe(a.wallet_key_id);
    expect(b.wallet_key).toBe(a.wallet_key);
  });

  it('creates a secret key when the signed-in merchant has none active', async () => {
    const { double } = lava;
    const { merchant, secretKey } = double.state.createMerchant('test');
    for (const key of merchant.secretKeys.values()) key._deleted = true;
    double.state.signedInMerchantId = merchant.merchant_id;
    const { result, opened } = startLogin();
    await fetch(await authorizeOverHttp((await opened).href));
    const credentials = await result;
    expect(credentials.merchant_id).toBe(merchant.merchant_id);
    expect(credentials.secret_key).toMatch(/^aks_test_/);
    expect(credentials.secret_key).not.toBe(secretKey);
    expect([...merchant.secretKeys.values()].filter((k) => !k._deleted)).toHaveLength(1);
    const page = await listCustomers(createConfig({ secretKey: credentials.secret_key, baseUrl: double.baseUrl }));
    expect(page.data).toEqual([]);
  });
});

describe('login() refuses a bad callback', () => {
  it('state mismatch (forged callback with its own code): 400, rejects, exchanges nothing, port closed', async () => {
    const { double } = lava;
    const before = double.requestCount({ path: CALLBACK });
    const { result, opened } = startLogin();
    const port = Number((await opened).searchParams.get('port'));
    const forged = await fetch(`http://127.0.0.1:${port}/callback?code=lac_attacker&state=${'0'.repeat(64)}`);
    expect(forged.status).toBe(400);
    const error = await rejectionOf(() => result);
    expect(error).toBeInstanceOf(LavaLoginError);
    expect(isLavaLoginError(error) && error.reason).toBe('state_mismatch');
    expect(String(error)).toMatch(/state/i);
    expect(String(error)).not.toContain('lac_attacker');
    expect(double.requestCount({ path: CALLBACK })).toBe(before);
    expect(await isListening(port)).toBe(false);
  });

  it('missing state, and a state that is only a prefix of the real one, are mismatches too', async () => {
    for (const forge of [(_s: string) => '', (s: string) => s.slice(0, 32)]) {
      const { result, opened } = startLogin();
      const url = await opened;
      const state = forge(url.searchParams.get('state') ?? '');
      const query = state ? `code=x&state=${state}` : 'code=x';
      const res = await fetch(`http://127.0.0.1:${url.searchParams.get('port')}/callback?${query}`);
      expect(res.status).toBe(400);
      expect(((await rejectionOf(() => result)) as LavaLoginError).reason).toBe('state_mismatch');
    }
  });

  it('missing code (the person clicked Deny): 400 and rejects naming the app error, terminal-safe', async () => {
    const before = lava.double.requestCount({ path: CALLBACK });
    const { result, opened } = startLogin();
    const callback = await authorizeOverHttp((await opened).href, 'deny');
    expect(callback.searchParams.get('code')).toBeNull();
    expect((await fetch(callback)).status).toBe(400);
    const error = (await rejectionOf(() => result)) as LavaLoginError;
    expect(error.reason).toBe('missing_code');
    expect(error.message).toContain('access_denied');
    expect(lava.double.requestCount({ path: CALLBACK })).toBe(before);
    expect(await isListening(Number(callback.port))).toBe(false);

    const second = startLogin();
    const url = await second.opened;
    const evil = encodeURIComponent('\u001b]0;pwned\u0007\u001b[2Jdenied');
    const res = await fetch(
      `http://127.0.0.1:${url.searchParams.get('port')}/callback?state=${url.searchParams.get('state')}&error=${evil}`,
    );
    expect(res.status).toBe(400);
    const message = ((await rejectionOf(() => second.result)) as LavaLoginError).message;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is that none survive
    expect(message).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(message).toContain('denied');
  });

  it('another method answers 405 and another path 404, and the login keeps waiting for the real callback', async () => {
    const { result, opened } = startLogin();
    const url = await opened;
    const port = url.searchParams.get('port');
    const callback = await authorizeOverHttp(url.href);
    const post = await fetch(callback, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    const head = await fetch(callback, { method: 'HEAD' });
    expect(head.status).toBe(405);
    for (const path of ['/', '/favicon.ico', '/callback/', `/other${callback.search}`]) {
      expect((await fetch(`http://127.0.0.1:${port}${path}`)).status).toBe(404);
    }
    expect((await fetch(callback)).status).toBe(200);
    expect((await result).secret_key).toBe(lava.double.secretKey);
  });
});

describe('codes are single-use and expire after 60 s', () => {
  it('a replayed code is refused with a LavaApiError that does not echo the code', async () => {
    const { result, opened } = startLogin();
    const callback = await authorizeOverHttp((await opened).href);
    await fetch(callback);
    await result;
    const code = callback.searchParams.get('code') ?? '';
    const error = await rejectionOf(() => exchangeAuthCode({ code, baseUrl: lava.double.baseUrl }));
    expect(error).toBeInstanceOf(LavaApiError);
    expect((error as LavaApiError).status).toBe(400);
    expect((error as LavaApiError).code).toBe('invalid_code');
    expect(String(error)).not.toContain(code);
    expect(JSON.stringify(error)).not.toContain(code);
    // The callback cannot be replayed either: the server is gone.
    expect(await isListening(Number(callback.port))).toBe(false);
  });

  it('an expired code makes login() reject with the exchange error; a 59-second-old code still works', async () => {
    const { double } = lava;
    const age = (ms: number) =>
      fetch(new URL('/__double/auth/age-codes', double.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ms }),
      });

    const fresh = startLogin();
    const freshCallback = await authorizeOverHttp((await fresh.opened).href);
    expect((await age(59_000)).status).toBe(200);
    await fetch(freshCallback);
    expect((await fresh.result).secret_key).toBe(double.secretKey);

    const stale = startLogin();
    const staleCallback = await authorizeOverHttp((await stale.opened).href);
    expect(await (await age(61_000)).json()).toEqual({ aged: 1 });
    expect((await fetch(staleCallback)).status).toBe(200);
    const error = await rejectionOf(() => stale.result);
    expect(error).toBeInstanceOf(LavaApiError);
    expect((error as LavaApiError).code).toBe('expired_code');
    expect((error as LavaApiError).path).toBe('/v1/auth/callback');
  });
});

describe('login() ends cleanly on timeout, abort and opener failure', () => {
  it('times out with a clear LavaLoginError and closes the port', async () => {
    const started = Date.now();
    const { result, opened } = startLogin({ timeoutMs: 300 });
    const port = Number((await opened).searchParams.get('port'));
    const error = (await rejectionOf(() => result)) as LavaLoginError;
    expect(isLavaLoginError(error)).toBe(true);
    expect(error.reason).toBe('timeout');
    expect(error.message).toMatch(/timed out/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(await isListening(port)).toBe(false);
  });

  it('an abort mid-wait rejects with reason aborted and closes the port, even with a connection held open', async () => {
    const controller = new AbortController();
    const { result, opened } = startLogin({ signal: controller.signal });
    const port = Number((await opened).searchParams.get('port'));
    // A client stuck half-way through its request must not keep the server (and the port) open.
    const stuck = connect(port, '127.0.0.1');
    await once(stuck, 'connect');
    stuck.write('GET /callback HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    stuck.on('error', () => {});
    controller.abort(new Error('user pressed Ctrl-C'));
    const error = (await rejectionOf(() => result)) as LavaLoginError;
    expect(error.reason).toBe('aborted');
    expect(error.message).toMatch(/cancelled/i);
    expect(await isListening(port)).toBe(false);
  });

  it('an already-aborted signal rejects before any server starts or browser opens', async () => {
    let opened = 0;
    const error = (await rejectionOf(() =>
      login({ signal: AbortSignal.abort(), openBrowser: () => void opened++ }),
    )) as LavaLoginError;
    expect(error.reason).toBe('aborted');
    expect(opened).toBe(0);
  });

  it('an opener that throws or rejects ends the login with reason browser_failed and closes the port', async () => {
    const ports: number[] = [];
    for (const openBrowser of [
      (url: string) => {
        ports.push(Number(new URL(url).searchParams.get('port')));
        throw new Error('no display');
      },
      async (url: string) => {
        ports.push(Number(new URL(url).searchParams.get('port')));
        throw new Error('xdg-open exited with 3');
      },
    ]) {
      const error = (await rejectionOf(() => login({ baseUrl: lava.double.baseUrl, openBrowser }))) as LavaLoginError;
      expect(error.reason).toBe('browser_failed');
      expect(error.message).toMatch(/browser/);
    }
    expect(ports).toHaveLength(2);
    for (const port of ports) expect(await isListening(port)).toBe(false);
  });

  it('rejects malformed options before starting anything', async () => {
    let opened = 0;
    const openBrowser = () => void opened++;
    for (const [options, field] of [
      [{ timeoutMs: -1 }, 'options.timeoutMs'],
      [{ timeoutMs: Number.NaN }, 'options.timeoutMs'],
      [{ baseUrl: 'javascript:alert(1)' }, 'options.baseUrl'],
      [{ baseUrl: 'https://www.lava.so/?x=1' }, 'options.baseUrl'],
      [{ apiBaseUrl: 'not a url' }, 'options.apiBaseUrl'],
      [{ openBrowser: 'xdg-open' }, 'options.openBrowser'],
    ] as const) {
      const error = await rejectionOf(() => login({ openBrowser, ...(options as object) }));
      expect(isLavaValidationError(error) && error.field).toBe(field);
    }
    expect(opened).toBe(0);
  });
});

describe('the API base follows the app base', () => {
  it('maps loopback apps to their own origin, sandbox apps to the sandbox API, others to production', () => {
    expect(apiBaseForApp(new URL('http://localhost:3000/some/path'))).toBe('http://localhost:3000/');
    expect(apiBaseForApp(new URL('http://127.0.0.1:4010'))).toBe('http://127.0.0.1:4010/');
    expect(apiBaseForApp(new URL('http://[::1]:4010'))).toBe('http://[::1]:4010/');
    expect(apiBaseForApp(new URL('https://sandbox.lava.so'))).toBe('https://sandbox-api.lavapayments.com/');
    expect(apiBaseForApp(new URL('https://www.lava.so'))).toBe('https://api.lava.so/');
    // Only the host decides: a path that mentions sandbox is still production.
    expect(apiBaseForApp(new URL('https://www.lava.so/sandbox'))).toBe('https://api.lava.so/');
    expect(normaliseApiBase('https://api.lavapayments.com/v1/', 'x')).toBe('https://api.lavapayments.com/');
    expect(normaliseApiBase('http://127.0.0.1:9/v1', 'x')).toBe('http://127.0.0.1:9/');
  });

  it('a sandbox app exchanges at the sandbox API; apiBaseUrl overrides (both seen on the wire)', async () => {
    const { double } = lava;
    const seen: string[] = [];
    // Real HTTP to the double; only the host is rewritten after the URL the SDK chose is recorded.
    const toDouble = (input: Request | string | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : input);
      seen.push(url.href);
      return fetch(new URL(url.pathname, double.baseUrl), init);
    };
    for (const [options, expected] of [
      [{ baseUrl: 'https://sandbox.lava.so' }, 'https://sandbox-api.lavapayments.com/v1/auth/callback'],
      [{ baseUrl: 'https://www.lava.so' }, 'https://api.lava.so/v1/auth/callback'],
      [
        { baseUrl: 'https://www.lava.so', apiBaseUrl: 'https://api.lavapayments.com/v1/' },
        'https://api.lavapayments.com/v1/auth/callback',
      ],
    ] as const) {
      const opener = capturingOpener();
      const result = login({ ...options, fetch: toDouble, openBrowser: opener.openBrowser });
      const url = await opener.opened;
      expect(url.origin).toBe(new URL(options.baseUrl).origin);
      // The real app is unreachable here: the double's app page issues the code instead.
      const viaDouble = new URL(`/auth/connect${url.search}`, double.baseUrl);
      await fetch(await authorizeOverHttp(viaDouble.href));
      expect((await result).secret_key).toBe(double.secretKey);
      expect(seen.at(-1)).toBe(expected);
    }
  });
});

describe('exchangeAuthCode()', () => {
  it('rejects a missing or empty code and a bad baseUrl without sending anything', async () => {
    const { double } = lava;
    const before = double.requests.length;
    for (const [options, field] of [
      [{ code: '' }, 'options.code'],
      [{}, 'options.code'],
      [{ code: 42 }, 'options.code'],
      [{ code: 'x', baseUrl: 'ftp://lava' }, 'options.baseUrl'],
      [{ code: 'x', baseUrl: double.baseUrl, timeout: 0 }, 'options.timeout'],
    ] as const) {
      const error = await rejectionOf(() => exchangeAuthCode(options as never));
      expect(isLavaValidationError(error) && error.field).toBe(field);
    }
    expect(double.requests.length).toBe(before);
  });

  it('accepts the root and the official …/v1/ form of baseUrl alike', async () => {
    const { double } = lava;
    for (const baseUrl of [double.baseUrl, `${double.baseUrl}v1/`, `${double.baseUrl}v1`]) {
      const before = double.requestCount({ method: 'POST', path: CALLBACK });
      const error = await rejectionOf(() => exchangeAuthCode({ code: 'lac_unknown', baseUrl }));
      expect((error as LavaApiError).code).toBe('invalid_code');
      expect(double.requestCount({ method: 'POST', path: CALLBACK })).toBe(before + 1);
    }
  });

  it('a 200 that is not credentials is a LavaApiError that does not echo the body', async () => {
    const { double } = lava;
    double.injectFault({
      match: { path: CALLBACK },
      status: 200,
      body: JSON.stringify({ secret_key: 'aks_test_leaked_0123456789abcdef', merchant_id: 7 }),
    });
    const error = await rejectionOf(() => exchangeAuthCode({ code: 'c', baseUrl: double.baseUrl }));
    expect(error).toBeInstanceOf(LavaApiError);
    expect((error as LavaApiError).code).toBe('invalid_response');
    expect((error as LavaApiError).message).toMatch(/secret_key_id.*merchant_id.*wallet_id/);
    expect(JSON.stringify(error)).not.toContain('leaked');
    expect(String(error)).not.toContain('leaked');
  });

  it('maps a dead port to LavaNetworkError and an aborted signal to LavaAbortError', async () => {
    const closedPort = await (async () => {
      const { createServer } = await import('node:net');
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return port;
    })();
    const network = await rejectionOf(() =>
      exchangeAuthCode({ code: 'c', baseUrl: `http://127.0.0.1:${closedPort}/` }),
    );
    expect(isLavaNetworkError(network)).toBe(true);
    const aborted = await rejectionOf(() =>
      exchangeAuthCode({ code: 'c', baseUrl: lava.double.baseUrl, signal: AbortSignal.abort() }),
    );
    expect(isLavaAbortError(aborted)).toBe(true);
  });

  it('types the credentials: the five ids and the optional wallet key', () => {
    const sample: LavaCredentials = { secret_key: 'a', secret_key_id: 'b', merchant_id: 'c', wallet_id: 'd' };
    // @ts-expect-error secret_key is required
    const missing: LavaCredentials = { secret_key_id: 'b', merchant_id: 'c', wallet_id: 'd' };
    expect([sample.wallet_key, missing.secret_key]).toEqual([undefined, undefined]);
  });
});

describe('the default opener', () => {
  const bin = mkdtempSync(join(tmpdir(), 'opener-'));
  const log = join(bin, 'argv.log');
  const withFakeOpener = async (script: string, run: () => Promise<void>) => {
    const path = join(bin, openerCommand());
    writeFileSync(path, `#!/bin/sh\n${script}\n`);
    chmodSync(path, 0o755);
    const saved = process.env.PATH;
    process.env.PATH = `${bin}:${saved}`;
    try {
      await run();
    } finally {
      process.env.PATH = saved;
    }
  };

  it.runIf(process.platform !== 'win32')(
    'passes the URL as one argument through execFile: shell metacharacters stay inert',
    async () => {
      const marker = join(bin, 'pwned');
      const url = `http://127.0.0.1:1/auth/connect?state=a;touch%20${marker}&x=$(touch ${marker})&y=\`touch ${marker}\``;
      await withFakeOpener(`printf '%s\\n' "$#" "$1" > '${log}'`, () => openInDefaultBrowser(url));
      expect(readFileSync(log, 'utf8')).toBe(`1\n${url}\n`);
      expect(() => readFileSync(marker)).toThrow();
    },
  );

  it.runIf(process.platform !== 'win32')('rejects when the opener fails, which login() reports', async () => {
    await withFakeOpener('exit 3', async () => {
      const error = (await rejectionOf(() => login({ baseUrl: lava.double.baseUrl }))) as LavaLoginError;
      expect(error.reason).toBe('browser_failed');
    });
  });

  afterAll(() => rmSync(bin, { recursive: true, force: true }));
});
