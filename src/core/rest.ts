import ky, { isHTTPError, isTimeoutError } from 'ky';
import { type LavaConfig, readSecretKey } from '../config.js';
import {
  apiErrorFromBody,
  LavaAbortError,
  LavaApiError,
  LavaNetworkError,
  LavaTimeoutError,
  type RequestTarget,
} from './errors.js';

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
const RETRIABLE_METHODS = new Set(['GET', 'PUT', 'DELETE']);
const RETRY_STATUS_CODES = [408, 413, 429, 500, 502, 503, 504];
/** The longest `Retry-After` the transport waits for before retrying anyway. */
export const MAX_RETRY_AFTER_MS = 10_000;

/**
 * Sends one management request through ky and returns the parsed JSON body. Every failure leaves
 * as one of our error classes; nothing of ky reaches the caller.
 */
export async function restRequest<T>(
  config: LavaConfig,
  request: RestRequest,
  options: CreateOptions = {},
): Promise<T> {
  const url = `${config.baseUrl}v1/${request.path}`;
  const target: RequestTarget = { method: request.method, path: new URL(url).pathname };
  const headers = new Headers(config.headers);
  if (options.headers) for (const [name, value] of Object.entries(options.headers)) headers.set(name, value);
  headers.set('authorization', `Bearer ${readSecretKey(config)}`);
  headers.set('accept', 'application/json');
  if (options.idempotencyKey !== undefined) headers.set('idempotency-key', options.idempotencyKey);

  const searchParams = new URLSearchParams();
  if (request.query) {
    for (const [name, value] of Object.entries(request.query)) {
      if (value !== undefined) searchParams.append(name, String(value));
    }
  }
  const timeout = options.timeout ?? config.timeout;
  const retryLimit = RETRIABLE_METHODS.has(request.method) ? config.retry : 0;
  // ky's timeout ends when the headers arrive; this deadline keeps a body that stalls mid-way
  // inside the same per-attempt budget, by aborting the request's signal (which errors the body).
  const deadline = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, deadline.signal]) : deadline.signal;
  const baseFetch = config.fetch ?? globalThis.fetch;
  let attemptStarted = 0;

  let response: Response;
  try {
    response = await ky(url, {
      method: request.method,
      headers,
      searchParams,
      ...(request.body !== undefined ? { json: request.body } : {}),
      timeout,
      retry: {
        limit: retryLimit,
        methods: ['get', 'put', 'delete'],
        statusCodes: RETRY_STATUS_CODES,
        afterStatusCodes: RETRY_STATUS_CODES,
        maxRetryAfter: MAX_RETRY_AFTER_MS,
        backoffLimit: 5_000,
      },
      signal,
      fetch: (input, init) => {
        attemptStarted = Date.now();
        return baseFetch(input, init);
      },
    });
  } catch (error) {
    throw await toLavaError(error, target, timeout, options.signal, readBody);
  }
  let text: string;
  try {
    text = await readBody(response);
  } catch (error) {
    if (options.signal?.aborted) throw new LavaAbortError(target, error);
    throw deadline.signal.aborted ? new LavaTimeoutError({ ...target, timeout }) : new LavaNetworkError(target, error);
  }
  return parseSuccessBody<T>(text, response, target);

  async function readBody(from: Response): Promise<string> {
    const timer = setTimeout(() => deadline.abort(), Math.max(0, timeout - (Date.now() - attemptStarted)));
    try {
      return await from.text();
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Parses a 2xx body as JSON; an empty or malformed body is reported, never returned as data. */
export function parseSuccessBody<T>(text: string, response: Response, target: RequestTarget): T {
  if (response.status === 204 || text === '') {
    throw new LavaApiError({
      ...target,
      status: response.status,
      code: 'empty_response',
      message: 'expected a JSON body but the response was empty',
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
      message: 'expected a JSON body but the response is not valid JSON',
      body: text.slice(0, 1_000),
    });
  }
}

async function toLavaError(
  error: unknown,
  target: RequestTarget,
  timeout: number,
  signal: AbortSignal | undefined,
  readBody: (response: Response) => Promise<string>,
): Promise<Error> {
  if (isHTTPError(error)) {
    const { response } = error;
    let text = '';
    try {
      text = await readBody(response);
    } catch {
      // The body broke off or stalled past the deadline; the status alone still says what happened.
    }
    return apiErrorFromBody(target, response.status, response.statusText, text, response.headers);
  }
  if (isTimeoutError(error)) return new LavaTimeoutError({ ...target, timeout });
  if (signal?.aborted) return new LavaAbortError(target, signal.reason);
  return new LavaNetworkError(target, error);
}
