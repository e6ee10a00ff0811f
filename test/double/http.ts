// Small HTTP helpers shared by the double's route modules.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DoubleState, Merchant } from './state.js';

/** Thrown by a handler to answer with Lava's error body. */
export class DoubleError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string = codeFor(status),
  ) {
    super(message);
  }
}

function codeFor(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request';
    case 401:
      return 'unauthorized';
    case 402:
      return 'insufficient_balance';
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 409:
      return 'conflict';
    case 429:
      return 'rate_limited';
    default:
      return status >= 500 ? 'internal_error' : 'error';
  }
}

/** Lava's error body, as in lava-api.md §1.7. */
export function errorBody(status: number, message: string, code = codeFor(status)) {
  return { error: { message, code, status } };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, message: string, code?: string) {
  sendJson(res, status, errorBody(status, message, code));
}

/** Everything a route handler receives. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  method: string;
  /** Decoded path parameters, by name. */
  params: Record<string, string>;
  query: URLSearchParams;
  rawBody: Buffer;
  /** The JSON body, or undefined when there is none. A body that is not JSON is a 400 before routing. */
  body: unknown;
  state: DoubleState;
  /** The authenticated merchant (routes with `auth: 'secret'`), else undefined. */
  merchant: Merchant | undefined;
  /** The bearer credential as sent, if any. */
  bearer: string | undefined;
  /** Milliseconds between SSE chunks of the fake providers (the double's `streamGapMs` option). */
  streamGapMs: number;
}

/** What a handler returns: a JSON reply, or nothing when it wrote to `res` itself. */
export type Reply = { status?: number; json: unknown; headers?: Record<string, string> } | undefined;

export interface Route {
  method: string | '*';
  /** Path below `/v1/` (or absolute when it starts with `/`), with `:name` segments. */
  pattern: string;
  /** `secret`: a merchant secret key is required (default). `none`: no auth. `custom`: the handler checks. */
  auth?: 'secret' | 'none' | 'custom';
  handler: (ctx: RouteContext) => Reply | Promise<Reply>;
}

export function merchantOf(ctx: RouteContext): Merchant {
  if (!ctx.merchant) throw new DoubleError(401, 'Missing or invalid API key');
  return ctx.merchant;
}

/** The request's JSON object body, or a 400. */
export function objectBody(ctx: RouteContext): Record<string, unknown> {
  const body = ctx.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DoubleError(400, 'Request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/** Applies Lava's pagination envelope: `limit` 1–100 (default 10), `cursor` = id of the last item seen. */
export function paginate<T>(items: T[], query: URLSearchParams, idOf: (item: T) => string) {
  const rawLimit = query.get('limit');
  let limit = 10;
  if (rawLimit !== null) {
    limit = Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new DoubleError(400, 'limit must be an integer between 1 and 100');
    }
  }
  let start = 0;
  const cursor = query.get('cursor');
  if (cursor !== null && cursor !== '') {
    const index = items.findIndex((item) => idOf(item) === cursor);
    if (index === -1) throw new DoubleError(400, 'Invalid cursor');
    start = index + 1;
  }
  const data = items.slice(start, start + limit);
  const hasMore = start + limit < items.length;
  const last = data[data.length - 1];
  return { data, has_more: hasMore, next_cursor: hasMore && last !== undefined ? idOf(last) : null };
}

/** Reads a required string field of a body, or a 400 naming it. */
export function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw new DoubleError(400, `${field} is required`);
  return value;
}

/** Reads an optional string field (absent or undefined → undefined), or a 400 naming it. */
export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new DoubleError(400, `${field} must be a string`);
  return value;
}

/** Strips the double's private `_fields` from a record before it is sent. */
export function publicView<T extends object>(record: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!key.startsWith('_')) out[key] = value;
  return out;
}
