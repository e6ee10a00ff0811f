// The fault matrix over real loopback sockets: every fault of FAULTS on every path, each cell on a
// double of its own so the cells run concurrently and their request counts stay their own.
import { afterAll, describe, expect, it } from 'vitest';
import { isLavaError } from '../../src/index.js';
import { type LavaDouble, startLavaDouble } from '../double/index.js';
import { GATEWAY_PATHS, STREAM_FAULTS } from './gateway-paths.js';
import { LeakScanner } from './leaks.js';
import { cellConfig, type Expectation, FAULTS, type PathCase, REST_PATHS } from './matrix.js';
import { guardProcess } from './support.js';

guardProcess();
const leaks = new LeakScanner();
const PATHS: PathCase[] = [...REST_PATHS, ...GATEWAY_PATHS];
const cells = PATHS.flatMap((path) =>
  [...FAULTS, ...(path.stream ? STREAM_FAULTS : [])].map((fault) => ({
    path,
    fault,
    expected: path.overrides?.[fault.name] ?? (path.retry === 'idempotent' ? fault.idempotent : fault.once),
  })),
);

/** Closes a cell's double; a close that hangs (a socket that never ends) fails the cell. */
async function closeWithin(double: LavaDouble, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), ms);
  });
  const result = await Promise.race([double.close().then(() => 'closed' as const), hung]);
  clearTimeout(timer);
  expect(result, 'the double closed promptly').toBe('closed');
}

function describeOutcome(expected: Expectation): string {
  if ('value' in expected) return `a value after ${expected.requests} request(s)`;
  const status = 'status' in expected ? ` ${expected.status}` : '';
  return `${expected.error}${status} after ${expected.requests} request(s)`;
}

describe.concurrent(`fault matrix: ${cells.length} cells`, () => {
  it.each(cells)('$path.name · $fault.name', async ({ path, fault, expected }) => {
    const double = await startLavaDouble();
    leaks.watch(double.secretKey);
    try {
      const config = cellConfig(double, fault.timeout ? { timeout: fault.timeout } : {});
      const prepared = await path.setup(double, config);
      double.resetRequests();
      double.injectFault(fault.fault(prepared));
      // A hang must fail the cell, not the file: past twice its bound the call is aborted.
      const guard = new AbortController();
      const hang = setTimeout(() => guard.abort(new Error('hung')), expected.maxMs * 2);
      const started = performance.now();
      let value: unknown;
      let error: unknown;
      try {
        value = await prepared.call(config, guard.signal);
      } catch (caught) {
        error = caught;
      } finally {
        clearTimeout(hang);
      }
      const elapsed = performance.now() - started;
      expect(guard.signal.aborted, `${path.name} · ${fault.name}: hung past ${expected.maxMs * 2} ms`).toBe(false);
      const label = `${path.name} · ${fault.name} → ${describeOutcome(expected)}`;
      if (error !== undefined) leaks.scan(label, error);

      if ('value' in expected) {
        expect(error, label).toBeUndefined();
        if (expected.value === 'answer') prepared.isAnswer(value);
        else expected.value(value);
      } else {
        expect(isLavaError(error), `${label}: got ${String(error)}`).toBe(true);
        expect((error as Error).name, label).toBe(expected.error);
        if (expected.error === 'LavaApiError') {
          expect(error, label).toMatchObject({ status: expected.status });
          if (expected.code !== undefined) expect(error, label).toMatchObject({ code: expected.code });
          expected.check?.(error as Record<string, unknown>);
        }
      }
      expect(double.requestCount(prepared.match), `${label}: requests`).toBe(expected.requests);
      expect(elapsed, `${label}: finished within its bound`).toBeLessThan(expected.maxMs);
      if (expected.minMs !== undefined) expect(elapsed, `${label}: waited`).toBeGreaterThanOrEqual(expected.minMs);
    } finally {
      await closeWithin(double, 3_000);
    }
  });
});

afterAll(() => {
  console.log(`fault matrix: ${cells.length} cells; secret sweep — ${leaks.summary('matrix errors')}`);
  // The errors of the cells that ran were all printed every way, and none showed a secret.
  expect(leaks.values).toBeGreaterThan(0);
  expect(leaks.hits).toEqual([]);
});
