import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createCustomer,
  createMeter,
  createRequest,
  getUsage,
  LavaApiError,
  LavaValidationError,
  type Meter,
} from '../../src/index.js';
import { UsageSchema } from '../../src/usage/shapes.js';
import { findMeter, recordRequest } from '../double/pricing.js';
import { toUnits } from '../double/state.js';
import { rejectionOf, useDouble } from '../helpers.js';

const lava = useDouble();
let meterA: Meter;
let meterB: Meter;
let ann: string;
let ben: string;

/** Records a request in the double at a given time, as the gateway would have. */
function recordAt(at: string, customer: string, meter: Meter, tokens: number, metadata: Record<string, string> = {}) {
  const merchant = lava.double.merchant;
  const record = recordRequest(merchant, {
    customer_id: customer,
    meter: findMeter(merchant, meter.meter_slug) as never,
    provider: 'openai',
    provider_key_type: 'managed',
    endpoint: 'POST https://api.openai.com/v1/chat/completions',
    model: 'gpt-4o-mini',
    usage: { input_tokens: tokens, output_tokens: 0 },
    providerCostUnits: toUnits('0.01'),
    metadata,
  });
  record.created_at = at;
  record.timestamp = at;
  return record;
}

beforeAll(async () => {
  const config = lava.config();
  meterA = await createMeter(config, {
    name: 'Usage A',
    rate_type: 'fixed',
    tier_type: 'tokens_1m',
    tiers: [{ start: '0', rate: '1.00' }],
  });
  meterB = await createMeter(config, {
    name: 'Usage B',
    rate_type: 'percentage',
    tier_type: 'tokens_1m',
    tiers: [{ start: '0', rate: '50' }],
  });
  ann = (await createCustomer(config, { reference_id: 'usage_ann' })).customer_id;
  ben = (await createCustomer(config, { reference_id: 'usage_ben' })).customer_id;
  recordAt('2025-03-01T10:00:00.000Z', ann, meterA, 1_000_000, { feature: 'chat' }); // charge 1.00
  recordAt('2025-03-01T23:30:00.000Z', ben, meterB, 2_000, { feature: 'search' }); // charge 0.005 (50% of 0.01)
  recordAt('2025-03-03T08:00:00.000Z', ann, meterA, 500_000, { feature: 'chat', env: 'prod' }); // charge 0.50
  recordAt('2025-02-28T23:59:59.000Z', ann, meterA, 7); // before the period
});

describe('usage against the double', () => {
  it('returns one bucket per day from start to end, with zero days, and the totals', async () => {
    const usage = await getUsage(lava.config(), { start: '2025-03-01', end: '2025-03-04T00:00:00Z' });
    expect(v.is(UsageSchema, usage)).toBe(true);
    expect(usage.items.map((i) => [i.date, i.total_requests, i.total_usage_tokens, i.total_charge])).toEqual([
      ['2025-03-01', 2, 1_002_000, '1.0050000000'],
      ['2025-03-02', 0, 0, '0.0000000000'],
      ['2025-03-03', 1, 500_000, '0.5000000000'],
    ]);
    expect(usage.items[0]?.start).toBe('2025-03-01T00:00:00.000Z');
    expect(usage.items[2]?.end).toBe('2025-03-04T00:00:00.000Z');
    expect(usage.totals).toEqual({
      total_requests: 3,
      total_usage_tokens: 1_502_000,
      total_cost: '0.0300000000',
      total_charge: '1.5050000000',
    });
  });

  it('groups days in the UTC offset written in start', async () => {
    // At +05:00, 23:59:59Z on February 28th is already March 1st, and 23:30Z on March 1st is
    // 04:30 on March 2nd.
    const usage = await getUsage(lava.config(), {
      start: '2025-03-01T00:00:00+05:00',
      end: '2025-03-03T00:00:00+05:00',
    });
    expect(usage.items.map((i) => [i.date, i.total_requests])).toEqual([
      ['2025-03-01', 2],
      ['2025-03-02', 1],
    ]);
    expect(usage.items[0]?.start).toBe('2025-02-28T19:00:00.000Z');
  });

  it('filters by customer (id or reference id), meter and metadata', async () => {
    const config = lava.config();
    const period = { start: '2025-03-01', end: '2025-03-05' };
    const total = async (filters: Omit<Parameters<typeof getUsage>[1], 'start' | 'end'>) =>
      (await getUsage(config, { ...period, ...filters })).totals.total_requests;
    expect(await total({ customer_id: ann })).toBe(2);
    expect(await total({ customer_id: 'usage_ben' })).toBe(1);
    expect(await total({ meter_id: meterB.meter_id })).toBe(1);
    expect(await total({ metadata_filters: { feature: 'chat' } })).toBe(2);
    expect(await total({ metadata_filters: { feature: 'chat', env: 'prod' } })).toBe(1);
    expect(await total({ customer_id: ben, metadata_filters: { feature: 'chat' } })).toBe(0);
  });

  it('defaults end to now and sees a request just created', async () => {
    const config = lava.config();
    const start = new Date(Date.now() - 60_000).toISOString();
    const before = (await getUsage(config, { start, customer_id: ben })).totals.total_requests;
    await createRequest(config, {
      request_id: 'usage_now',
      customer_id: ben,
      meter_slug: meterA.meter_slug,
      input_tokens: 5,
    });
    const after = await getUsage(config, { start, customer_id: ben });
    expect(after.totals.total_requests).toBe(before + 1);
    expect(after.items.length).toBeGreaterThanOrEqual(1);
  });

  it('sends start, end, filters and metadata_filters (JSON pairs) as the query', async () => {
    lava.double.resetRequests();
    await getUsage(lava.config(), {
      start: '2025-03-01',
      end: '2025-03-02',
      customer_id: ann,
      meter_id: meterA.meter_id,
      metadata_filters: { feature: 'chat' },
    });
    expect(lava.double.requests[0]?.query).toEqual({
      start: '2025-03-01',
      end: '2025-03-02',
      customer_id: ann,
      meter_id: meterA.meter_id,
      metadata_filters: '[["feature","chat"]]',
    });
  });

  it('maps the double’s 400 for a period it refuses to bucket', async () => {
    const error = (await rejectionOf(() =>
      getUsage(lava.config(), { start: '2020-01-01', end: '2025-01-01' }),
    )) as LavaApiError;
    expect(error).toBeInstanceOf(LavaApiError);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/1000 days/);
  });
});

describe('usage input validation sends nothing', () => {
  const cases: [string, () => Promise<unknown>, string][] = [
    ['no params', () => getUsage(lava.config(), undefined as never), 'params'],
    ['missing start', () => getUsage(lava.config(), {} as never), 'params.start'],
    ['start not ISO', () => getUsage(lava.config(), { start: 'March 1st' }), 'params.start'],
    ['start a Date object', () => getUsage(lava.config(), { start: new Date() as never }), 'params.start'],
    ['start impossible month', () => getUsage(lava.config(), { start: '2025-13-01' }), 'params.start'],
    ['end before start', () => getUsage(lava.config(), { start: '2025-03-02', end: '2025-03-01' }), 'params.end'],
    ['end not ISO', () => getUsage(lava.config(), { start: '2025-03-01', end: 'tomorrow' }), 'params.end'],
    [
      'empty customer_id',
      () => getUsage(lava.config(), { start: '2025-03-01', customer_id: '' }),
      'params.customer_id',
    ],
    [
      'filter value not a string',
      () => getUsage(lava.config(), { start: '2025-03-01', metadata_filters: { a: 1 } } as never),
      'params.metadata_filters.a',
    ],
    [
      'unknown param',
      () => getUsage(lava.config(), { start: '2025-03-01', product_id: 'x' } as never),
      'params.product_id',
    ],
  ];
  for (const [name, call, field] of cases) {
    it(`${name} → LavaValidationError naming ${field}`, async () => {
      lava.double.resetRequests();
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(LavaValidationError);
      expect((error as LavaValidationError).field).toBe(field);
      expect(lava.double.requestCount()).toBe(0);
    });
  }
});
