import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createConfig,
  isLavaValidationError,
  LavaValidationError,
  PRODUCTION_BASE_URL,
  SANDBOX_BASE_URL,
} from '../../src/index.js';

const TEST_KEY = 'aks_test_0123456789abcdef0123456789abcdef';
const LIVE_KEY = 'aks_live_fedcba9876543210fedcba9876543210';

function thrown(fn: () => unknown): LavaValidationError {
  try {
    fn();
  } catch (error) {
    expect(isLavaValidationError(error)).toBe(true);
    return error as LavaValidationError;
  }
  throw new Error('expected createConfig to throw');
}

describe('createConfig', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('sends aks_test_ keys to the sandbox host and every other key to production', () => {
    expect(createConfig({ secretKey: TEST_KEY }).baseUrl).toBe(SANDBOX_BASE_URL);
    expect(createConfig({ secretKey: LIVE_KEY }).baseUrl).toBe(PRODUCTION_BASE_URL);
    expect(createConfig({ secretKey: 'lava_sk_abc' }).baseUrl).toBe(PRODUCTION_BASE_URL);
    expect(SANDBOX_BASE_URL).toBe('https://sandbox-api.lavapayments.com/');
    expect(PRODUCTION_BASE_URL).toBe('https://api.lava.so/');
  });

  it('lets baseUrl override the host and normalises the trailing slash', () => {
    expect(createConfig({ secretKey: TEST_KEY, baseUrl: 'http://127.0.0.1:9000' }).baseUrl).toBe(
      'http://127.0.0.1:9000/',
    );
    expect(createConfig({ secretKey: TEST_KEY, baseUrl: 'https://proxy.example/lava//' }).baseUrl).toBe(
      'https://proxy.example/lava/',
    );
  });

  it("accepts the official SDK's /v1/ base URL form as the same API root", () => {
    expect(createConfig({ secretKey: TEST_KEY, baseUrl: 'https://api.lava.so/v1/' }).baseUrl).toBe(
      'https://api.lava.so/',
    );
    expect(createConfig({ secretKey: TEST_KEY, baseUrl: 'https://api.lava.so/v1' }).baseUrl).toBe(
      'https://api.lava.so/',
    );
  });

  it('rejects a base URL that is not absolute http(s), naming options.baseUrl', () => {
    for (const baseUrl of [
      'api.lava.so',
      '/v1/',
      'ftp://x.example/',
      'https://user:pw@x.example/',
      'https://x.example/?a=1',
    ]) {
      expect(thrown(() => createConfig({ secretKey: TEST_KEY, baseUrl })).field).toBe('options.baseUrl');
    }
  });

  it('reads LAVA_SECRET_KEY and LAVA_BASE_URL from the environment when no option is given', () => {
    vi.stubEnv('LAVA_SECRET_KEY', LIVE_KEY);
    vi.stubEnv('LAVA_BASE_URL', 'http://127.0.0.1:1234');
    const config = createConfig();
    expect(config.baseUrl).toBe('http://127.0.0.1:1234/');
    expect(config.keyHint).toBe('aks_live_…3210');
    vi.stubEnv('LAVA_BASE_URL', '');
    expect(createConfig().baseUrl).toBe(PRODUCTION_BASE_URL);
    expect(createConfig({ secretKey: TEST_KEY }).keyHint).toBe('aks_test_…cdef');
  });

  it('without any key throws a LavaValidationError that says how to provide one', () => {
    vi.stubEnv('LAVA_SECRET_KEY', '');
    const error = thrown(() => createConfig());
    expect(error).toBeInstanceOf(LavaValidationError);
    expect(error.field).toBe('options.secretKey');
    expect(error.message).toMatch(/LAVA_SECRET_KEY/);
    expect(error.message).toMatch(/secretKey/);
  });

  it('rejects malformed options with the field named and without echoing the key', () => {
    const badKey = 'aks_test_has space';
    const error = thrown(() => createConfig({ secretKey: badKey }));
    expect(error.field).toBe('options.secretKey');
    expect(error.message).not.toContain(badKey);
    expect(thrown(() => createConfig({ secretKey: TEST_KEY, timeout: 0 })).field).toBe('options.timeout');
    expect(thrown(() => createConfig({ secretKey: TEST_KEY, timeout: '100' as never })).field).toBe('options.timeout');
    expect(thrown(() => createConfig({ secretKey: TEST_KEY, retry: -1 })).field).toBe('options.retry');
    expect(thrown(() => createConfig({ secretKey: TEST_KEY, retry: 1.5 })).field).toBe('options.retry');
    expect(thrown(() => createConfig({ secretKey: TEST_KEY, fetch: 'no' as never })).field).toBe('options.fetch');
    expect(thrown(() => createConfig({ secretKey: TEST_KEY, headers: { x: 1 as never } })).field).toBe(
      'options.headers.x',
    );
  });

  it('is frozen and has defaults: timeout 30 s, retry 2, no extra headers', () => {
    const config = createConfig({ secretKey: TEST_KEY });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.headers)).toBe(true);
    expect(config.timeout).toBe(30_000);
    expect(config.retry).toBe(2);
    expect(config.headers).toEqual({});
    expect(() => {
      (config as { baseUrl: string }).baseUrl = 'http://evil.example/';
    }).toThrow(TypeError);
  });

  it('never shows the secret key: String, JSON.stringify, util.inspect (showHidden), spread', () => {
    const config = createConfig({ secretKey: LIVE_KEY, headers: { 'x-app': 'demo' } });
    const views = [
      String(config),
      `${config}`,
      JSON.stringify(config),
      inspect(config),
      inspect(config, { showHidden: true, depth: 10, customInspect: false }),
      inspect({ nested: { config } }, { depth: 10 }),
      JSON.stringify({ ...config }),
      Object.values(config).map(String).join(' '),
    ];
    for (const view of views) {
      expect(view).not.toContain(LIVE_KEY);
      expect(view).not.toContain(LIVE_KEY.slice(9, 25));
    }
    // No custom toString/toJSON/inspect (they cost bytes on every edge bundle): the key sits in a
    // closure under a symbol, so the plain fields, keyHint included, are what any view shows.
    expect(inspect(config)).toContain('aks_live_…3210');
    expect(JSON.parse(JSON.stringify(config))).toEqual({
      baseUrl: PRODUCTION_BASE_URL,
      keyHint: 'aks_live_…3210',
      timeout: 30_000,
      retry: 2,
      headers: { 'x-app': 'demo' },
    });
  });

  it('shows no tail of a short key, since four characters of it would be most of it', () => {
    expect(createConfig({ secretKey: 'aks_test_abc' }).keyHint).toBe('aks_test_…');
  });
});
