import { PRODUCTION_BASE_URL } from '../config.js';
import { ensureCallOptions } from '../core/call-options.js';
import {
  apiErrorFromBody,
  LavaAbortError,
  LavaApiError,
  LavaNetworkError,
  LavaTimeoutError,
  LavaValidationError,
  type RequestTarget,
} from '../core/errors.js';
import { normaliseApiBase } from './api-base.js';
import type { ExchangeAuthCodeOptions, LavaCredentials } from './types.js';

const REQUIRED = ['secret_key', 'secret_key_id', 'merchant_id', 'wallet_id'] as const;
const OPTIONAL = ['account_id', 'wallet_key_id', 'wallet_key'] as const;

function invalid(field: string, message: string): LavaValidationError {
  return new LavaValidationError([{ field, message }]);
}

/**
 * Redeems the one-time code of a browser login for the merchant's credentials:
 * `POST <api>/v1/auth/callback` with `{ code }` and no Authorization header, as the official SDK
 * does. `login()` calls it for you; call it yourself when your own app receives the callback.
 *
 * @param options - The `code` from the login callback, and optionally `baseUrl` (the API root), `signal`, `fetch`.
 * @throws {LavaValidationError} when `code` is not a non-empty string or `baseUrl` is malformed; nothing is sent.
 * @throws {LavaApiError} when Lava refuses the code (unknown, used or expired) or answers something that is not credentials.
 * @example
 * ```ts
 * import { exchangeAuthCode } from '@lava/fn/node'
 * const credentials = await exchangeAuthCode({ code: url.searchParams.get('code') ?? '' })
 * const config = createConfig({ secretKey: credentials.secret_key })
 * ```
 */
export async function exchangeAuthCode(options: ExchangeAuthCodeOptions): Promise<LavaCredentials> {
  // The object, `timeout` and `signal` follow the rule of every call's options.
  ensureCallOptions(options);
  const { code, signal } = options;
  if (typeof code !== 'string' || code === '') throw invalid('options.code', 'must be a non-empty string');
  const base =
    options.baseUrl === undefined ? PRODUCTION_BASE_URL : normaliseApiBase(options.baseUrl, 'options.baseUrl');
  const timeout = options.timeout ?? 30_000;
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw invalid('options.fetch', 'must be a function');
  }

  const url = `${base}v1/auth/callback`;
  const target: RequestTarget = { method: 'POST', path: new URL(url).pathname };
  if (signal?.aborted) throw new LavaAbortError(target, signal.reason);
  const timer = AbortSignal.timeout(timeout);
  const fetchFn = options.fetch ?? globalThis.fetch;
  let response: Response;
  let text: string;
  try {
    response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code }),
      signal: signal ? AbortSignal.any([signal, timer]) : timer,
    });
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw new LavaAbortError(target, signal.reason);
    if (timer.aborted) throw new LavaTimeoutError({ ...target, timeout });
    throw new LavaNetworkError(target, error);
  }
  if (!response.ok) throw apiErrorFromBody(target, response.status, response.statusText, text, response.headers);
  return readCredentials(text, response.status, target);
}

function readCredentials(text: string, status: number, target: RequestTarget): LavaCredentials {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const record =
    typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const wrong = record
    ? [
        ...REQUIRED.filter((k) => typeof record[k] !== 'string' || record[k] === ''),
        ...OPTIONAL.filter((k) => record[k] !== undefined && record[k] !== null && typeof record[k] !== 'string'),
      ]
    : ['(body)'];
  if (record === undefined || wrong.length > 0) {
    // The body is not echoed: it may hold a secret key next to the field that broke.
    throw new LavaApiError({
      ...target,
      status,
      code: 'invalid_response',
      message: `expected credentials from auth/callback, but ${wrong.join(', ')} ${wrong.length > 1 ? 'are' : 'is'} missing or not a string`,
      body: undefined,
    });
  }
  const credentials: Record<string, unknown> = { ...record };
  // A null wallet key means "none"; absent reads the same and keeps the type honest.
  for (const k of OPTIONAL) if (credentials[k] === null) delete credentials[k];
  return credentials as unknown as LavaCredentials;
}
