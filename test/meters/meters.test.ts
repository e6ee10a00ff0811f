import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DeletedSchema, listSchema } from '../../src/core/shapes.js';
import {
  type CreateMeterParams,
  collectAll,
  createMeter,
  deleteMeter,
  getMeter,
  LavaValidationError,
  listMeters,
  updateMeter,
} from '../../src/index.js';
import { MeterSchema } from '../../src/meters/shapes.js';
import { apiErrorOf, rejectionOf, useDouble } from '../helpers.js';

const lava = useDouble();

describe('meters against the double', () => {
  it('creates, gets, lists, updates and deletes a meter (then 404)', async () => {
    const config = lava.config();
    const created = await createMeter(config, {
      name: 'Chat tokens',
      rate_type: 'fixed',
      tier_type: 'tokens_1m',
      tiers: [
        { start: '0', rate: '2.50' },
        { start: '1000000', rate: '2.00' },
      ],
    });
    expect(v.is(MeterSchema, created)).toBe(true);
    expect(created.meter_slug).toBe('chat-tokens');
    expect(created.rate_type).toBe('fixed');
    // Sent as strings, returned as numbers.
    expect(created.tiers).toEqual([
      { start: 0, rate: '2.50', type: 'tokens_1m' },
      { start: 1_000_000, rate: '2.00', type: 'tokens_1m' },
    ]);

    expect(await getMeter(config, created.meter_id)).toEqual(created);
    const page = await listMeters(config, { limit: 100 });
    expect(v.is(listSchema(MeterSchema), page)).toBe(true);
    expect(page.data.map((m) => m.meter_id)).toContain(created.meter_id);

    const updated = await updateMeter(config, created.meter_id, {
      name: 'Chat tokens v2',
      tiers: [{ start: '0', rate: '3.00' }],
    });
    expect(updated.name).toBe('Chat tokens v2');
    expect(updated.meter_slug).toBe('chat-tokens');
    expect(updated.tiers).toEqual([{ start: 0, rate: '3.00', type: 'tokens_1m' }]);
    expect((await getMeter(config, created.meter_id)).name).toBe('Chat tokens v2');

    const deleted = await deleteMeter(config, created.meter_id);
    expect(v.is(DeletedSchema, deleted)).toBe(true);
    expect(deleted).toEqual({ id: created.meter_id, deleted: true });
    expect((await apiErrorOf(() => getMeter(config, created.meter_id))).status).toBe(404);
    expect((await apiErrorOf(() => deleteMeter(config, created.meter_id))).status).toBe(404);
    const after = await collectAll(listMeters, config, { limit: 100 }, { max: Number.POSITIVE_INFINITY });
    expect(after.map((m) => m.meter_id)).not.toContain(created.meter_id);
  });

  it('generates unique slugs from the name and keeps an explicit one', async () => {
    const config = lava.config();
    const base: Omit<CreateMeterParams, 'name'> = {
      rate_type: 'percentage',
      tier_type: 'requests',
      tiers: [{ start: '0', rate: '20' }],
    };
    const a = await createMeter(config, { ...base, name: 'Image Gen!' });
    const b = await createMeter(config, { ...base, name: 'image gen' });
    const c = await createMeter(config, { ...base, name: 'Whatever', meter_slug: 'custom-slug' });
    expect(a.meter_slug).toBe('image-gen');
    expect(b.meter_slug).toBe('image-gen-2');
    expect(c.meter_slug).toBe('custom-slug');
  });

  it('maps a slug already in use to a 409 from the double', async () => {
    const config = lava.config();
    const params: CreateMeterParams = {
      name: 'Dup',
      meter_slug: 'dup-slug',
      rate_type: 'fixed',
      tier_type: 'minutes',
      tiers: [{ start: '0', rate: '0.10' }],
    };
    await createMeter(config, params);
    const error = await apiErrorOf(() => createMeter(config, params));
    expect(error.status).toBe(409);
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/dup-slug/);
  });

  it('the double rejects a change of an immutable field with a 400 (sent around the schema)', async () => {
    const config = lava.config();
    const meter = await createMeter(config, {
      name: 'Immutable',
      rate_type: 'fixed',
      tier_type: 'characters_1m',
      tiers: [{ start: '0', rate: '1' }],
    });
    // The SDK never sends this; a raw call proves the double itself keeps the rule.
    const response = await fetch(`${lava.double.baseUrl}v1/meters/${meter.meter_id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${lava.double.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rate_type: 'percentage' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/rate_type/);
    expect((await getMeter(config, meter.meter_id)).rate_type).toBe('fixed');
  });

  it('maps the double’s 400 for a cursor it never gave', async () => {
    const error = await apiErrorOf(() => listMeters(lava.config(), { cursor: 'prd_never' }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/cursor/i);
  });

  it('maps a 404 on update of a missing meter', async () => {
    const error = await apiErrorOf(() => updateMeter(lava.config(), 'prd_missing', { name: 'x' }));
    expect(error.status).toBe(404);
    expect(error.path).toBe('/v1/meters/prd_missing');
  });

  it('sends the create body exactly as given, with Idempotency-Key when asked', async () => {
    const config = lava.config();
    lava.double.resetRequests();
    const params: CreateMeterParams = {
      name: 'Wire meter',
      rate_type: 'fixed',
      tier_type: 'tokens_1m',
      tiers: [{ start: '0', rate: '1.5' }],
    };
    await createMeter(config, params, { idempotencyKey: 'meter-1' });
    const sent = lava.double.requests[0];
    expect(sent?.headers['idempotency-key']).toBe('meter-1');
    expect(JSON.parse(sent?.body ?? '')).toEqual(params);
  });
});

describe('meter input validation sends nothing', () => {
  const good: CreateMeterParams = {
    name: 'ok',
    rate_type: 'fixed',
    tier_type: 'tokens_1m',
    tiers: [{ start: '0', rate: '1.00' }],
  };
  const cases: [string, () => Promise<unknown>, string][] = [
    ['missing name', () => createMeter(lava.config(), { ...good, name: undefined } as never), 'params.name'],
    ['empty name', () => createMeter(lava.config(), { ...good, name: '' }), 'params.name'],
    ['bad rate_type', () => createMeter(lava.config(), { ...good, rate_type: 'flat' } as never), 'params.rate_type'],
    ['bad tier_type', () => createMeter(lava.config(), { ...good, tier_type: 'tokens' } as never), 'params.tier_type'],
    ['no tiers', () => createMeter(lava.config(), { ...good, tiers: [] }), 'params.tiers'],
    [
      'first tier not at 0',
      () => createMeter(lava.config(), { ...good, tiers: [{ start: '10', rate: '1' }] }),
      'params.tiers.0.start',
    ],
    [
      'descending tiers',
      () =>
        createMeter(lava.config(), {
          ...good,
          tiers: [
            { start: '0', rate: '1' },
            { start: '500', rate: '1' },
            { start: '500', rate: '0.5' },
          ],
        }),
      'params.tiers.2.start',
    ],
    [
      'numeric start',
      () => createMeter(lava.config(), { ...good, tiers: [{ start: 0, rate: '1' }] } as never),
      'params.tiers.0.start',
    ],
    [
      'rate not a decimal string',
      () => createMeter(lava.config(), { ...good, tiers: [{ start: '0', rate: '$1' }] }),
      'params.tiers.0.rate',
    ],
    [
      'negative rate',
      () => createMeter(lava.config(), { ...good, tiers: [{ start: '0', rate: '-1' }] }),
      'params.tiers.0.rate',
    ],
    [
      'unknown field',
      () => createMeter(lava.config(), { ...good, token_basis: 'output' } as never),
      'params.token_basis',
    ],
    [
      'update rate_type',
      () => updateMeter(lava.config(), 'prd_1', { rate_type: 'fixed' } as never),
      'params.rate_type',
    ],
    [
      'update tier_type',
      () => updateMeter(lava.config(), 'prd_1', { tier_type: 'minutes' } as never),
      'params.tier_type',
    ],
    ['update meter_slug', () => updateMeter(lava.config(), 'prd_1', { meter_slug: 'x' } as never), 'params.meter_slug'],
    ['update empty tiers', () => updateMeter(lava.config(), 'prd_1', { tiers: [] }), 'params.tiers'],
    ['empty id (get)', () => getMeter(lava.config(), ''), 'id'],
    ['dot id (update)', () => updateMeter(lava.config(), '.', { name: 'x' }), 'id'],
    ['empty id (delete)', () => deleteMeter(lava.config(), ''), 'id'],
    ['limit 0', () => listMeters(lava.config(), { limit: 0 }), 'params.limit'],
  ];
  for (const [name, call, field] of cases) {
    it(`${name} → LavaValidationError naming ${field}`, async () => {
      lava.double.resetRequests();
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(LavaValidationError);
      expect((error as LavaValidationError).field).toBe(field);
      expect((error as LavaValidationError).message).toContain(field);
      expect(lava.double.requestCount()).toBe(0);
    });
  }

  it('the immutable-field error says why', async () => {
    const error = await rejectionOf(() => updateMeter(lava.config(), 'prd_1', { rate_type: 'fixed' } as never));
    expect((error as LavaValidationError).message).toMatch(/cannot be changed/);
  });
});
