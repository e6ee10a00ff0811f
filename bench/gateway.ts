// Gateway benchmarks on loopback (issue 4), the double in another process:
// 1. throughput of one chat completion through `gateway()`, a raw `fetch` of the same forward
//    request, and the official SDK's `gateway()` — sequential and 32 in flight;
// 2. streaming latency: from the fake upstream writing an SSE event to the caller holding it,
//    through `gatewayStream` and through a raw `fetch` reading the body itself;
// 3. memory: RSS growth of this process while 100 MB stream through `gatewayStream` (and raw fetch).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Lava } from '@lavapayments/nodejs';
import { createConfig, gateway, gatewayStream, generateForwardToken } from '../src/index.js';
import { type BenchServer, type Contender, median, printTable, QUICK, ROUNDS, rounds, startServer } from './harness.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const UPSTREAM = 'https://api.openai.com/v1/chat/completions';
const CHAT = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello to the benchmark.' }] };

function isCompletion(answer: unknown): void {
  if (!Array.isArray((answer as { choices?: unknown }).choices))
    throw new Error(`not a completion: ${JSON.stringify(answer)}`);
}

async function benchThroughput(server: BenchServer): Promise<void> {
  const config = createConfig({ secretKey: server.secretKey, baseUrl: server.baseUrl });
  const official = new Lava(server.secretKey, { baseUrl: `${server.baseUrl}v1/` });
  // The raw request is what the SDKs send: a forward token of the merchant, the JSON body.
  const forward = `${server.baseUrl}v1/forward?u=${encodeURIComponent(UPSTREAM)}`;
  const token = generateForwardToken(config, {});
  const contenders: Contender[] = [
    {
      name: 'raw fetch',
      call: async () => {
        const response = await fetch(forward, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(CHAT),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        isCompletion(JSON.parse(await response.text()));
      },
    },
    {
      // The same raw request with only what any timeout needs (a controller's signal and a timer):
      // the share of the gap to raw fetch that a per-call timeout costs by itself.
      name: 'raw fetch + timeout signal',
      call: async () => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 30_000);
        try {
          const response = await fetch(forward, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(CHAT),
            signal: controller.signal,
          });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          isCompletion(JSON.parse(await response.text()));
        } finally {
          clearTimeout(timer);
        }
      },
    },
    { name: '@lava/fn gateway', call: async () => isCompletion(await gateway(config, UPSTREAM, { body: CHAT })) },
    { name: 'official gateway', call: async () => isCompletion(await official.gateway(UPSTREAM, { body: CHAT })) },
  ];
  for (const concurrency of [1, 32]) {
    const calls = QUICK ? 30 : concurrency === 1 ? 150 : 600;
    const results = await rounds(contenders, { rounds: ROUNDS, calls, concurrency });
    printTable(
      `Gateway POST forward (chat completion) — concurrency ${concurrency}, ${ROUNDS} interleaved rounds of ${calls} calls (median)`,
      ['client', 'calls/s', '× raw fetch', 'client CPU µs/call', 'CPU × raw fetch'],
      results.map((r) => [r.name, r.rate.toFixed(0), r.ratio.toFixed(2), r.cpu.toFixed(0), r.cpuRatio.toFixed(2)]),
    );
  }
}

const now = () => performance.timeOrigin + performance.now();

/** Reads an SSE body by hand, noting when each complete event (but `[DONE]`) arrived. */
async function rawStreamTimes(response: Response): Promise<number[]> {
  const times: number[] = [];
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const bytes of response.body as ReadableStream<Uint8Array>) {
    buffered += decoder.decode(bytes, { stream: true });
    let end = buffered.indexOf('\n\n');
    while (end !== -1) {
      const event = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      if (!event.includes('[DONE]')) times.push(now());
      end = buffered.indexOf('\n\n');
    }
  }
  return times;
}

async function benchStreamLatency(server: BenchServer): Promise<void> {
  const config = createConfig({ secretKey: server.secretKey, baseUrl: server.baseUrl });
  const token = generateForwardToken(config, {});
  const forward = `${server.baseUrl}v1/forward?u=${encodeURIComponent(UPSTREAM)}`;
  const body = {
    model: 'gpt-4o-mini',
    stream: true,
    messages: [{ role: 'user', content: 'one two three four five six seven eight nine ten eleven twelve' }],
  };
  let sequence = 0;
  const writesOf = async (id: string) => (await (await fetch(`${server.probeUrl}?id=${id}`)).json()) as number[];
  const delays = { raw: [] as number[], fn: [] as number[] };
  const streams = QUICK ? 2 : 30;
  for (let i = 0; i < streams; i++) {
    for (const kind of i % 2 ? (['fn', 'raw'] as const) : (['raw', 'fn'] as const)) {
      const id = `s${process.pid}-${sequence++}`;
      let received: number[];
      if (kind === 'raw') {
        const response = await fetch(forward, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-bench-stream': id },
          body: JSON.stringify(body),
        });
        received = await rawStreamTimes(response);
      } else {
        received = [];
        const stream = await gatewayStream(config, UPSTREAM, { body, headers: { 'x-bench-stream': id } });
        for await (const _event of stream) received.push(now());
      }
      const written = await writesOf(id);
      if (written.length < received.length)
        throw new Error(`stream ${id}: ${received.length} events, ${written.length} writes`);
      // Event n was the n-th write (the fake writes one event per write; [DONE] is the last one).
      for (const [n, at] of received.entries()) delays[kind].push(at - (written[n] as number));
    }
  }
  const row = (name: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const p = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number).toFixed(2);
    return [name, values.length, median(values).toFixed(2), p(0.9), p(0.99)];
  };
  printTable(
    `Streaming: upstream write → event in the caller's hands, ms (${streams} streams each, interleaved; server gap 5 ms)`,
    ['client', 'events', 'median', 'p90', 'p99'],
    [row('raw fetch (hand-parsed SSE)', delays.raw), row('@lava/fn gatewayStream', delays.fn)],
  );
  console.log(`added by gatewayStream (median): ${(median(delays.fn) - median(delays.raw)).toFixed(2)} ms`);
}

async function benchStreamMemory(): Promise<void> {
  // A server without the gap between chunks, so 100 MB take seconds, not minutes.
  const server = await startServer(['--stream-gap', '0']);
  try {
    const megabytes = QUICK ? 5 : 100;
    const runs = QUICK ? 1 : 3;
    const results = { raw: [] as Measured[], fn: [] as Measured[] };
    for (let i = 0; i < runs; i++) {
      for (const kind of ['fn', 'raw'] as const) {
        const context = JSON.stringify({ kind, baseUrl: server.baseUrl, secretKey: server.secretKey, megabytes });
        const { stdout } = await run(
          process.execPath,
          ['--expose-gc', '--import', 'tsx', 'bench/stream-memory.ts', context],
          {
            cwd: ROOT,
          },
        );
        results[kind].push(JSON.parse(stdout) as Measured);
      }
    }
    const row = (name: string, all: Measured[]) => [
      name,
      (median(all.map((m) => m.chars)) / 1e6).toFixed(0),
      median(all.map((m) => m.growth)).toFixed(1),
      Math.max(...all.map((m) => m.growth)).toFixed(1),
      median(all.map((m) => m.retained)).toFixed(1),
      median(all.map((m) => m.mbps)).toFixed(0),
    ];
    printTable(
      `Streaming ${megabytes} MB (model lava-double-bytes), a fresh process per run: RSS growth (median of ${runs})`,
      ['client', 'MB read', 'RSS growth MB', 'max', 'heap kept after GC MB', 'MB/s'],
      [row('raw fetch (bytes only)', results.raw), row('@lava/fn gatewayStream (parsed events)', results.fn)],
    );
  } finally {
    await server.close();
  }
}

interface Measured {
  growth: number;
  retained: number;
  mbps: number;
  chars: number;
}

export async function benchGateway(): Promise<void> {
  const server = await startServer();
  try {
    await benchThroughput(server);
    await benchStreamLatency(server);
  } finally {
    await server.close();
  }
  await benchStreamMemory();
}

if (import.meta.url === `file://${process.argv[1]}`) await benchGateway();
