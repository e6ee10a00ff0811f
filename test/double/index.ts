// The local Lava double: a real HTTP server on 127.0.0.1 that implements the documented Lava API
// with in-memory state. Tests, the demo and the benchmarks start it in-process (or in a child
// process via ./main.ts); a real LAVA_SECRET_KEY points the same SDK code at Lava itself.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { DoubleError, type Route, type RouteContext, sendError, sendJson } from './http.js';
import { allRoutes } from './routes/index.js';
import { DoubleState, type Merchant } from './state.js';

export { DoubleError } from './http.js';
export type { Merchant } from './state.js';
export { DoubleState } from './state.js';

/** A fault to inject into the next matching request(s), so reliability tests use real sockets. */
export interface Fault {
  /** Which requests it applies to; default every request. `path` matches the URL pathname. */
  match?: { method?: string; path?: string | RegExp };
  /** How many matching requests it applies to (default 1). */
  times?: number;
  /** Wait this long before doing anything else (headers are not sent meanwhile). */
  delayMs?: number;
  /** Answer with this status instead of routing. Without it (and without the others), the request is routed after the delay. */
  status?: number;
  /** `Retry-After` header value (seconds as a number, or any string such as an HTTP date). */
  retryAfter?: number | string;
  /** Raw body for `status` (default: Lava's error body for that status). */
  body?: string;
  /** Content type for `body` (default `application/json`). */
  contentType?: string;
  /** Extra response headers (e.g. a request id). */
  headers?: Record<string, string>;
  /** Destroy the connection (TCP reset) before any response. */
  reset?: boolean;
  /** Send headers (and `status`, default 200) and this many bytes of `body`, then stall forever. */
  stallAfterBytes?: number;
  /** Send headers with a Content-Length, part of the body, then cut the connection. */
  truncateAfterBytes?: number;
  /**
   * Route the request normally, but break the response once this many SSE events (blocks ending in
   * a blank line) have been written: `reset` then destroys the connection, `stall` sends nothing
   * more and never ends. For faults in the middle of a stream.
   */
  breakStream?: { afterEvents: number; mode: 'reset' | 'stall' };
}

/** One request as the double received it. */
export interface RecordedRequest {
  method: string;
  /** The pathname as sent, still percent-encoded. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Whether a fault answered it instead of the API. */
  faulted: boolean;
}

export interface LavaDoubleOptions {
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /** Milliseconds between SSE chunks of the fake providers (default 5). */
  streamGapMs?: number;
}

export interface LavaDouble {
  /** The API root to pass as `createConfig({ baseUrl })`, e.g. `http://127.0.0.1:40123/`. */
  readonly baseUrl: string;
  readonly port: number;
  /** An `aks_test_` secret key of the default merchant. */
  readonly secretKey: string;
  /** An `aks_live_` secret key of a second (live-mode) merchant. */
  readonly liveSecretKey: string;
  readonly merchant: Merchant;
  readonly state: DoubleState;
  /** Everything received since start (or the last `resetRequests`). */
  readonly requests: RecordedRequest[];
  /** How many requests arrived, optionally only those matching method and/or path. */
  requestCount(match?: { method?: string; path?: string | RegExp }): number;
  resetRequests(): void;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** Options that handlers may read (e.g. the SSE gap). */
  readonly options: Required<LavaDoubleOptions>;
  close(): Promise<void>;
}

interface ActiveFault extends Fault {
  remaining: number;
}

function matches(match: Fault['match'], method: string, path: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.path instanceof RegExp) return match.path.test(path);
  if (typeof match.path === 'string') return match.path === path;
  return true;
}

interface CompiledRoute extends Route {
  segments: string[];
}

function compile(route: Route): CompiledRoute {
  const absolute = route.pattern.startsWith('/') ? route.pattern : `/v1/${route.pattern}`;
  return { ...route, segments: absolute.split('/').slice(1) };
}

function matchRoute(
  routes: CompiledRoute[],
  method: string,
  pathname: string,
): { route: CompiledRoute; params: Record<string, string> } | { allowed: string[] } | undefined {
  const parts = pathname.split('/').slice(1);
  const allowed: string[] = [];
  for (const route of routes) {
    const rest = route.segments[route.segments.length - 1] === '*';
    if (rest ? parts.length < route.segments.length - 1 : parts.length !== route.segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < route.segments.length; i++) {
      const seg = route.segments[i] as string;
      if (seg === '*' && i === route.segments.length - 1) {
        params['*'] = parts.slice(i).join('/');
        break;
      }
      const part = parts[i] as string;
      if (seg.startsWith(':')) {
        try {
          params[seg.slice(1)] = decodeURIComponent(part);
        } catch {
          ok = false;
          break;
        }
      } else if (seg !== part) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    if (route.method === '*' || route.method === method) return { route, params };
    allowed.push(route.method);
  }
  return allowed.length ? { allowed } : undefined;
}

function bearerOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match ? (match[1] as string) : undefined;
}

/**
 * Starts the double on 127.0.0.1. It has a default test-mode merchant (`secretKey`) and a
 * live-mode one (`liveSecretKey`).
 */
export async function startLavaDouble(options: LavaDoubleOptions = {}): Promise<LavaDouble> {
  const resolved: Required<LavaDoubleOptions> = { port: options.port ?? 0, streamGapMs: options.streamGapMs ?? 5 };
  const state = new DoubleState();
  const { merchant, secretKey } = state.createMerchant('test');
  const { secretKey: liveSecretKey } = state.createMerchant('live');
  const routes = allRoutes.map(compile);
  const requests: RecordedRequest[] = [];
  let faults: ActiveFault[] = [];
  const sockets = new Set<Socket>();

  const takeFault = (method: string, path: string): ActiveFault | undefined => {
    const fault = faults.find((f) => f.remaining > 0 && matches(f.match, method, path));
    if (fault) {
      fault.remaining -= 1;
      faults = faults.filter((f) => f.remaining > 0);
    }
    return fault;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const fault = takeFault(method, url.pathname);
    const chunks: Buffer[] = [];
    // A reset fault answers before reading the body, the way a dying proxy would.
    if (!fault?.reset) for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks);
    requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      body: rawBody.toString('utf8'),
      faulted: fault !== undefined && answersInstead(fault),
    });
    if (fault && (await applyFault(fault, req, res))) return;

    const found = matchRoute(routes, method, url.pathname);
    if (!found) return sendError(res, 404, `No route for ${method} ${url.pathname}`);
    if ('allowed' in found) return sendError(res, 405, `Method ${method} not allowed on ${url.pathname}`);
    const { route, params } = found;

    let body: unknown;
    const type = String(req.headers['content-type'] ?? '');
    if (rawBody.length > 0 && route.auth !== 'custom' && type.includes('json')) {
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        return sendError(res, 400, 'Request body is not valid JSON');
      }
    }
    const bearer = bearerOf(req);
    const ctx: RouteContext = {
      req,
      res,
      url,
      method,
      params,
      query: url.searchParams,
      rawBody,
      body,
      state,
      merchant: undefined,
      bearer,
      streamGapMs: resolved.streamGapMs,
    };
    if ((route.auth ?? 'secret') === 'secret') {
      if (!bearer) return sendError(res, 401, 'Missing Authorization header: expected "Bearer <secret key>"');
      ctx.merchant = state.merchantBySecretKey(bearer);
      if (!ctx.merchant) return sendError(res, 401, 'Invalid API key');
    }
    const reply = await route.handler(ctx);
    if (reply && !res.headersSent) sendJson(res, reply.status ?? 200, reply.json, reply.headers);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof DoubleError) sendError(res, error.status, error.message, error.code);
      else sendError(res, 500, `Double failure: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(resolved.port, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('double: no TCP address');
  const baseUrl = `http://127.0.0.1:${address.port}/`;

  return {
    baseUrl,
    port: address.port,
    secretKey,
    liveSecretKey,
    merchant,
    state,
    requests,
    options: resolved,
    requestCount(match) {
      return requests.filter((r) => matches(match, r.method, r.path)).length;
    },
    resetRequests() {
      requests.length = 0;
    },
    injectFault(fault) {
      faults.push({ ...fault, remaining: fault.times ?? 1 });
    },
    clearFaults() {
      faults = [];
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/** Whether a fault answers the request itself (rather than only delaying it). */
function answersInstead(fault: Fault): boolean {
  return (
    fault.status !== undefined ||
    fault.reset === true ||
    fault.stallAfterBytes !== undefined ||
    fault.truncateAfterBytes !== undefined
  );
}

/** Applies a fault; returns true when it answered the request (false: route it normally). */
async function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (fault.delayMs) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, fault.delayMs);
      res.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    if (res.destroyed || res.writableEnded) return true;
  }
  if (fault.reset) {
    req.socket.resetAndDestroy();
    return true;
  }
  if (fault.breakStream) breakAfterEvents(fault.breakStream, req, res);
  if (!answersInstead(fault)) return false;
  const status = fault.status ?? 200;
  const body =
    fault.body ??
    (status >= 400 ? JSON.stringify({ error: { message: `Injected ${status}`, code: 'injected', status } }) : '{}');
  const headers: Record<string, string | number> = {
    'content-type': fault.contentType ?? 'application/json',
    ...fault.headers,
  };
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  const bytes = Buffer.from(body, 'utf8');
  if (fault.stallAfterBytes !== undefined) {
    headers['content-length'] = bytes.length;
    res.writeHead(status, headers);
    res.write(bytes.subarray(0, fault.stallAfterBytes));
    return true; // never ends; close() destroys the socket
  }
  if (fault.truncateAfterBytes !== undefined) {
    headers['content-length'] = bytes.length;
    res.writeHead(status, headers);
    res.write(bytes.subarray(0, fault.truncateAfterBytes), () => req.socket.destroy());
    return true;
  }
  headers['content-length'] = bytes.length;
  res.writeHead(status, headers);
  res.end(bytes);
  return true;
}

/** Lets the route write its response, then cuts or stalls it after `afterEvents` SSE events. */
function breakAfterEvents(spec: NonNullable<Fault['breakStream']>, req: IncomingMessage, res: ServerResponse): void {
  const write = res.write.bind(res) as (chunk: Buffer, done?: () => void) => boolean;
  let events = 0;
  let broken = false;
  const pass = (chunk: unknown): void => {
    if (broken || chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
    let cut = -1;
    for (let at = bytes.indexOf('\n\n'); at !== -1 && cut === -1; at = bytes.indexOf('\n\n', at + 2)) {
      events += 1;
      if (events >= spec.afterEvents) cut = at + 2;
    }
    if (cut === -1) {
      write(bytes);
      return;
    }
    broken = true;
    write(bytes.subarray(0, cut), () => {
      if (spec.mode === 'reset') req.socket.destroy();
    });
  };
  res.write = ((chunk: unknown) => {
    pass(chunk);
    return true;
  }) as ServerResponse['write'];
  const end = res.end.bind(res) as () => ServerResponse;
  res.end = ((chunk?: unknown) => {
    pass(chunk);
    // A stalled stream never ends; close() destroys its socket.
    return broken ? res : end();
  }) as ServerResponse['end'];
}
