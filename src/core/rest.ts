import { type LavaConfig, readSecretKey } from '../config.js';
import { ensureCallOptions } from './call-options.js';
import {
  apiErrorFromBody,
  ensure,
  LavaAbortError,
  LavaApiError,
  LavaError,
  LavaNetworkError,
  LavaTimeoutError,
  type RequestTarget,
} from './errors.js';
import { headerRecord } from './headers.js';

/** Per-call options every management operation accepts as its last argument. */
export interface CallOptions {
  /** Aborts the call; the operation then rejects with a `LavaAbortError`. */
  signal?: AbortSignal;
  /** Milliseconds for each attempt of this call, overriding `config.timeout`. */
  timeout?: number;
  /** Extra headers for this call, on top of `config.headers`. */
  headers?: Record<string, string>;
}

/** Per-call options of operations that create something (POST). */
export interface CreateOptions extends CallOptions {
  /** Sent as `Idempotency-Key`, so Lava can recognise a deliberate resend of the same creation. */
  idempotencyKey?: string;
}

/** A value of a query parameter; `undefined` leaves the parameter out. */
export type QueryValue = string | number | boolean | undefined;

/** What an operation asks the transport to send. */
export interface RestRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to `<baseUrl>v1/`, built with {@link path} so ids stay one segment. */
  path: string;
  query?: Record<string, QueryValue> | undefined;
  body?: unknown;
}

/**
 * Builds a relative API path in which every interpolated value is percent-encoded as exactly one
 * segment: `` path`customers/${id}` `` with id `a/b` gives `customers/a%2Fb`.
 */
export function path(strings: TemplateStringsArray, ...segments: string[]): string {
  let out = strings[0] ?? '';
  for (let i = 0; i < segments.length; i++) {
    out += encodeURIComponent(segments[i] as string) + (strings[i + 1] ?? '');
  }
  return out;
}

// Only methods that are safe to send twice; a retried POST could create or charge twice.
const RETRIABLE_METHODS = ['GET', 'PUT', 'DELETE'];
const RETRY_STATUS_CODES = [408, 413, 429, 500, 502, 503, 504];
/** The longest `Retry-After` the transport waits for before retrying anyway. */
export const MAX_RETRY_AFTER_MS = 10_000;

/** One attempt's signal: aborted by the caller's signal, or by the attempt's deadline once armed. */
function attemptSignal(caller: AbortSignal | undefined) {
  const controller = new AbortController();
  const abort = () => controller.abort();
  caller?.addEventListener('abort', abort);
  if (caller?.aborted) abort();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = {
    signal: controller.signal,
    timedOut: false,
    arm(ms: number) {
      timer = setTimeout(() => {
        attempt.timedOut = true;
        abort();
      }, ms);
    },
    dispose() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', abort);
    },
  };
  return attempt;
}

/**
 * Sends one management request and returns the parsed JSON body. Every failure leaves as one of
 * our error classes; nothing of ky reaches the caller.
 *
 * The first attempt goes straight to `fetch`: building ky's Request objects (and cloning each one
 * for a possible retry) costs a quarter of a loopback call's time, and most calls need exactly one
 * attempt. When that attempt fails in a way a retry may fix — a retriable status or a network
 * error on GET, PUT or DELETE with `config.retry` > 0 — ky takes over with that outcome replayed
 * as its first attempt, so every retry (backoff, `Retry-After`, the limit) is ky's. ky is loaded
 * only then, so importing the package does not evaluate it.
 */
export async function restRequest<T>(
  config: LavaConfig,
  request: RestRequest,
  options: CreateOptions = {},
): Promise<T> {
  ensureCallOptions(options);
  const { idempotencyKey } = options;
  // Printable ASCII, as a header value keeps it exactly (HTTP trims surrounding spaces); a
  // runtime's own Headers error would quote the value.
  ensure(
    idempotencyKey === undefined ||
      (typeof idempotencyKey === 'string' && /^[!-~]([ -~]*[!-~])?$/.test(idempotencyKey)),
    'options.idempotencyKey',
    'must be printable ASCII without surrounding spaces',
  );
  const { method, body } = request;
  const url = `${config.baseUrl}v1/${request.path}`;
  // The path after the origin (the base URL is normalised, so the first "/" after "scheme://").
  const target: RequestTarget = { method, path: url.slice(url.indexOf('/', 8)) };
  // The config's headers with the call's over them, and ours over both.
  const headers = headerRecord(config.headers, options.headers);
  headers.authorization = `Bearer ${readSecretKey(config)}`;
  headers.accept = 'application/json';
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
  let href = url;
  if (request.query) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query)) {
      if (value !== undefined) query.append(name, String(value));
    }
    if (`${query}`) href += `?${query}`;
  }
  const init = { method, headers, body: body === undefined ? null : JSON.stringify(body) };
  const timeout = options.timeout ?? config.timeout;
  const retries = RETRIABLE_METHODS.includes(method) ? config.retry : 0;
  const fetchFn = config.fetch ?? globalThis.fetch;
  const { signal } = options;

  const failure = (error: unknown, timedOut: boolean): Error =>
    signal?.aborted
      ? new LavaAbortError(target, signal.reason)
      : timedOut
        ? new LavaTimeoutError({ ...target, timeout })
        : new LavaNetworkError(target, error);

  /** Reads the body of the attempt that answered (inside that attempt's deadline) and maps it. */
  const settle = async (response: Response, attempt: { timedOut: boolean }): Promise<T> => {
    let text = '';
    try {
      text = await response.text();
    } catch (error) {
      // An error body that breaks off or stalls still has its status to report.
      if (response.ok) throw failure(error, attempt.timedOut);
    }
    if (!response.ok) throw apiErrorFromBody(target, response.status, response.statusText, text, response.headers);
    return parseSuccessBody<T>(text, response, target);
  };

  // Attempt 1, straight through fetch; the deadline covers the headers and the body.
  let replay: (() => Response) | undefined;
  const first = attemptSignal(signal);
  first.arm(timeout);
  try {
    let response: Response | undefined;
    try {
      response = await fetchFn(href, { ...init, signal: first.signal });
    } catch (error) {
      // A timed-out attempt is not retried (nor would ky): the call's whole budget is one timeout.
      if (!retries || first.timedOut || signal?.aborted) throw failure(error, first.timedOut);
      replay = () => {
        throw error;
      };
    }
    if (response) {
      if (response.ok || !retries || !RETRY_STATUS_CODES.includes(response.status)) {
        return await settle(response, first);
      }
      // Read now, so that the connection is free for the retry; ky gets an equivalent response.
      const text = await response.text().catch(() => '');
      const { status, statusText, headers: answered } = response;
      replay = () => new Response(text, { status, statusText, headers: answered });
    }
  } finally {
    first.dispose();
  }

  // Attempts 2 to retry + 1: ky. A beforeRequest hook hands it attempt 1's outcome as the answer
  // of its own first attempt, so it decides about that one like about any other.
  const { default: ky } = await import('ky');
  const rest = attemptSignal(signal);
  let started = 0;
  // ky's timeout ends with the headers; the body gets what is left of that attempt's budget.
  const settleRest = (response: Response) => {
    rest.arm(Math.max(0, timeout - (Date.now() - started)));
    return settle(response, rest);
  };
  try {
    return await settleRest(
      await ky(href, {
        ...init,
        signal: rest.signal,
        timeout,
        retry: {
          // ky's default methods and status codes include ours; only GET, PUT and DELETE get here.
          limit: retries,
          afterStatusCodes: RETRY_STATUS_CODES,
          maxRetryAfter: MAX_RETRY_AFTER_MS,
          backoffLimit: 5_000,
          // ky reads a Retry-After it cannot parse (neither seconds nor an HTTP-date) as "wait the
          // cap"; the normal backoff is the sane reading of a header that says nothing.
          shouldRetry: ({ error }) => {
            const answer = (error as { response?: unknown }).response;
            if (!(answer instanceof Response) || !RETRY_STATUS_CODES.includes(answer.status)) return undefined;
            const after = answer.headers.get('retry-after');
            return after !== null && Number.isNaN(Number(after)) && Number.isNaN(Date.parse(after)) ? true : undefined;
          },
        },
        hooks: {
          beforeRequest: [
            () => {
              const outcome = replay;
              replay = undefined;
              return outcome?.();
            },
          ],
        },
        fetch: (input, requestInit) => {
          started = Date.now();
          return fetchFn(input, requestInit);
        },
      }),
    );
  } catch (error) {
    // Ours already (thrown by settle): the mapping is done.
    if (error instanceof LavaError) throw error;
    // ky's HTTPError: the last attempt's status was an error (its body is read like any other).
    const { name, response } = error as { name?: unknown; response?: unknown };
    if (name === 'HTTPError' && response instanceof Response) return await settleRest(response);
    throw failure(error, rest.timedOut || name === 'TimeoutError');
  } finally {
    rest.dispose();
  }
}

/** Parses a 2xx body as JSON; an empty or malformed body is reported, never returned as data. */
export function parseSuccessBody<T>(text: string, response: Response, target: RequestTarget): T {
  if (response.status === 204 || text === '') {
    throw new LavaApiError({
      ...target,
      status: response.status,
      code: 'empty_response',
      message: 'empty body where JSON was expected',
      body: text,
    });
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new LavaApiError({
      ...target,
      status: response.status,
      code: 'invalid_json',
      message: 'malformed JSON body',
      body: text.slice(0, 1_000),
    });
  }
}
