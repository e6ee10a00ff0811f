// REST throughput on loopback (issue 3): `getCustomer` through @lava/fn, a raw `fetch` of the same
// request, the official @lavapayments/nodejs SDK, and plain ky for reference — sequential and with
// 32 calls in flight, against the double in another process.
import { Lava } from '@lavapayments/nodejs';
import ky from 'ky';
import { createConfig, getCustomer } from '../src/index.js';
import { type Contender, printTable, QUICK, ROUNDS, rounds, startServer } from './harness.js';

export async function benchRest(): Promise<void> {
  const server = await startServer();
  try {
    const url = `${server.baseUrl}v1/customers/${server.customerId}`;
    const headers = { authorization: `Bearer ${server.secretKey}`, accept: 'application/json' };
    const check = (customer: unknown) => {
      if ((customer as { customer_id?: unknown }).customer_id !== server.customerId) throw new Error('wrong answer');
    };
    const config = createConfig({ secretKey: server.secretKey, baseUrl: server.baseUrl });
    const official = new Lava(server.secretKey, { baseUrl: `${server.baseUrl}v1/` });
    const contenders: Contender[] = [
      {
        name: 'raw fetch',
        call: async () => {
          const response = await fetch(url, { headers });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          check(JSON.parse(await response.text()));
        },
      },
      { name: '@lava/fn getCustomer', call: async () => check(await getCustomer(config, server.customerId)) },
      {
        name: 'official customers.retrieve',
        call: async () => check(await official.customers.retrieve(server.customerId)),
      },
      { name: 'plain ky (reference)', call: async () => check(await ky.get(url, { headers }).json()) },
    ];
    for (const concurrency of [1, 32]) {
      const calls = QUICK ? 50 : concurrency === 1 ? 200 : 800;
      const results = await rounds(contenders, { rounds: ROUNDS, calls, concurrency });
      printTable(
        `REST GET /v1/customers/{id} — concurrency ${concurrency}, ${ROUNDS} interleaved rounds of ${calls} calls (median)`,
        ['client', 'calls/s', '× raw fetch', 'client CPU µs/call', 'CPU × raw fetch'],
        results.map((r) => [r.name, r.rate.toFixed(0), r.ratio.toFixed(2), r.cpu.toFixed(0), r.cpuRatio.toFixed(2)]),
      );
    }
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRest();
