// Process-level guards for the reliability suites: no unhandled rejection or uncaught exception
// while a suite runs, and no socket, server or timer left open once its doubles are closed.
import { afterAll, beforeAll, expect } from 'vitest';

/** The kinds of handle a leaked request, server or timer shows up as. */
const WATCHED = new Set(['TCPSocketWrap', 'TCPServerWrap', 'Timeout', 'Immediate']);

/** Counts the watched active resources of this process by kind. */
export function openHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (WATCHED.has(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

function exceeds(after: Record<string, number>, before: Record<string, number>): string[] {
  return Object.entries(after)
    .filter(([kind, n]) => n > (before[kind] ?? 0))
    .map(([kind, n]) => `${kind}: ${before[kind] ?? 0} → ${n}`);
}

/**
 * Fails the suite on any unhandled rejection or uncaught exception during it, and on handles
 * still open after `afterAll` (polled for up to a second, for sockets that are closing).
 */
export function guardProcess(): { readonly problems: string[] } {
  const problems: string[] = [];
  let before: Record<string, number> = {};
  const onRejection = (reason: unknown) => problems.push(`unhandledRejection: ${String(reason)}`);
  const onException = (error: unknown) => problems.push(`uncaughtException: ${String(error)}`);
  beforeAll(() => {
    before = openHandles();
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
  });
  afterAll(async () => {
    // Give the event loop a turn to surface a late rejection before checking.
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    let leaked = exceeds(openHandles(), before);
    for (let i = 0; i < 50 && leaked.length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      leaked = exceeds(openHandles(), before);
    }
    expect(problems).toEqual([]);
    expect(leaked).toEqual([]);
  }, 10_000);
  return { problems };
}
