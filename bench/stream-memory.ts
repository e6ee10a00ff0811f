// One fresh process per measurement (a process that already streamed has a grown heap to reuse,
// which would flatter whichever client runs second): streams N MB through raw fetch or
// gatewayStream and prints `{ growth, mbps, chars }` — RSS growth (peak − before) in MB.
import { createConfig, gatewayStream, generateForwardToken } from '../src/index.js';

const { kind, baseUrl, secretKey, megabytes } = JSON.parse(process.argv[2] ?? '{}') as {
  kind: 'raw' | 'fn';
  baseUrl: string;
  secretKey: string;
  megabytes: number;
};
const UPSTREAM = 'https://api.openai.com/v1/chat/completions';
const config = createConfig({ secretKey, baseUrl, timeout: 120_000 });
const body = {
  model: `lava-double-bytes-${megabytes * 1_000_000}`,
  stream: true,
  messages: [{ role: 'user', content: 'x' }],
};

async function consume(): Promise<number> {
  if (kind === 'raw') {
    const response = await fetch(`${baseUrl}v1/forward?u=${encodeURIComponent(UPSTREAM)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${generateForwardToken(config, {})}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    let bytes = 0;
    for await (const chunk of response.body as ReadableStream<Uint8Array>) bytes += chunk.byteLength;
    return bytes;
  }
  let chars = 0;
  const stream = await gatewayStream(config, UPSTREAM, { body });
  for await (const event of stream) chars += event.data.length;
  return chars;
}

// Warm the client (fetch's first use loads its implementation) on a tiny stream first.
await fetch(`${baseUrl}v1/models`).then((r) => r.arrayBuffer());
// With --expose-gc: the heap that survives a full collection, before and after, which is what a
// buffering client would keep (RSS also counts garbage that V8 has not collected yet).
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 10);
const started = performance.now();
const chars = await consume();
const seconds = (performance.now() - started) / 1_000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
gc?.();
const retained = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
console.log(JSON.stringify({ growth: (peak - before) / 2 ** 20, retained, mbps: chars / 1e6 / seconds, chars }));
