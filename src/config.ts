import { LavaValidationError } from './core/errors.js';

/**
 * Hosts. Production is `api.lava.so`, the host every current Lava document and the official
 * README name (`api.lavapayments.com` is an alias of it). The sandbox is
 * `sandbox-api.lavapayments.com`: it is the host the official SDK really calls for `aks_test_`
 * keys and the one the Lava CLI documents; `sandbox-api.lava.so` appears only in one README and
 * was never confirmed (lava-api.md §1.1, §7.1). `baseUrl` overrides both.
 */
export const PRODUCTION_BASE_URL = 'https://api.lava.so/';
/** The sandbox host used for `aks_test_` keys; see {@link PRODUCTION_BASE_URL}. */
export const SANDBOX_BASE_URL = 'https://sandbox-api.lavapayments.com/';

const SECRET = Symbol.for('@lava/fn.secretKey');

/** The `fetch` signature @lava/fn calls; any WHATWG-compatible implementation works. */
export type FetchFunction = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** Options of {@link createConfig}. Every field is optional. */
export interface LavaConfigOptions {
  /** Merchant secret key (`aks_live_…`, `aks_test_…`) or a spend key. Default: `LAVA_SECRET_KEY`. */
  secretKey?: string;
  /** Lava's API root, e.g. `http://127.0.0.1:4010/`. Default: `LAVA_BASE_URL`, else chosen by the key. */
  baseUrl?: string;
  /** The `fetch` to use. Default: the global `fetch`, looked up at call time. */
  fetch?: FetchFunction;
  /** Milliseconds to wait for each attempt of a call. Default 30 000. */
  timeout?: number;
  /** How many times an idempotent management call (GET, PUT, DELETE) is retried. 0 disables. Default 2. */
  retry?: number;
  /** Extra headers sent with every call. */
  headers?: Record<string, string>;
}

/** A frozen, printable-without-secrets configuration; pass it as the first argument of every operation. */
export interface LavaConfig {
  /** Lava's API root with a trailing slash (`https://api.lava.so/`); paths such as `v1/customers` follow it. */
  readonly baseUrl: string;
  readonly timeout: number;
  readonly retry: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch: FetchFunction | undefined;
  /** The key's kind and last characters, e.g. `aks_test_…3f9a`: enough to tell keys apart, never the key. */
  readonly keyHint: string;
  readonly [SECRET]: () => string;
}

/** Reads the secret key out of a config. Internal: never exported from the package entry. */
export function readSecretKey(config: LavaConfig): string {
  const read = (config as Partial<LavaConfig> | null | undefined)?.[SECRET];
  if (typeof read !== 'function') throw invalid('config', 'must be a config made by createConfig()');
  return read();
}

const KEY_PREFIXES = ['aks_test_', 'aks_live_', 'lava_sk_'];

function hintOf(key: string): string {
  const prefix = KEY_PREFIXES.find((p) => key.startsWith(p)) ?? '';
  // The tail is shown only when the key is long enough that it reveals nothing useful.
  const tail = key.length >= prefix.length + 16 ? key.slice(-4) : '';
  return `${prefix}…${tail}`;
}

function readEnv(name: string): string | undefined {
  try {
    // Through globalThis: workerd and browsers have no `process` at all, Deno may not.
    const runtime = globalThis as {
      process?: { env?: Record<string, string | undefined> };
      Deno?: { env?: { get(n: string): string | undefined } };
    };
    return runtime.process?.env?.[name] ?? runtime.Deno?.env?.get(name);
  } catch {
    // Deno without --allow-env throws; a sandbox without env is the same as no variable.
    return undefined;
  }
}

function invalid(field: string, message: string): LavaValidationError {
  return new LavaValidationError([{ field, message }]);
}

function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('options.baseUrl', 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid('options.baseUrl', 'must be an absolute http(s) URL');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw invalid('options.baseUrl', 'must not contain credentials, a query or a fragment');
  }
  // Accept the official SDK's form (`…/v1/`) as well as the root: both mean the same API.
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
  return `${url.origin}${path}/`;
}

/**
 * Creates the frozen configuration every operation takes as its first argument.
 *
 * The key comes from `options.secretKey`, else the `LAVA_SECRET_KEY` environment variable where the
 * runtime has one. `aks_test_` keys go to the sandbox, all others to production; `baseUrl` (or
 * `LAVA_BASE_URL`) overrides that. The key never appears when the config is printed.
 *
 * @throws {LavaValidationError} when no key is found or an option is malformed.
 * @example
 * ```ts
 * import { createConfig, getCustomer } from '@lava/fn'
 * const config = createConfig({ secretKey: 'aks_test_…' })
 * const customer = await getCustomer(config, 'con_123')
 * ```
 */
export function createConfig(options: LavaConfigOptions = {}): LavaConfig {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object');
  const key = options.secretKey ?? readEnv('LAVA_SECRET_KEY');
  if (key === undefined || key === '') {
    throw invalid(
      'options.secretKey',
      'no secret key: pass createConfig({ secretKey }) or set the LAVA_SECRET_KEY environment variable',
    );
  }
  // Checked here because a runtime's Headers error would quote the offending value.
  if (typeof key !== 'string' || !/^[\x21-\x7e]+$/.test(key)) {
    throw invalid('options.secretKey', 'must be a string of printable ASCII characters without spaces');
  }
  const rawBase = options.baseUrl ?? readEnv('LAVA_BASE_URL');
  if (rawBase !== undefined && typeof rawBase !== 'string') throw invalid('options.baseUrl', 'must be a string');
  const baseUrl =
    rawBase !== undefined && rawBase !== ''
      ? normaliseBaseUrl(rawBase)
      : key.startsWith('aks_test_')
        ? SANDBOX_BASE_URL
        : PRODUCTION_BASE_URL;
  const timeout = options.timeout ?? 30_000;
  if (typeof timeout !== 'number' || !(timeout > 0) || timeout > 2_147_483_647) {
    throw invalid('options.timeout', 'must be a positive number of milliseconds');
  }
  const retry = options.retry ?? 2;
  if (!Number.isInteger(retry) || retry < 0 || retry > 10) {
    throw invalid('options.retry', 'must be an integer from 0 to 10');
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw invalid('options.fetch', 'must be a function');
  }
  const headers: Record<string, string> = {};
  if (options.headers !== undefined) {
    if (typeof options.headers !== 'object' || options.headers === null) {
      throw invalid('options.headers', 'must be an object of strings');
    }
    for (const [name, value] of Object.entries(options.headers)) {
      if (typeof value !== 'string') throw invalid(`options.headers.${name}`, 'must be a string');
      headers[name] = value;
    }
  }
  const keyHint = hintOf(key);
  const describe = () =>
    `LavaConfig { baseUrl: '${baseUrl}', secretKey: '${keyHint}', timeout: ${timeout}, retry: ${retry} }`;
  const config = {
    baseUrl,
    timeout,
    retry,
    headers: Object.freeze(headers),
    fetch: options.fetch,
    keyHint,
    // A closure, not a stored string: no enumeration, inspection or serialisation can reach it.
    [SECRET]: () => key,
    toString: describe,
    toJSON: () => ({ baseUrl, secretKey: keyHint, timeout, retry, headers }),
    [Symbol.for('nodejs.util.inspect.custom')]: describe,
    [Symbol.for('Deno.customInspect')]: describe,
  };
  return Object.freeze(config);
}
