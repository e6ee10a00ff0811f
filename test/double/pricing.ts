// Meter pricing and request recording, shared by the REST `requests` routes and the gateway.
// Money is bigint units of 1e-10 USD (see state.ts), so nothing is ever rounded in floats.
//
// Tier semantics (lava-api.md §3.6): the quantity a meter counts depends on its `tier_type` —
// tokens (input + output), characters (input + output), seconds (rated per minute) or one per
// request. Tiers are graduated: tier i prices the part of the quantity from its `start` up to the
// next tier's `start`. `fixed` charges `rate` per unit (per 1M tokens / characters, per minute, per
// request); `percentage` charges `rate`% of the provider cost, the cost being shared between the
// tiers in proportion to the quantity each one prices. The quantity is the call's own: the docs do
// not say that tiers accumulate across calls, so every call starts again from 0.
import { fromUnits, type Merchant, type MeterRecord, newId, nowIso, type RequestRecord, toUnits } from './state.js';

/** The usage counts of one call, as the gateway or `createRequest` reports them. */
export interface UsageAmounts {
  input_tokens?: number;
  output_tokens?: number;
  input_characters?: number;
  output_characters?: number;
  input_seconds?: number;
  output_seconds?: number;
}

/** A live meter by id or slug, or undefined. */
export function findMeter(merchant: Merchant, idOrSlug: string): MeterRecord | undefined {
  const byId = merchant.meters.get(idOrSlug);
  if (byId && !byId._deleted) return byId;
  for (const meter of merchant.meters.values()) {
    if (!meter._deleted && meter.meter_slug === idOrSlug) return meter;
  }
  return undefined;
}

const ZERO = fromUnits(0n);

/** Divides with rounding half away from zero (amounts here are never negative). */
function divRound(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

function count(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/** The quantity a meter counts for this usage, and how many of those units one `rate` prices. */
function quantityOf(meter: MeterRecord, usage: UsageAmounts): { quantity: number; perRate: bigint } {
  switch (meter.tier_type) {
    case 'tokens_1m':
      return { quantity: count(usage.input_tokens) + count(usage.output_tokens), perRate: 1_000_000n };
    case 'characters_1m':
      return { quantity: count(usage.input_characters) + count(usage.output_characters), perRate: 1_000_000n };
    case 'minutes':
      return { quantity: count(usage.input_seconds) + count(usage.output_seconds), perRate: 60n };
    case 'requests':
      return { quantity: 1, perRate: 1n };
  }
}

/**
 * Prices one call's usage with a meter. Without a meter the charge is zero (the merchant or
 * nobody pays; the gateway decides).
 */
export function priceUsage(
  meter: MeterRecord | undefined,
  usage: UsageAmounts,
  providerCostUnits: bigint,
): { charge: RequestRecord['charge']; amountUnits: bigint } {
  if (!meter) return { charge: { amount: ZERO, rate_type: 'fixed', breakdown: [] }, amountUnits: 0n };
  const { quantity, perRate } = quantityOf(meter, usage);
  const tiers = [...meter.tiers].sort((a, b) => a.start - b.start);
  const breakdown: RequestRecord['charge']['breakdown'] = [];
  let total = 0n;
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i] as MeterRecord['tiers'][number];
    const end = tiers[i + 1]?.start ?? Number.POSITIVE_INFINITY;
    const portion = Math.max(0, Math.min(quantity, end) - tier.start);
    if (portion === 0) continue;
    const rate = toUnits(tier.rate);
    const cost =
      meter.rate_type === 'fixed'
        ? divRound(rate * BigInt(portion), perRate)
        : // rate is a percentage in units of 1e-10: cost × portion/quantity × rate/100.
          divRound(providerCostUnits * BigInt(portion) * rate, BigInt(quantity) * 100n * 10n ** 10n);
    total += cost;
    breakdown.push({
      tier: { start: tier.start, rate: tier.rate, type: tier.type },
      tokens: meter.tier_type === 'tokens_1m' ? portion : 0,
      characters: meter.tier_type === 'characters_1m' ? portion : 0,
      seconds: meter.tier_type === 'minutes' ? portion : 0,
      cost: fromUnits(cost),
    });
  }
  return { charge: { amount: fromUnits(total), rate_type: meter.rate_type, breakdown }, amountUnits: total };
}

/** What the gateway or `createRequest` knows about a call it records. */
export interface RecordRequestInput {
  request_id?: string;
  customer_id?: string;
  meter?: MeterRecord;
  provider: string;
  provider_key_type: 'managed' | 'unmanaged';
  endpoint: string;
  model?: string;
  response_id?: string;
  usage: UsageAmounts;
  providerCostUnits: bigint;
  metadata?: Record<string, string>;
  status?: 'completed' | 'error';
}

/** Splits the provider cost between input and output in proportion to the metered counts. */
function splitCost(usage: UsageAmounts, costUnits: bigint): { input: bigint; output: bigint } {
  const pairs: [number, number][] = [
    [count(usage.input_tokens), count(usage.output_tokens)],
    [count(usage.input_characters), count(usage.output_characters)],
    [count(usage.input_seconds), count(usage.output_seconds)],
  ];
  const pair = pairs.find(([input, output]) => input + output > 0);
  if (!pair) return { input: costUnits, output: 0n };
  const input = divRound(costUnits * BigInt(pair[0]), BigInt(pair[0] + pair[1]));
  return { input, output: costUnits - input };
}

/**
 * Prices and stores one metered call, returning its record. A `request_id` already recorded
 * returns the existing record unchanged (requests are idempotent on their id). Deducting the
 * charge from a customer's credit is the caller's business (billing.ts).
 */
export function recordRequest(merchant: Merchant, input: RecordRequestInput): RequestRecord {
  if (input.request_id !== undefined) {
    const existing = merchant.requests.get(input.request_id);
    if (existing) return existing;
  }
  const usage = input.usage;
  const tokens = [count(usage.input_tokens), count(usage.output_tokens)] as const;
  const characters = [count(usage.input_characters), count(usage.output_characters)] as const;
  const seconds = [count(usage.input_seconds), count(usage.output_seconds)] as const;
  const cost = splitCost(usage, input.providerCostUnits);
  const { charge } = priceUsage(input.meter, usage, input.providerCostUnits);
  const createdAt = nowIso();
  const record: RequestRecord = {
    request_id: input.request_id ?? newId(merchant.mode === 'test' ? 'req_test_' : 'req_'),
    status: input.status ?? 'completed',
    ...(input.customer_id !== undefined ? { customer_id: input.customer_id } : {}),
    ...(input.meter !== undefined ? { meter_id: input.meter.meter_id } : {}),
    ...(input.model !== undefined ? { model: input.model } : {}),
    ...(input.response_id !== undefined ? { response_id: input.response_id } : {}),
    timestamp: createdAt,
    provider: input.provider,
    provider_key_type: input.provider_key_type,
    endpoint: input.endpoint,
    model_usage: {
      input_tokens: tokens[0],
      output_tokens: tokens[1],
      total_tokens: tokens[0] + tokens[1],
      input_characters: characters[0],
      output_characters: characters[1],
      total_characters: characters[0] + characters[1],
      input_seconds: seconds[0],
      output_seconds: seconds[1],
      total_seconds: seconds[0] + seconds[1],
      input_cost: fromUnits(cost.input),
      output_cost: fromUnits(cost.output),
      total_cost: fromUnits(input.providerCostUnits),
    },
    cost: fromUnits(input.providerCostUnits),
    charge,
    metadata: { ...(input.metadata ?? {}) },
    created_at: createdAt,
  };
  merchant.requests.set(record.request_id, record);
  return record;
}
