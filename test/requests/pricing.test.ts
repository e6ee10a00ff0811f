// Unit tests of the double's pricing module (pure functions; the REST suites test it end to end).
import { describe, expect, it } from 'vitest';
import { findMeter, priceUsage, recordRequest } from '../double/pricing.js';
import { DoubleState, type MeterRecord, type TierType, toUnits } from '../double/state.js';

function meter(rate_type: MeterRecord['rate_type'], tier_type: TierType, tiers: [number, string][]): MeterRecord {
  return {
    meter_id: 'prd_test_unit',
    meter_slug: 'unit',
    name: 'unit',
    rate_type,
    tier_type,
    tiers: tiers.map(([start, rate]) => ({ start, rate, type: tier_type })),
    created_at: '2025-01-01T00:00:00.000Z',
    _deleted: false,
  };
}

describe('priceUsage', () => {
  it('charges nothing without a meter', () => {
    const { charge, amountUnits } = priceUsage(undefined, { input_tokens: 1000 }, toUnits('1'));
    expect(amountUnits).toBe(0n);
    expect(charge).toEqual({ amount: '0.0000000000', rate_type: 'fixed', breakdown: [] });
  });

  it('fixed tokens_1m: graduated tiers, each from its start upward, input and output tokens together', () => {
    const m = meter('fixed', 'tokens_1m', [
      [0, '3.00'],
      [1_000_000, '2.00'],
      [3_000_000, '1.00'],
    ]);
    const { charge, amountUnits } = priceUsage(m, { input_tokens: 2_500_000, output_tokens: 1_000_000 }, 0n);
    // 1M × 3 + 2M × 2 + 0.5M × 1
    expect(charge.amount).toBe('7.5000000000');
    expect(amountUnits).toBe(toUnits('7.5'));
    expect(charge.breakdown.map((b) => [b.tier.start, b.tokens, b.cost])).toEqual([
      [0, 1_000_000, '3.0000000000'],
      [1_000_000, 2_000_000, '4.0000000000'],
      [3_000_000, 500_000, '0.5000000000'],
    ]);
  });

  it('a quantity ending exactly at a tier start leaves that tier out', () => {
    const m = meter('fixed', 'tokens_1m', [
      [0, '1.00'],
      [100, '5.00'],
    ]);
    const { charge } = priceUsage(m, { output_tokens: 100 }, 0n);
    expect(charge.breakdown).toHaveLength(1);
    expect(charge.amount).toBe('0.0001000000');
  });

  it('zero usage costs zero with an empty breakdown', () => {
    const { charge } = priceUsage(meter('fixed', 'tokens_1m', [[0, '9']]), {}, toUnits('1'));
    expect(charge).toEqual({ amount: '0.0000000000', rate_type: 'fixed', breakdown: [] });
  });

  it('fixed characters_1m counts characters, not tokens', () => {
    const m = meter('fixed', 'characters_1m', [[0, '10.00']]);
    const { charge } = priceUsage(m, { input_tokens: 999, input_characters: 200_000, output_characters: 50_000 }, 0n);
    expect(charge.amount).toBe('2.5000000000');
    expect(charge.breakdown[0]).toMatchObject({ characters: 250_000, tokens: 0, seconds: 0 });
  });

  it('fixed minutes rates per minute of seconds', () => {
    const m = meter('fixed', 'minutes', [[0, '0.60']]);
    const { charge } = priceUsage(m, { input_seconds: 60, output_seconds: 30 }, 0n);
    expect(charge.amount).toBe('0.9000000000');
    expect(charge.breakdown[0]?.seconds).toBe(90);
  });

  it('fixed requests charges the rate once per call, whatever the counts', () => {
    const m = meter('fixed', 'requests', [
      [0, '0.02'],
      [10, '0.01'],
    ]);
    expect(priceUsage(m, { input_tokens: 5_000_000 }, 0n).charge.amount).toBe('0.0200000000');
  });

  it('percentage charges rate% of the provider cost, shared between tiers by quantity', () => {
    expect(priceUsage(meter('percentage', 'requests', [[0, '20']]), {}, toUnits('0.05')).charge.amount).toBe(
      '0.0100000000',
    );
    const graduated = meter('percentage', 'tokens_1m', [
      [0, '50'],
      [300, '10'],
    ]);
    const { charge } = priceUsage(graduated, { input_tokens: 400 }, toUnits('0.04'));
    // 3/4 of 0.04 at 50% + 1/4 of 0.04 at 10%
    expect(charge.breakdown.map((b) => b.cost)).toEqual(['0.0150000000', '0.0010000000']);
    expect(charge.amount).toBe('0.0160000000');
    expect(charge.rate_type).toBe('percentage');
  });

  it('rounds to the nearest 1e-10, never in floats', () => {
    const m = meter('fixed', 'tokens_1m', [[0, '0.0000000003']]);
    expect(priceUsage(m, { input_tokens: 1_500_000 }, 0n).amountUnits).toBe(5n); // 4.5 → 5
    expect(priceUsage(m, { input_tokens: 1_000_000 }, 0n).amountUnits).toBe(3n);
    expect(priceUsage(m, { input_tokens: 100_000 }, 0n).amountUnits).toBe(0n);
  });
});

describe('findMeter and recordRequest', () => {
  it('finds live meters by id or slug only', () => {
    const { merchant } = new DoubleState().createMerchant('test');
    const m = meter('fixed', 'requests', [[0, '1']]);
    merchant.meters.set(m.meter_id, m);
    expect(findMeter(merchant, 'prd_test_unit')).toBe(m);
    expect(findMeter(merchant, 'unit')).toBe(m);
    expect(findMeter(merchant, 'other')).toBeUndefined();
    m._deleted = true;
    expect(findMeter(merchant, 'unit')).toBeUndefined();
  });

  it('stores a priced record with its usage split and returns the stored one for a known request_id', () => {
    const { merchant } = new DoubleState().createMerchant('test');
    const m = meter('fixed', 'tokens_1m', [[0, '1.00']]);
    const input = {
      customer_id: 'con_test_1',
      meter: m,
      provider: 'openai',
      provider_key_type: 'managed' as const,
      endpoint: 'POST https://api.openai.com/v1/chat/completions',
      model: 'gpt-4o-mini',
      usage: { input_tokens: 300, output_tokens: 100 },
      providerCostUnits: toUnits('0.0004'),
      metadata: { feature: 'chat' },
    };
    const record = recordRequest(merchant, input);
    expect(record.request_id).toMatch(/^req_test_/);
    expect(merchant.requests.get(record.request_id)).toBe(record);
    expect(record).toMatchObject({
      status: 'completed',
      customer_id: 'con_test_1',
      meter_id: 'prd_test_unit',
      model: 'gpt-4o-mini',
      cost: '0.0004000000',
      metadata: { feature: 'chat' },
    });
    expect(record.model_usage).toMatchObject({
      input_tokens: 300,
      output_tokens: 100,
      total_tokens: 400,
      total_characters: 0,
      input_cost: '0.0003000000',
      output_cost: '0.0001000000',
      total_cost: '0.0004000000',
    });
    expect(record.charge.amount).toBe('0.0004000000');
    expect(record).not.toHaveProperty('response_id');

    const first = recordRequest(merchant, { ...input, request_id: 'req_fixed' });
    const again = recordRequest(merchant, { ...input, request_id: 'req_fixed', usage: { input_tokens: 1 } });
    expect(again).toBe(first);
    expect(merchant.requests.size).toBe(2);
  });

  it('records an error status and no meter with a zero charge', () => {
    const { merchant } = new DoubleState().createMerchant('live');
    const record = recordRequest(merchant, {
      provider: 'anthropic',
      provider_key_type: 'unmanaged',
      endpoint: 'POST https://api.anthropic.com/v1/messages',
      usage: {},
      providerCostUnits: 0n,
      status: 'error',
    });
    expect(record.request_id).toMatch(/^req_(?!test_)/);
    expect(record.status).toBe('error');
    expect(record.charge.amount).toBe('0.0000000000');
    expect(record).not.toHaveProperty('meter_id');
  });
});
