import { type LavaConfig, readSecretKey } from '../config.js';
import { ensureCallOptions } from '../core/call-options.js';
import {
  apiErrorFromBody,
  ensure,
  LavaAbortError,
  LavaNetworkError,
  LavaTimeoutError,
  type RequestTarget,
} from '../core/errors.js';
import { encodeForwardToken } from '../core/forward-token.js';
import { headerRecord } from '../core/headers.js';

/** The request formats of Lava's rewrite endpoint (lava-api.md §2.2). */
export type GatewayFormat = 'openai' | 'anthropic' | 'google' | 'bedrock';

/** Options of `gateway()` and `gatewayStream()`; the billing fields choose the forward token. */
export interface GatewayOptions {
  /** HTTP method sent to the provider. Default `POST`. */
  method?: string;
  /**
   * Provider headers (`anthropic-version`, …). Any `Authorization` is replaced by the forward token.
   * Spelled out rather than `HeadersInit`, which Node-only TypeScript setups (no DOM lib) lack.
   */
  headers?: Headers | Record<string, string> | [string, string][];
  /**
   * A plain object or array is sent as JSON (with `content-type: application/json` unless you set
   * one); a string, `Uint8Array`, `ArrayBuffer`, `Blob`, `FormData`, `URLSearchParams` or
   * `ReadableStream` is sent as is.
   */
  body?: unknown;
  /** Bill this customer's plan credit; requires `meter_slug`. */
  customer_id?: string;
  /** Price the usage with this meter. */
  meter_slug?: string;
  /** Your own provider key (BYOK). */
  provider_key?: string;
  /** With `customer_id` + `meter_slug`: track the customer, charge nothing. */
  disable_billing?: boolean;
  /** Send through `v1/rewrite/<format>/…`: you write this format, Lava translates for the provider. */
  format?: GatewayFormat;
  /** Aborts the call (and a stream); it then rejects with `LavaAbortError`. */
  signal?: AbortSignal;
  /**
   * Milliseconds to wait for the response; for a stream, for its headers and then for each next
   * chunk (the longest silence allowed). Default `config.timeout`.
   */
  timeout?: number;
}

const FORMATS = ['openai', 'anthropic', 'google', 'bedrock'];

/** A sent gateway request: the 2xx response, and how to read its body with our errors. */
export interface GatewayExchange {
  response: Response;
  target: RequestTarget;
  /** Reads the whole body as text; a timeout, abort or cut connection becomes our error. */
  text(): Promise<string>;
  /** Maps a failure while reading the body (timeout, abort, cut connection) to our error. */
  fail(error: unknown): Error;
  /** Waits for `read` under the timeout again: a stream's timeout is the longest silence between chunks. */
  within<T>(read: Promise<T>): Promise<T>;
  /** Ends the exchange: stops the timer and stops following the caller's signal. */
  done(): void;
}

/**
 * Internal: validates, builds and sends one gateway request (never retried: a resent AI call can
 * bill twice). Resolves once response headers arrive with a 2xx; anything else is one of our errors.
 * `untilBody` keeps the timeout running while the caller reads the whole body; without it the
 * caller streams the body (and asks for `text/event-stream`).
 */
export async function sendGateway(
  config: LavaConfig,
  url: string,
  options: GatewayOptions,
  untilBody: boolean,
): Promise<GatewayExchange> {
  ensure(url, 'url', 'must be a provider URL');
  ensureCallOptions(options);
  const { customer_id, meter_slug, provider_key, disable_billing, format, body, signal, method = 'POST' } = options;
  const timeout = options.timeout ?? config.timeout;
  ensure(!format || FORMATS.includes(format), 'options.format', 'is not a rewrite format');
  // The official SDK's token choice (lava-api.md §2.3): a meter alone bills no customer
  // (`customer_id: null`), and `disable_billing: false` only travels with a customer.
  const token = encodeForwardToken(
    readSecretKey(config),
    {
      customer_id: meter_slug === undefined ? customer_id : (customer_id ?? null),
      meter_slug,
      provider_key,
      disable_billing:
        customer_id !== undefined && meter_slug !== undefined ? disable_billing : disable_billing || undefined,
    },
    'options',
  );
  const endpoint = format
    ? `${config.baseUrl}v1/rewrite/${format}/${url}`
    : `${config.baseUrl}v1/forward?u=${encodeURIComponent(url)}`;
  // The path only ever appears in an error: it is parsed then, not on every call.
  const target: RequestTarget = {
    method,
    get path() {
      return new URL(endpoint).pathname;
    },
  };

  // The config's headers with the caller's over them; the token replaces any Authorization.
  const headers = headerRecord(config.headers, options.headers);
  headers.authorization = `Bearer ${token}`;
  // A stream (read chunk by chunk, not whole) asks for events unless the caller chose otherwise.
  if (!untilBody) headers.accept ??= 'text/event-stream';
  const controller = new AbortController();
  // `duplex` is required by Node's fetch for a stream body and ignored (or accepted) everywhere else.
  const init: RequestInit & { duplex?: 'half' } = { method, headers, duplex: 'half', signal: controller.signal };
  // Only a plain object or array is JSON-encoded (tested by tag, so objects from another realm
  // count too); everything else (strings, bytes, Blob, FormData, URLSearchParams, streams) is a
  // body fetch sends natively and types itself (a multipart boundary); a number becomes its string.
  if (body != null) {
    const json = Array.isArray(body) || Object.prototype.toString.call(body) === '[object Object]';
    init.body = json ? JSON.stringify(body) : (body as BodyInit);
    if (json) headers['content-type'] ??= 'application/json';
  }

  // The timer and the caller's signal both abort this one controller; an aborted caller's signal
  // says which (the caller who gave up is told so, even when the timer fired too). The signal is
  // followed by a listener that `done` removes, not combined through AbortSignal.any: on Node 20
  // and 22 every combined signal stays alive as long as the caller's (a long-lived shutdown
  // signal, say): a million calls left a million of them. It is REST's attemptSignal pattern,
  // written inline: that helper's object costs this bundle ~70 B (measured).
  const failure = (error?: unknown) =>
    signal?.aborted
      ? new LavaAbortError(target, signal.reason)
      : controller.signal.aborted
        ? new LavaTimeoutError({ ...target, timeout })
        : new LavaNetworkError(target, error);
  if (signal?.aborted) throw failure();
  const stop = () => controller.abort();
  signal?.addEventListener('abort', stop);
  let timer = setTimeout(stop, timeout);
  const done = () => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
  };
  const text = async () => {
    try {
      return await response.text();
    } catch (error) {
      throw failure(error);
    } finally {
      done();
    }
  };
  let response: Response;
  try {
    response = await (config.fetch ?? globalThis.fetch)(endpoint, init);
  } catch (error) {
    done();
    throw failure(error);
  }
  if (!response.ok) {
    throw apiErrorFromBody(target, response.status, response.statusText, await text(), response.headers);
  }
  // A stream keeps following the caller's signal; only the wait for its headers is over.
  if (!untilBody) clearTimeout(timer);
  const within = async <T>(read: Promise<T>): Promise<T> => {
    timer = setTimeout(stop, timeout);
    try {
      return await read;
    } finally {
      clearTimeout(timer);
    }
  };
  return { response, target, text, fail: failure, within, done };
}
