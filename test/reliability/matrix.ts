// The fault matrix, as data: every fault the double can inject, every path an SDK call can take,
// and what must come out of each pair. The matrix test runs it; the leak sweep prints what it gives.
import { MAX_RETRY_AFTER_MS } from '../../src/core/rest.js';
import {
  createConfig,
  createCustomer,
  deleteCustomer,
  getCustomer,
  type LavaConfig,
  type LavaConfigOptions,
  updateCustomer,
} from '../../src/index.js';
import type { Fault, LavaDouble } from '../double/index.js';

/** What a cell must produce. `requests` is what the double must have received for the call. */
export type Expectation = (
  | { value: 'answer' | ((value: unknown) => void) }
  | { error: 'LavaApiError'; status: number; code?: string; check?: (error: Record<string, unknown>) => void }
  | { error: 'LavaTimeoutError' | 'LavaNetworkError' | 'LavaAbortError' }
) & {
  requests: number;
  /** The call may not finish sooner (a Retry-After or a backoff was waited for). */
  minMs?: number;
  /** The call must finish within this (the cell's bound). */
  maxMs: number;
};

/** How a path is retried: GET/PUT/DELETE within the limit, POST/PATCH and the gateway never. */
export type Retry = 'idempotent' | 'once';

export interface PathCase {
  name: string;
  retry: Retry;
  /** A streaming path: it also gets the mid-stream faults. */
  stream?: boolean;
  /** Prepares the call on a fresh double (e.g. creates the customer it reads). */
  setup(double: LavaDouble, config: LavaConfig): Promise<PreparedCall>;
  /** Overrides of the default expectation for this path, by fault name. */
  overrides?: Record<string, Expectation>;
}

export interface PreparedCall {
  /** The requests of this call, for `injectFault` and `requestCount`. */
  match: { method: string; path: string | RegExp };
  call(config: LavaConfig, signal?: AbortSignal): Promise<unknown>;
  /** Throws unless `value` is what the path answers when nothing goes wrong (`value: 'answer'`). */
  isAnswer(value: unknown): void;
  /** A success body the path accepts, to serve as an injected 200 (e.g. a very large one). */
  successBody(size: number): string;
  /** The content type of `successBody` (default JSON). */
  successType?: string;
}

export interface FaultCase {
  name: string;
  /** `config.timeout` for the cell (default 2 000 ms: short enough that a hang is caught). */
  timeout?: number;
  fault(call: PreparedCall): Fault;
  /** What a retried (idempotent) path gives, and what a path sent once gives. */
  idempotent: Expectation;
  once: Expectation;
}

/** The retry limit every cell runs with: the default of `createConfig`. */
export const RETRY = createConfig({ secretKey: 'aks_test_x' }).retry;
// ky's default backoff before retry n (1-based) is 0.3 s · 2^(n-1); the transport caps it at 5 s.
const BACKOFF_MS = Array.from({ length: RETRY }, (_, i) => Math.min(300 * 2 ** i, 5_000)).reduce((a, b) => a + b, 0);
const ALL = 1_000;
export const LARGE_BYTES = 4 * 1024 * 1024;

const isCustomer = (id?: string) => (value: unknown) => {
  const customer = value as { customer_id?: unknown };
  if (typeof customer.customer_id !== 'string') throw new Error(`not a customer: ${JSON.stringify(value)}`);
  if (id !== undefined && customer.customer_id !== id) throw new Error(`wrong customer ${customer.customer_id}`);
};

const api = (status: number, requests: number, extra: Partial<Expectation> = {}): Expectation =>
  ({ error: 'LavaApiError', status, requests, maxMs: 3_000, ...extra }) as Expectation;

const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

/** A 200 body made of a customer with a metadata string of about `size` bytes. */
function customerBody(id: string, size: number): string {
  return JSON.stringify({
    customer_id: id,
    reference_id: null,
    contact: { phone: '', email: '', first_name: '', last_name: '' },
    subscription: null,
    metadata: size > 0 ? { blob: 'x'.repeat(size) } : null,
    created_at: new Date(0).toISOString(),
  });
}

/** A success answer of the path's own kind (JSON, or an event stream). */
const success = (c: PreparedCall, size: number) => ({
  body: c.successBody(size),
  contentType: c.successType ?? 'application/json',
});

export const FAULTS: FaultCase[] = [
  {
    name: '500, every time',
    fault: (c) => ({ match: c.match, status: 500, times: ALL }),
    idempotent: api(500, RETRY + 1, { minMs: BACKOFF_MS - 50, maxMs: BACKOFF_MS + 2_000 }),
    once: api(500, 1, { maxMs: 1_500 }),
  },
  {
    name: '500 once, then the API',
    fault: (c) => ({ match: c.match, status: 500, times: 1 }),
    idempotent: { value: 'answer', requests: 2, minMs: 250, maxMs: 2_500 },
    once: api(500, 1, { maxMs: 1_500 }),
  },
  {
    name: '502 with an HTML page',
    fault: (c) => ({ match: c.match, status: 502, body: html, contentType: 'text/html', times: ALL }),
    idempotent: api(502, RETRY + 1, { maxMs: BACKOFF_MS + 2_000, check: htmlKept }),
    once: api(502, 1, { maxMs: 1_500, check: htmlKept }),
  },
  {
    name: '503 with Retry-After: 1 (seconds)',
    fault: (c) => ({ match: c.match, status: 503, retryAfter: 1, times: 1 }),
    idempotent: { value: 'answer', requests: 2, minMs: 980, maxMs: 3_000 },
    once: api(503, 1, { maxMs: 1_500 }),
  },
  {
    name: '429 with Retry-After: 1 (seconds)',
    fault: (c) => ({ match: c.match, status: 429, retryAfter: 1, times: 1 }),
    idempotent: { value: 'answer', requests: 2, minMs: 980, maxMs: 3_000 },
    once: api(429, 1, { maxMs: 1_500 }),
  },
  {
    name: '429 with Retry-After as an HTTP-date 2 s ahead',
    // HTTP-dates have whole seconds: the wait is between 1 and 2 s.
    fault: (c) => ({ match: c.match, status: 429, retryAfter: new Date(Date.now() + 2_000).toUTCString(), times: 1 }),
    idempotent: { value: 'answer', requests: 2, minMs: 950, maxMs: 4_000 },
    once: api(429, 1, { maxMs: 1_500 }),
  },
  {
    name: '503 with an unreadable Retry-After ("soon")',
    fault: (c) => ({ match: c.match, status: 503, retryAfter: 'soon', times: 1 }),
    // Read as no Retry-After at all: the first backoff (0.3 s), not the 10 s cap.
    idempotent: { value: 'answer', requests: 2, minMs: 250, maxMs: 2_500 },
    once: api(503, 1, { maxMs: 1_500 }),
  },
  {
    name: '429 with Retry-After beyond the cap (1 hour)',
    fault: (c) => ({ match: c.match, status: 429, retryAfter: 3_600, times: 1 }),
    idempotent: {
      value: () => {},
      requests: 2,
      minMs: MAX_RETRY_AFTER_MS - 20,
      maxMs: MAX_RETRY_AFTER_MS + 3_000,
    },
    once: api(429, 1, { maxMs: 1_500 }),
  },
  {
    // Not the SDK's doing: the Fetch standard has fetch resend a request (POST too) once, on a new
    // connection, when it gets 421 Misdirected Request. Lava does not send 421; a proxy could.
    name: '421 every time (fetch itself resends once)',
    fault: (c) => ({ match: c.match, status: 421, times: ALL }),
    idempotent: api(421, 2, { maxMs: 1_500 }),
    once: api(421, 2, { maxMs: 1_500 }),
  },
  {
    name: '408, every time',
    fault: (c) => ({ match: c.match, status: 408, times: ALL }),
    idempotent: api(408, RETRY + 1, { maxMs: BACKOFF_MS + 2_000 }),
    once: api(408, 1, { maxMs: 1_500 }),
  },
  {
    name: 'connection reset before the response, every time',
    fault: (c) => ({ match: c.match, reset: true, times: ALL }),
    idempotent: { error: 'LavaNetworkError', requests: RETRY + 1, maxMs: BACKOFF_MS + 2_000 },
    once: { error: 'LavaNetworkError', requests: 1, maxMs: 1_500 },
  },
  {
    name: 'connection reset once, then the API',
    fault: (c) => ({ match: c.match, reset: true, times: 1 }),
    idempotent: { value: 'answer', requests: 2, maxMs: 2_500 },
    once: { error: 'LavaNetworkError', requests: 1, maxMs: 1_500 },
  },
  {
    name: 'headers delayed past the timeout',
    timeout: 300,
    fault: (c) => ({ match: c.match, delayMs: 5_000, times: ALL }),
    // A timed-out attempt is not retried: the call's whole budget is one timeout.
    idempotent: { error: 'LavaTimeoutError', requests: 1, minMs: 280, maxMs: 1_300 },
    once: { error: 'LavaTimeoutError', requests: 1, minMs: 280, maxMs: 1_300 },
  },
  {
    name: 'body stalled mid-way',
    timeout: 300,
    fault: (c) => ({ match: c.match, status: 200, ...success(c, 0), stallAfterBytes: 12, times: ALL }),
    idempotent: { error: 'LavaTimeoutError', requests: 1, minMs: 280, maxMs: 1_300 },
    once: { error: 'LavaTimeoutError', requests: 1, minMs: 280, maxMs: 1_300 },
  },
  {
    name: 'body cut off mid-way',
    fault: (c) => ({ match: c.match, status: 200, ...success(c, 0), truncateAfterBytes: 12, times: ALL }),
    idempotent: { error: 'LavaNetworkError', requests: 1, maxMs: 1_500 },
    once: { error: 'LavaNetworkError', requests: 1, maxMs: 1_500 },
  },
  {
    name: '200 with malformed JSON',
    fault: (c) => ({ match: c.match, status: 200, body: '{"customer_id": "con_', times: ALL }),
    idempotent: api(200, 1, { code: 'invalid_json', maxMs: 1_500 }),
    once: api(200, 1, { code: 'invalid_json', maxMs: 1_500 }),
  },
  {
    name: '200 with an empty body',
    fault: (c) => ({ match: c.match, status: 200, body: '', times: ALL }),
    idempotent: api(200, 1, { code: 'empty_response', maxMs: 1_500 }),
    once: api(200, 1, { code: 'empty_response', maxMs: 1_500 }),
  },
  {
    name: '204 No Content',
    fault: (c) => ({ match: c.match, status: 204, body: '', times: ALL }),
    idempotent: api(204, 1, { code: 'empty_response', maxMs: 1_500 }),
    once: api(204, 1, { code: 'empty_response', maxMs: 1_500 }),
  },
  {
    name: 'a very large body (4 MiB of JSON)',
    timeout: 10_000,
    fault: (c) => ({ match: c.match, status: 200, ...success(c, LARGE_BYTES), times: ALL }),
    idempotent: { value: (v) => expectLarge(v), requests: 1, maxMs: 8_000 },
    once: { value: (v) => expectLarge(v), requests: 1, maxMs: 8_000 },
  },
  {
    name: 'a very large error page (4 MiB of HTML)',
    timeout: 10_000,
    fault: (c) => ({
      match: c.match,
      status: 500,
      body: `<html>${'<p>oops</p>'.repeat(LARGE_BYTES / 11)}</html>`,
      contentType: 'text/html',
      times: ALL,
    }),
    idempotent: api(500, RETRY + 1, { maxMs: BACKOFF_MS + 10_000, check: shortMessage }),
    once: api(500, 1, { maxMs: 8_000, check: shortMessage }),
  },
];

function isSuccess(value: unknown): void {
  if ((value as { success?: unknown }).success !== true) fail(`not a success: ${JSON.stringify(value)}`);
}

function fail(message: string): never {
  throw new Error(message);
}

function htmlKept(error: Record<string, unknown>): void {
  if (error.body !== html) fail('the HTML page should be the body');
  if (String(error.message).includes('<')) fail('the message should not quote HTML');
}

function shortMessage(error: Record<string, unknown>): void {
  if (String(error.message).length > 300) fail(`message of ${String(error.message).length} characters`);
}

function expectLarge(value: unknown): void {
  const blob = JSON.stringify(value).length;
  if (blob < LARGE_BYTES) fail(`the large body came back with ${blob} characters`);
}

/** The REST paths: one per transport behaviour (retried GET and DELETE; POST and PATCH sent once). */
export const REST_PATHS: PathCase[] = [
  {
    name: 'REST GET (getCustomer)',
    retry: 'idempotent',
    async setup(_double, config) {
      const { customer_id: id } = await createCustomer(config, { name: 'Matrix Get' });
      return {
        match: { method: 'GET', path: `/v1/customers/${id}` },
        call: (c, signal) => getCustomer(c, id, signal ? { signal } : {}),
        isAnswer: isCustomer(id),
        successBody: (size) => customerBody(id, size),
      };
    },
  },
  {
    name: 'REST DELETE (deleteCustomer)',
    retry: 'idempotent',
    async setup(_double, config) {
      const { customer_id: id } = await createCustomer(config, { name: 'Matrix Delete' });
      return {
        match: { method: 'DELETE', path: `/v1/customers/${id}` },
        call: (c, signal) => deleteCustomer(c, id, signal ? { signal } : {}),
        isAnswer: isSuccess,
        successBody: (size) => JSON.stringify({ success: true, ...(size > 0 ? { pad: 'x'.repeat(size) } : {}) }),
      };
    },
  },
  {
    name: 'REST POST (createCustomer)',
    retry: 'once',
    async setup() {
      return {
        match: { method: 'POST', path: '/v1/customers' },
        call: (c, signal) => createCustomer(c, { name: 'Matrix Post' }, signal ? { signal } : {}),
        isAnswer: isCustomer(),
        successBody: (size) => customerBody('con_test_large', size),
      };
    },
  },
  {
    name: 'REST PATCH (updateCustomer)',
    retry: 'once',
    async setup(_double, config) {
      const { customer_id: id } = await createCustomer(config, { name: 'Matrix Patch' });
      return {
        match: { method: 'PATCH', path: `/v1/customers/${id}` },
        call: (c, signal) => updateCustomer(c, id, { name: 'Patched' }, signal ? { signal } : {}),
        isAnswer: isCustomer(id),
        successBody: (size) => customerBody(id, size),
      };
    },
  },
];

/** A config for a cell: the double's key and URL, the default retry limit, the cell's timeout. */
export function cellConfig(double: LavaDouble, options: LavaConfigOptions = {}): LavaConfig {
  return createConfig({ secretKey: double.secretKey, baseUrl: double.baseUrl, timeout: 2_000, ...options });
}
