import { ensure } from './core/errors.js';
import { headersFrom } from './core/headers.js';

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
  /** Milliseconds each attempt may take before it fails with a `LavaTimeoutError`. */
  readonly timeout: number;
  /** Retries of idempotent management calls (GET, PUT, DELETE); `0` disables them. */
  readonly retry: number;
  /** Extra headers sent with every call. */
  readonly headers: Readonly<Record<string, string>>;
  /** The `fetch` given to `createConfig`; `undefined` means the global one, looked up at call time. */
  readonly fetch: FetchFunction | undefined;
  /** The key's kind and last characters, e.g. `aks_test_…3f9a`: enough to tell keys apart, never the key. */
  readonly keyHint: string;
  /**
   * The secret key, behind a function under a registered symbol so that printing, spreading or
   * serialising a config never shows it. Read only by the SDK's own transport.
   *
   * @internal
   */
  readonly [SECRET]: () => string;
}

/** Reads the secret key out of a config. Internal: never exported from the package entry. */
export function readSecretKey(config: LavaConfig): string {
  const read = (config as Partial<LavaConfig> | null | undefined)?.[SECRET];
  ensure(typeof read === 'function', 'config', 'must be made by createConfig()');
  return (read as () => string)();
}

function readEnv(name: string): string | undefined {
  try {
    // Through globalThis: workerd and browsers have no \`process\` at all. Deno 2 has the same
    // \`process\` global as Node and Bun (Deno 1 is past its end of life).
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
  } catch {
    // Deno without --allow-env throws; a sandbox without env is the same as no variable.
  }
}

/**
 * Creates the frozen configuration every operation takes as its first argument.
 *
 * The key comes from `options.secretKey`, else the `LAVA_SECRET_KEY` environment variable where the
 * runtime has one. `aks_test_` keys go to the sandbox, all others to production; `baseUrl` (or
 * `LAVA_BASE_URL`) overrides that. The key never appears when the config is printed.
 *
 * @param options - `secretKey`, `baseUrl`, `fetch`, `timeout`, `retry`, `headers`; each omitted one takes its default (the key and base URL from the environment where there is one).
 * @throws {LavaValidationError} when no key is found or an option is malformed.
 * @example
 * ```ts
 * import { createConfig, getCustomer } from '@lava/fn'
 * const config = createConfig({ secretKey: 'aks_test_…' })
 * const customer = await getCustomer(config, 'con_123')
 * ```
 */
export function createConfig(options: LavaConfigOptions = {}): LavaConfig {
  // Every byte here is paid by every application, edge functions included (budget: createConfig +
  // generateForwardToken ≤ 0.6 KB brotli): hand-written checks with short messages, no valibot.
  ensure(options && typeof options === 'object', 'options', 'must be an object');
  const {
    secretKey: key = readEnv('LAVA_SECRET_KEY'),
    baseUrl: rawBase = readEnv('LAVA_BASE_URL'),
    timeout = 30_000,
    retry = 2,
    fetch,
    headers = {},
  } = options;
  // Printable ASCII checked here because a runtime's Headers error would quote the offending value.
  ensure(
    typeof key === 'string' && /^[!-~]+$/.test(key),
    'options.secretKey',
    'must be a printable ASCII key: pass it or set LAVA_SECRET_KEY',
  );
  let baseUrl = (key as string).startsWith('aks_test_') ? SANDBOX_BASE_URL : PRODUCTION_BASE_URL;
  if (rawBase) {
    let href: string | undefined;
    try {
      href = new URL(rawBase).href;
    } catch {
      // Reported just below, with the other malformed forms.
    }
    // On the normalised href: http(s), a host without credentials, a path without query or hash.
    ensure(
      /^https?:\/\/[^/?#@]+\/[^?#]*$/.test(href as string),
      'options.baseUrl',
      'must be http(s) without credentials, query or hash',
    );
    // Accept the official SDK's form (`…/v1/`) as well as the root: both mean the same API.
    baseUrl = (href as string).replace(/(\/v1)?\/*$/, '/');
  }
  ensure(
    typeof timeout === 'number' && timeout > 0 && timeout < 2 ** 31,
    'options.timeout',
    'must be a positive number of ms',
  );
  ensure(Number.isInteger(retry) && retry >= 0 && retry <= 10, 'options.retry', 'must be an integer 0-10');
  ensure(!fetch || typeof fetch === 'function', 'options.fetch', 'must be a function');
  for (const name in headers) ensure(typeof headers[name] === 'string', `options.headers.${name}`, 'must be a string');
  // Checked once here (a non-object too): fetch would refuse them with a TypeError, quoting the
  // value, on every call.
  headersFrom(headers, 'options.headers');
  // The tail is shown only when the key is long enough that it reveals nothing useful.
  const prefix = (/^(aks_test_|aks_live_|lava_sk_)?/.exec(key as string) as RegExpExecArray)[0];
  // No custom toString/toJSON/inspect: the key lives only in a closure under a symbol, which no
  // printing, spreading or serialising reaches; the plain fields (keyHint included) are the view.
  return Object.freeze({
    baseUrl,
    timeout,
    retry,
    headers: Object.freeze({ ...headers }),
    fetch,
    keyHint: `${prefix}…${(key as string).length >= prefix.length + 16 ? (key as string).slice(-4) : ''}`,
    [SECRET]: () => key as string,
  });
}
