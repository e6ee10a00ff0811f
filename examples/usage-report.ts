// A usage report: every metered request of the last N days, walked page by page with `paginate`,
// summed per customer, next to Lava's own daily totals from `getUsage`.
//
//   LAVA_SECRET_KEY=aks_test_… npx tsx --tsconfig examples/tsconfig.json examples/usage-report.ts [days]
//
// (`LAVA_BASE_URL` points it at another API, such as the local double.) In an application the
// import is the same `from '@lava/fn'`; the tsconfig flag only maps it to this repository's sources.
import { pathToFileURL } from 'node:url';
import { createConfig, getUsage, type LavaConfig, listRequests, paginate } from '@lava/fn';

/** One line of the report. */
export interface CustomerUsage {
  customer: string;
  requests: number;
  tokens: number;
  /** What the providers cost, in USD (decimal strings summed in micro-dollars to avoid float drift). */
  cost: number;
  /** What the customer was charged, in USD. */
  charge: number;
}

/** Sums every request created since `since`, per customer, busiest first. */
export async function usageByCustomer(config: LavaConfig, since: Date): Promise<CustomerUsage[]> {
  const totals = new Map<string, { requests: number; tokens: number; cost: bigint; charge: bigint }>();
  // `paginate` fetches the next page only when the loop reaches it. Lava documents no sort order
  // for lists, so every page is read and older requests are skipped (a `break` would stop early).
  for await (const request of paginate(listRequests, config, { limit: 100 })) {
    if (new Date(request.created_at) < since) continue;
    const key = request.customer_id ?? '(no customer)';
    const line = totals.get(key) ?? { requests: 0, tokens: 0, cost: 0n, charge: 0n };
    line.requests += 1;
    line.tokens += request.model_usage.total_tokens;
    line.cost += micros(request.cost);
    line.charge += micros(request.charge.amount);
    totals.set(key, line);
  }
  return [...totals]
    .map(([customer, t]) => ({
      customer,
      requests: t.requests,
      tokens: t.tokens,
      cost: Number(t.cost) / 1e6,
      charge: Number(t.charge) / 1e6,
    }))
    .sort((a, b) => b.requests - a.requests || a.customer.localeCompare(b.customer));
}

/** A decimal string such as "0.000123" as whole micro-dollars (rounded down). */
function micros(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
}

/** The printable report: one row per customer and Lava's totals for the same period. */
export async function usageReport(config: LavaConfig, days: number): Promise<string> {
  const since = new Date(Date.now() - days * 86_400_000);
  const [rows, usage] = await Promise.all([
    usageByCustomer(config, since),
    getUsage(config, { start: since.toISOString() }),
  ]);
  const lines = [
    `Usage of the last ${days} day(s), since ${since.toISOString()}`,
    '',
    `${'customer'.padEnd(28)} ${'requests'.padStart(8)} ${'tokens'.padStart(10)} ${'cost $'.padStart(12)} ${'charged $'.padStart(12)}`,
    ...rows.map(
      (r) =>
        `${r.customer.padEnd(28)} ${String(r.requests).padStart(8)} ${String(r.tokens).padStart(10)} ${r.cost.toFixed(6).padStart(12)} ${r.charge.toFixed(6).padStart(12)}`,
    ),
    '',
    `Lava's totals: ${usage.totals.total_requests} requests, ${usage.totals.total_usage_tokens} tokens, ` +
      `cost $${usage.totals.total_cost}, charged $${usage.totals.total_charge}`,
  ];
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const days = Number(process.argv[2] ?? 7);
  console.log(await usageReport(createConfig(), days));
}
