/// <reference types="node" />
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isLavaAbortError, LavaLoginError, LavaValidationError } from '../core/errors.js';
import { apiBaseForApp, DEFAULT_APP_URL, normaliseApiBase, parseHttpUrl } from './api-base.js';
import { exchangeAuthCode } from './exchange-auth-code.js';
import { openInDefaultBrowser } from './open-browser.js';
import { callbackPage, PAGE_HEADERS } from './success-page.js';
import type { LavaCredentials, LoginOptions } from './types.js';

const DEFAULT_TIMEOUT_MS = 120_000;

function invalid(field: string, message: string): LavaValidationError {
  return new LavaValidationError([{ field, message }]);
}

/**
 * Logs a person in through the browser and returns the merchant's credentials: starts a one-shot
 * server on `127.0.0.1` (a free port), opens `<app>/auth/connect?state=…&port=…`, waits for the app
 * to send the browser back to `http://127.0.0.1:<port>/callback?code=…&state=…`, checks the state,
 * closes the server and redeems the code with {@link exchangeAuthCode}. Node (and Bun, Deno) only.
 *
 * @param options - `baseUrl` (the Lava app), `apiBaseUrl`, `timeoutMs` (120 000), `signal`, `openBrowser(url)`, `fetch`; all optional.
 * @throws {LavaLoginError} on timeout (`reason: 'timeout'`), abort, a forged or incomplete callback,
 *   or when the browser or the server cannot start.
 * @throws {LavaApiError} when Lava refuses the code.
 * @example
 * ```ts
 * import { createConfig, listCustomers } from '@lava/fn'
 * import { login } from '@lava/fn/node'
 * const { secret_key } = await login()
 * const page = await listCustomers(createConfig({ secretKey: secret_key }))
 * ```
 */
export async function login(options: LoginOptions = {}): Promise<LavaCredentials> {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object');
  const app = parseHttpUrl(options.baseUrl ?? DEFAULT_APP_URL, 'options.baseUrl');
  const apiBase =
    options.apiBaseUrl === undefined ? apiBaseForApp(app) : normaliseApiBase(options.apiBaseUrl, 'options.apiBaseUrl');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || timeoutMs > 2_147_483_647) {
    throw invalid('options.timeoutMs', 'must be a positive number of milliseconds');
  }
  const { signal } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal))
    throw invalid('options.signal', 'must be an AbortSignal');
  const open = options.openBrowser ?? openInDefaultBrowser;
  if (typeof open !== 'function') throw invalid('options.openBrowser', 'must be a function');
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw invalid('options.fetch', 'must be a function');
  }
  if (signal?.aborted) throw abortedError(signal);

  const code = await waitForCallback(app, timeoutMs, signal, open);
  try {
    return await exchangeAuthCode({
      code,
      baseUrl: apiBase,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (isLavaAbortError(error) && signal?.aborted) throw abortedError(signal);
    throw error;
  }
}

function abortedError(signal: AbortSignal): LavaLoginError {
  return new LavaLoginError('aborted', 'Login was cancelled: the login server is closed', { cause: signal.reason });
}

/** Text from the query that may be shown in a terminal: no control characters, bounded length. */
function printable(value: string | null): string | undefined {
  if (value === null) return undefined;
  const clean = value.replace(/[^\w .:-]/g, '').slice(0, 100);
  return clean === '' ? undefined : clean;
}

function sameState(received: string | null, expected: string): boolean {
  if (received === null) return false;
  const a = new TextEncoder().encode(received);
  const b = new TextEncoder().encode(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function listen(server: Server): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Runs the loopback server until a valid callback, a bad one, the timeout or the abort; always closes it first. */
async function waitForCallback(
  app: URL,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  open: (url: string) => void | Promise<void>,
): Promise<string> {
  // 256 bits: the only thing that tells our callback from one a web page forges to the same port.
  const state = randomBytes(32).toString('hex');
  const server = createServer();
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  let port: number;
  try {
    port = await listen(server);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LavaLoginError('server_failed', `Could not start the login callback server on 127.0.0.1: ${reason}`, {
      cause: error,
    });
  }

  return new Promise<string>((resolve, reject) => {
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      if (signal) finish(abortedError(signal));
    };

    /**
     * Settles the login at once (later requests see `done`), then stops listening, drops every other
     * connection, and resolves or rejects only once the port is really closed. `res`, when given,
     * first carries the final page and closes its own connection after it (Connection: close).
     */
    function finish(outcome: { code: string } | Error, res?: ServerResponse, page?: [number, string, string]) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      const close = () => {
        server.close(() => (outcome instanceof Error ? reject(outcome) : resolve(outcome.code)));
        for (const socket of sockets) if (socket !== res?.socket) socket.destroy();
      };
      if (res && page) {
        res.writeHead(page[0], PAGE_HEADERS);
        res.once('close', close);
        res.end(callbackPage(page[1], page[2]));
      } else close();
    }

    function answerText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(`${text}\n`);
    }

    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (done) return answerText(res, 410, 'This login is already over.', { connection: 'close' });
      if (req.method !== 'GET') return answerText(res, 405, 'Method Not Allowed', { allow: 'GET' });
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== '/callback') return answerText(res, 404, 'Not Found');
      if (!sameState(url.searchParams.get('state'), state)) {
        const error = new LavaLoginError(
          'state_mismatch',
          'Login rejected: the callback carried a missing or different state, so it may not come from the login you started (possible CSRF). Nothing was exchanged; run login again.',
        );
        return finish(error, res, [400, 'Login rejected', 'The request did not match the login in progress.']);
      }
      const code = url.searchParams.get('code');
      if (code === null || code === '') {
        const appError = printable(url.searchParams.get('error'));
        const error = new LavaLoginError(
          'missing_code',
          `Login failed: the Lava app sent no authorization code${appError ? ` (error: ${appError})` : ''}. Run login again.`,
        );
        return finish(error, res, [400, 'Login failed', 'No authorization code arrived. Return to your terminal.']);
      }
      // Sent before the exchange (as the official SDK does), so it promises no more than what is known.
      finish({ code }, res, [
        200,
        'Authorization received',
        'You can close this tab: your terminal finishes the login.',
      ]);
    });

    timer = setTimeout(
      () =>
        finish(
          new LavaLoginError(
            'timeout',
            `Login timed out after ${Math.round(timeoutMs / 1000)} s: the browser did not come back to the login server. Run login again.`,
          ),
        ),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });

    const connectUrl = new URL(`${app.href.replace(/\/+$/, '')}/auth/connect`);
    connectUrl.searchParams.set('state', state);
    connectUrl.searchParams.set('port', String(port));
    Promise.resolve()
      .then(() => open(connectUrl.href))
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        finish(
          new LavaLoginError('browser_failed', `Could not open the browser for the login: ${reason}`, { cause: error }),
        );
      });
  });
}
