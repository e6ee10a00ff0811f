// The guards of the reliability suites can fail: an open server and a pending timer are counted.
import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import { openHandles } from './support.js';

it('openHandles() sees a listening server and a pending timer, and no longer once they are gone', async () => {
  const before = openHandles();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const timer = setTimeout(() => {}, 60_000);
  const during = openHandles();
  expect(during.TCPServerWrap ?? 0).toBe((before.TCPServerWrap ?? 0) + 1);
  expect(during.Timeout ?? 0).toBeGreaterThan(before.Timeout ?? 0);
  clearTimeout(timer);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  // A closed handle leaves the list a turn or two later; the suite guard polls the same way.
  let after = openHandles();
  for (let i = 0; i < 50 && (after.TCPServerWrap ?? 0) > (before.TCPServerWrap ?? 0); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    after = openHandles();
  }
  expect(after.TCPServerWrap ?? 0).toBe(before.TCPServerWrap ?? 0);
});
