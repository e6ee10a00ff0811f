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
  | 'LavaWebhookSignatureError'
  | 'LavaLoginError';

// Symbol.for so that the guards also recognise errors thrown by another copy of the package
// (ESM and CJS builds loaded side by side) or another realm (a vm context, a worker).
const BRAND = Symbol.for('@lava/fn.error');

function hasBrand(value: unknown, name?: LavaErrorName): boolean {
  const brand = (value as { [BRAND]?: unknown } | null | undefined)?.[BRAND];
  return typeof brand === 'string' && (!name || brand === name);
}

// Fields are `declare`d and set with Object.assign: every byte of this module reaches every
// application (edge functions too), and a class field per property costs twice over once minified.

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

  /** A plain, redaction-safe view used by `JSON.stringify(err)`: the own fields plus the message. */
  toJSON(): Record<string, unknown> {
    // `cause` and `stack` are not enumerable, so they stay out.
    return { ...(this as object), message: this.message };
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
  declare readonly status: number;
  declare readonly code: string | undefined;
  declare readonly body: unknown;
  declare readonly requestId: string | undefined;
  declare readonly method: string;
  declare readonly path: string;

  constructor({ message, ...fields }: LavaApiErrorInit) {
    super(`Lava API error ${fields.status} on ${fields.method} ${fields.path}: ${message}`);
    Object.assign(this, fields);
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
  declare readonly field: string;
  declare readonly issues: readonly LavaValidationIssue[];

  constructor(issues: readonly LavaValidationIssue[]) {
    const { field, message } = issues[0] ?? { field: 'input', message: 'is invalid' };
    super(`Invalid ${field}: ${message}${issues[1] ? ` (and ${issues.length - 1} more)` : ''}`);
    Object.assign(this, { field, issues });
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
  declare readonly method: string;
  declare readonly path: string;
  declare readonly timeout: number;

  constructor(target: RequestTarget & { timeout: number }) {
    super(`No response from ${target.method} ${target.path} within ${target.timeout} ms`);
    Object.assign(this, target);
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
  declare readonly method: string;
  declare readonly path: string;

  /** The low-level error code when the runtime gives one (`ECONNREFUSED`, `ECONNRESET`, …). */
  declare readonly errno: string | undefined;

  constructor(target: RequestTarget, cause?: unknown) {
    const failure = cause as { message?: unknown; code?: unknown; cause?: { code?: unknown } } | null | undefined;
    const errno = [failure?.cause?.code, failure?.code].find((code) => typeof code === 'string') as string | undefined;
    // The runtime's error object is not kept as `cause`: some runtimes hang the request (and so its
    // headers) off it. Its first line and code are all a caller needs.
    const reason = [cause instanceof Error && cause.message.split('\n')[0], errno].filter(Boolean).join(' ');
    super(`Network error on ${target.method} ${target.path}${reason && `: ${reason}`}`);
    Object.assign(this, target, { errno });
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
  declare readonly method: string;
  declare readonly path: string;

  constructor(target: RequestTarget, cause?: unknown) {
    super(`${target.method} ${target.path} was aborted by the caller's signal`, { cause });
    Object.assign(this, target);
  }
}

/** Why a webhook delivery failed verification. */
export type WebhookSignatureFailure = 'missing' | 'malformed' | 'mismatch';

/**
 * A webhook delivery's `X-Webhook-Signature` is missing, malformed, or does not match the raw body
 * under the webhook secret. Raised before the body is parsed: treat the delivery as forged.
 *
 * @example
 * ```ts
 * try { await parseWebhookEvent(secret, body, signature) }
 * catch (err) { if (isLavaWebhookSignatureError(err)) return new Response('bad signature', { status: 401 }) }
 * ```
 */
export class LavaWebhookSignatureError extends LavaError {
  override readonly name = 'LavaWebhookSignatureError';
  declare readonly reason: WebhookSignatureFailure;

  constructor(reason: WebhookSignatureFailure) {
    super(
      `Webhook signature verification failed: ${
        reason === 'missing'
          ? 'no X-Webhook-Signature header'
          : reason === 'malformed'
            ? 'the X-Webhook-Signature header is not 64 hex characters'
            : 'it does not match the body (check the webhook secret, and verify the raw body before any parsing)'
      }`,
    );
    Object.assign(this, { reason });
  }
}

/** Why a browser login ended without credentials. */
export type LoginFailure =
  | 'timeout'
  | 'aborted'
  | 'state_mismatch'
  | 'missing_code'
  | 'browser_failed'
  | 'server_failed'
  | 'unsupported_runtime';

/**
 * The browser login (`login()` of `@lava/fn/node`) ended without credentials: it timed out, was
 * cancelled, the callback was forged or incomplete, the browser or the loopback server could not
 * start, or the runtime cannot run it. `reason` says which. A refused code is a `LavaApiError`.
 *
 * @example
 * ```ts
 * try { await login() } catch (err) { if (isLavaLoginError(err) && err.reason === 'timeout') console.error('try again') }
 * ```
 */
export class LavaLoginError extends LavaError {
  override readonly name = 'LavaLoginError';
  declare readonly reason: LoginFailure;

  constructor(reason: LoginFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    Object.assign(this, { reason });
  }
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

/**
 * Whether `value` is a {@link LavaWebhookSignatureError}.
 * @example
 * ```ts
 * if (isLavaWebhookSignatureError(err)) return new Response('invalid signature', { status: 401 })
 * ```
 */
export function isLavaWebhookSignatureError(value: unknown): value is LavaWebhookSignatureError {
  return hasBrand(value, 'LavaWebhookSignatureError');
}

/**
 * Whether `value` is a {@link LavaLoginError}.
 * @example
 * ```ts
 * if (isLavaLoginError(err) && err.reason === 'aborted') process.exit(130)
 * ```
 */
export function isLavaLoginError(value: unknown): value is LavaLoginError {
  return hasBrand(value, 'LavaLoginError');
}

/**
 * Internal: a validation error naming one field. The edge path (config, tokens, gateway) checks its
 * few options by hand with this one helper: valibot would cost more than those modules themselves.
 */
export function invalid(field: string, message: string): LavaValidationError {
  return new LavaValidationError([{ field, message }]);
}

/** Internal: throws {@link invalid}`(field, message)` unless `ok`. */
export function ensure(ok: unknown, field: string, message: string): void {
  if (!ok) throw invalid(field, message);
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
    body = JSON.parse(text);
  } catch {
    // Not JSON (an HTML error page from a proxy, or nothing): keep the raw text as the body.
  }
  const { error, message: top } = (body ?? {}) as { error?: unknown; message?: unknown };
  const inner = (error ?? {}) as { message?: unknown; code?: unknown; type?: unknown };
  const asString = (value: unknown) => (typeof value === 'string' ? value : undefined);
  let message = asString(error) ?? asString(inner.message) ?? asString(top);
  if (message === undefined) {
    message = statusText || `HTTP ${status}`;
    if (typeof body === 'string' && body && !/^\s*</.test(body)) message += ` - ${body.slice(0, 200)}`;
  }
  const code = asString(inner.code) ?? asString(inner.type);
  return new LavaApiError({ ...target, status, message, code, body, requestId: readRequestId(headers) });
}
