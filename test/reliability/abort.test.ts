// The caller's `signal` ends work at every stage of every path, as a LavaAbortError (never a
// timeout or network error), promptly, and without a resend.
import { describe, expect, it } from 'vitest';
import { isLavaAbortError, isLavaTimeoutError, LavaAbortError } from '../../src/index.js';
import { type Fault, startLavaDouble } from '../double/index.js';
import { GATEWAY_PATHS } from './gateway-paths.js';
import { cellConfig, type PathCase, type PreparedCall, REST_PATHS } from './matrix.js';
import { guardProcess } from './support.js';

guardProcess();

interface Moment {
  name: string;
  /** The fault that keeps the call busy at that moment (none: the signal is aborted before the call). */
  fault?: (call: PreparedCall) => Fault;
  /** Abort this long after the double has received the request (negative: before the call). */
  abortAfterMs: number;
  requests: number;
  /** Only for paths of this kind. */
  only?: (path: PathCase) => boolean;
}

const MOMENTS: Moment[] = [
  { name: 'before anything is sent', abortAfterMs: -1, requests: 0 },
  {
    name: 'while waiting for the headers',
    fault: (c) => ({ match: c.match, delayMs: 5_000 }),
    abortAfterMs: 50,
    requests: 1,
  },
  {
    name: 'mid-body (the body stalls after a few bytes)',
    fault: (c) => ({ match: c.match, status: 200, body: c.successBody(1_000), stallAfterBytes: 40 }),
    abortAfterMs: 100,
    requests: 1,
    only: (p) => !p.stream,
  },
  {
    name: 'mid-stream (after two events)',
    fault: (c) => ({ match: c.match, breakStream: { afterEvents: 2, mode: 'stall' } }),
    abortAfterMs: 100,
    requests: 1,
    only: (p) => p.stream === true,
  },
  {
    name: 'during the wait of a Retry-After: 5',
    fault: (c) => ({ match: c.match, status: 503, retryAfter: 5 }),
    abortAfterMs: 100,
    requests: 1,
    only: (p) => p.retry === 'idempotent',
  },
];

const cases = [...REST_PATHS, ...GATEWAY_PATHS].flatMap((path) =>
  MOMENTS.filter((m) => m.only?.(path) ?? true).map((moment) => ({ path, moment })),
);

describe.concurrent(`abort by the caller's signal: ${cases.length} cases`, () => {
  it.each(cases)('$path.name · aborted $moment.name', async ({ path, moment }) => {
    const double = await startLavaDouble();
    try {
      const config = cellConfig(double, { timeout: 3_000 });
      const prepared = await path.setup(double, config);
      double.resetRequests();
      if (moment.fault) double.injectFault(moment.fault(prepared));
      const controller = new AbortController();
      const reason = new Error('user navigated away');
      if (moment.abortAfterMs < 0) controller.abort(reason);
      let abortedAt = performance.now();
      const pending = prepared.call(config, controller.signal).then(
        (value) => ({ resolved: value }),
        (caught: unknown) => caught,
      );
      if (moment.abortAfterMs >= 0) {
        while (double.requestCount(prepared.match) === 0) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => setTimeout(r, moment.abortAfterMs));
        abortedAt = performance.now();
        controller.abort(reason);
      }
      const error = await pending;
      const elapsed = performance.now() - abortedAt;
      expect(error).toBeInstanceOf(LavaAbortError);
      expect(isLavaAbortError(error)).toBe(true);
      expect(isLavaTimeoutError(error)).toBe(false);
      expect((error as LavaAbortError).message).toContain('aborted');
      // The signal's reason is kept as `cause`, as documented.
      expect((error as LavaAbortError).cause).toBe(reason);
      expect(double.requestCount(prepared.match)).toBe(moment.requests);
      // Promptly: within half a second of the abort, far from the 3 s timeout or a 5 s Retry-After.
      expect(elapsed).toBeLessThan(500);
    } finally {
      await double.close();
    }
  });
});
