/**
 * The one error family of @lava/fn. Every failure of every operation is one of these classes, so
 * callers can branch on them without knowing whether the edge path (plain fetch) or the management
 * path (ky) produced it. Nothing here ever stores the secret key, a forward token or an
 * Authorization header: errors keep the status, Lava's body and the request's method and path only.
 */

/** The names of the classes of the family, as carried by `err.name`. */
export type LavaErrorName =
  | 'LavaError'
  | 'LavaApiError'
  | 'LavaValidationError'
  | 'LavaTimeoutError'
  | 'LavaNetworkError'
  | 'LavaAbortError'
  | 'LavaWebhookSignatureError';

// Symbol.for so that the guards also recognise errors thrown by another copy of the package
// (ESM and CJS builds loaded side by side) or another realm (a vm context, a worker).
const BRAND = Symbol.for('@lava/fn.error');

function hasBrand(value: unknown, name?: LavaErrorName): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const brand = (value as { [BRAND]?: unknown })[BRAND];
  if (typeof brand !== 'string') return false;
  return name === undefined || brand === name;
}

/**
 * Base class of every error raised by @lava/fn.
 *
 * @example
 * ```ts
 * try { await getCustomer(config, 'con_1') } catch (err) { if (isLavaError(err)) console.log(err.name) }
 * ```
 */
export class LavaError extends Error {
  override readonly name: LavaErrorName = 'LavaError';

  // A prototype getter (not an own field) so the brand survives minified class names and stays
  // out of `JSON.stringify` and the inspected own properties.
  get [BRAND](): LavaErrorName {
    return this.name;
  }

  /** A plain, redaction-safe view used by `JSON.stringify(err)`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key !== 'cause') out[key] = value;
    }
    return out;
  }
}

/** Where a request went, without its query string or credentials. */
export interface RequestTarget {
  readonly method: string;
  /** The URL path only (e.g. `/v1/customers/con_1`); never the query string or any header. */
  readonly path: string;
}

/** Fields of {@link LavaApiError}, as parsed from a non-2xx response. */
export interface LavaApiErrorInit extends RequestTarget {
  readonly status: number;
  readonly message: string;
  readonly code?: string | undefined;
  readonly body: unknown;
  readonly requestId?: string | undefined;
}

/**
 * Lava (or, through the gateway, the AI provider) answered with a non-2xx status.
 * `body` is the parsed JSON body, or the raw text when the body is not JSON (an HTML 502 page).
 *
 * @example
 * ```ts
 * try { await getCustomer(config, 'con_missing') }
 * catch (err) { if (isLavaApiError(err) && err.status === 404) return null; throw err }
 * ```
 */
export class LavaApiError extends LavaError {
  override readonly name = 'LavaApiError';
  readonly status: number;
  readonly code: string | undefined;
  readonly body: unknown;
  readonly requestId: string | undefined;
  readonly method: string;
  readonly path: string;

  constructor(init: LavaApiErrorInit) {
    super(`Lava API error ${init.status} on ${init.method} ${init.path}: ${init.message}`);
    this.status = init.status;
    this.code = init.code;
    this.body = init.body;
    this.requestId = init.requestId;
    this.method = init.method;
    this.path = init.path;
  }
}

/** One problem found in an argument, with the dotted path of the field it concerns. */
export interface LavaValidationIssue {
  /** Dotted path from the argument's name, e.g. `params.email` or `tiers.0.start`. */
  readonly field: string;
  readonly message: string;
  readonly expected?: string | null;
  readonly received?: string;
}

/**
 * An argument was rejected before anything was sent. `field` names the first offending field and
 * `issues` lists every problem found.
 *
 * @example
 * ```ts
 * try { await getCustomer(config, '') } catch (err) { if (isLavaValidationError(err)) console.log(err.field) }
 * ```
 */
export class LavaValidationError extends LavaError {
  override readonly name = 'LavaValidationError';
  readonly field: string;
  readonly issues: readonly LavaValidationIssue[];

  constructor(issues: readonly LavaValidationIssue[]) {
    const first = issues[0] ?? { field: '(unknown)', message: 'Invalid input' };
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(`Invalid ${first.field}: ${first.message}${more}`);
    this.field = first.field;
    this.issues = issues;
  }
}

/**
 * No response arrived within the timeout (`config.timeout` or the per-call `timeout`).
 *
 * @example
 * ```ts
 * try { await listCustomers(config, {}, { timeout: 2_000 }) } catch (err) { if (isLavaTimeoutError(err)) retryLater() }
 * ```
 */
export class LavaTimeoutError extends LavaError {
  override readonly name = 'LavaTimeoutError';
  readonly method: string;
  readonly path: string;
  readonly timeout: number;

  constructor(target: RequestTarget & { timeout: number }) {
    super(`No response from ${target.method} ${target.path} within ${target.timeout} ms`);
    this.method = target.method;
    this.path = target.path;
    this.timeout = target.timeout;
  }
}

/**
 * The request never got an HTTP answer: connection refused or reset, DNS failure, a body cut off.
 *
 * @example
 * ```ts
 * try { await getCustomer(config, 'con_1') } catch (err) { if (isLavaNetworkError(err)) console.warn(err.message) }
 * ```
 */
export class LavaNetworkError extends LavaError {
  override readonly name = 'LavaNetworkError';
  readonly method: string;
  readonly path: string;

  /** The low-level error code when the runtime gives one (`ECONNREFUSED`, `ECONNRESET`, …). */
  readonly errno: string | undefined;

  constructor(target: RequestTarget, cause?: unknown) {
    const { reason, code } = describeCause(cause);
    // The runtime's error object is not kept as `cause`: some runtimes hang the request (and so its
    // headers) off it. Its message and code are all a caller needs.
    super(`Network error on ${target.method} ${target.path}${reason ? `: ${reason}` : ''}`);
    this.method = target.method;
    this.path = target.path;
    this.errno = code;
  }
}

/**
 * The caller's `signal` aborted the call (before it was sent, while waiting, or mid-stream).
 *
 * @example
 * ```ts
 * const ctl = new AbortController(); setTimeout(() => ctl.abort(), 100)
 * try { await listCustomers(config, {}, { signal: ctl.signal }) } catch (err) { if (isLavaAbortError(err)) return }
 * ```
 */
export class LavaAbortError extends LavaError {
  override readonly name = 'LavaAbortError';
  readonly method: string;
  readonly path: string;

  constructor(target: RequestTarget, cause?: unknown) {
    super(`${target.method} ${target.path} was aborted by the caller's signal`, { cause });
    this.method = target.method;
    this.path = target.path;
  }
}

function describeCause(cause: unknown): { reason: string; code: string | undefined } {
  if (typeof cause !== 'object' || cause === null) return { reason: '', code: undefined };
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } }).cause;
  const own = (cause as { code?: unknown }).code;
  const code = typeof inner?.code === 'string' ? inner.code : typeof own === 'string' ? own : undefined;
  const message = cause instanceof Error ? (cause.message.split('\n')[0] ?? '') : '';
  return { reason: [message, code].filter(Boolean).join(' '), code };
}

/**
 * Whether `value` is any @lava/fn error (works across bundles and realms).
 * @example
 * ```ts
 * if (isLavaError(err)) console.error(err.name, err.message)
 * ```
 */
export function isLavaError(value: unknown): value is LavaError {
  return hasBrand(value);
}

/**
 * Whether `value` is a {@link LavaApiError}.
 * @example
 * ```ts
 * if (isLavaApiError(err) && err.status === 402) askForTopUp()
 * ```
 */
export function isLavaApiError(value: unknown): value is LavaApiError {
  return hasBrand(value, 'LavaApiError');
}

/**
 * Whether `value` is a {@link LavaValidationError}.
 * @example
 * ```ts
 * if (isLavaValidationError(err)) showFieldError(err.field, err.message)
 * ```
 */
export function isLavaValidationError(value: unknown): value is LavaValidationError {
  return hasBrand(value, 'LavaValidationError');
}

/**
 * Whether `value` is a {@link LavaTimeoutError}.
 * @example
 * ```ts
 * if (isLavaTimeoutError(err)) console.warn(`gave up after ${err.timeout} ms`)
 * ```
 */
export function isLavaTimeoutError(value: unknown): value is LavaTimeoutError {
  return hasBrand(value, 'LavaTimeoutError');
}

/**
 * Whether `value` is a {@link LavaNetworkError}.
 * @example
 * ```ts
 * if (isLavaNetworkError(err)) console.warn('Lava unreachable')
 * ```
 */
export function isLavaNetworkError(value: unknown): value is LavaNetworkError {
  return hasBrand(value, 'LavaNetworkError');
}

/**
 * Whether `value` is a {@link LavaAbortError}.
 * @example
 * ```ts
 * if (isLavaAbortError(err)) return // the user navigated away
 * ```
 */
export function isLavaAbortError(value: unknown): value is LavaAbortError {
  return hasBrand(value, 'LavaAbortError');
}

/** Finds a request id in the response headers Lava or a provider may send. */
export function readRequestId(headers: Headers): string | undefined {
  return headers.get('x-lava-request-id') ?? headers.get('x-request-id') ?? headers.get('request-id') ?? undefined;
}

/**
 * Builds a {@link LavaApiError} from a non-2xx response body, whatever its shape: Lava's
 * `{error:{message,code,status}}`, a string `error`, a provider's own body, or a non-JSON page.
 */
export function apiErrorFromBody(
  target: RequestTarget,
  status: number,
  statusText: string,
  text: string,
  headers: Headers,
): LavaApiError {
  let body: unknown = text;
  try {
    if (text.length > 0) body = JSON.parse(text);
  } catch {
    // Not JSON (an HTML error page from a proxy): keep the raw text as the body.
  }
  let message: string | undefined;
  let code: string | undefined;
  if (typeof body === 'object' && body !== null) {
    const error = (body as { error?: unknown; message?: unknown }).error;
    if (typeof error === 'string') message = error;
    else if (typeof error === 'object' && error !== null) {
      const e = error as { message?: unknown; code?: unknown; type?: unknown };
      if (typeof e.message === 'string') message = e.message;
      if (typeof e.code === 'string') code = e.code;
      else if (typeof e.type === 'string') code = e.type;
    }
    const top = (body as { message?: unknown }).message;
    if (message === undefined && typeof top === 'string') message = top;
  }
  if (message === undefined) {
    message = statusText || `HTTP ${status}`;
    if (typeof body === 'string' && body.length > 0 && !/^\s*</.test(body)) message += ` - ${body.slice(0, 200)}`;
  }
  return new LavaApiError({ ...target, status, message, code, body, requestId: readRequestId(headers) });
}
