// The benchmarks' server: the Lava double in a process of its own, so that the SDK under test does
// not share an event loop with it. Prints one JSON line on stdout — `{ baseUrl, secretKey,
// customerId, probeUrl }` — then serves until stdin closes or SIGTERM.
//
// Bench-only additions, kept out of the double itself:
// - the request log is emptied every second (a long run would otherwise keep every request);
// - the merchant's wallet is made effectively bottomless, so merchant-paid gateway calls never 402;
// - a probe server records when each chunk of a response was written, for responses whose request
//   carries `x-bench-stream: <id>`; `GET <probeUrl>?id=<id>` returns those times (ms, wall clock
//   from `performance.timeOrigin + performance.now()`), so the stream bench can tell how long each
//   event took from the upstream's write to the caller.
import { createServer, ServerResponse } from 'node:http';
import { startLavaDouble } from '../test/double/index.js';

const writes = new Map<string, number[]>();
const originalWrite = ServerResponse.prototype.write;
ServerResponse.prototype.write = function write(this: ServerResponse, ...args: unknown[]) {
  const id = this.req?.headers['x-bench-stream'];
  if (typeof id === 'string') {
    const times = writes.get(id) ?? [];
    times.push(performance.timeOrigin + performance.now());
    writes.set(id, times);
  }
  return (originalWrite as (...a: unknown[]) => boolean).apply(this, args);
} as typeof ServerResponse.prototype.write;

const gapFlag = process.argv.indexOf('--stream-gap');
const streamGapMs = gapFlag === -1 ? 5 : Number(process.argv[gapFlag + 1]);
const double = await startLavaDouble({ streamGapMs });
(double.merchant as { _wallet_balance?: bigint })._wallet_balance = 10n ** 30n;
const log = setInterval(() => double.resetRequests(), 1_000);

const created = await fetch(`${double.baseUrl}v1/customers`, {
  method: 'POST',
  headers: { authorization: `Bearer ${double.secretKey}`, 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'Bench Customer', email: 'bench@example.com', metadata: { plan: 'bench' } }),
});
if (!created.ok) throw new Error(`seeding the customer failed: ${created.status} ${await created.text()}`);
const { customer_id: customerId } = (await created.json()) as { customer_id: string };

const probe = createServer((req, res) => {
  const id = new URL(req.url ?? '/', 'http://x').searchParams.get('id') ?? '';
  const times = writes.get(id) ?? [];
  writes.delete(id);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(times));
});
await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
const address = probe.address();
const probeUrl = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}/writes` : '';

process.stdout.write(
  `${JSON.stringify({ baseUrl: double.baseUrl, secretKey: double.secretKey, customerId, probeUrl })}\n`,
);

let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  clearInterval(log);
  probe.close();
  double.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
