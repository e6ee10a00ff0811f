import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { listSchema } from '../../src/core/shapes.js';
import {
  type CreateRequestParams,
  collectAll,
  createCustomer,
  createMeter,
  createRequest,
  gateway,
  getCustomerSubscription,
  getRequest,
  getUsage,
  LavaApiError,
  LavaValidationError,
  listRequests,
  type Meter,
  paginate,
} from '../../src/index.js';
import { MeteredRequestSchema } from '../../src/requests/shapes.js';
import { startSubscription } from '../double/billing.js';
import { rejectionOf, useDouble } from '../helpers.js';

const lava = useDouble();

let tokensMeter: Meter;
let requestsMeter: Meter;
let alice: string;
let bob: string;

beforeAll(async () => {
  const config = lava.config();
  tokensMeter = await createMeter(config, {
    name: 'Request tokens',
    rate_type: 'fixed',
    tier_type: 'tokens_1m',
    tiers: [
      { start: '0', rate: '2.00' },
      { start: '1000', rate: '1.00' },
    ],
  });
  requestsMeter = await createMeter(config, {
    name: 'Per call',
    rate_type: 'fixed',
    tier_type: 'requests',
    tiers: [{ start: '0', rate: '0.01' }],
  });
  alice = (await createCustomer(config, { reference_id: 'req_alice' })).customer_id;
  bob = (await createCustomer(config, { reference_id: 'req_bob' })).customer_id;
  // A plan with credit, set up in the double's state (plans are another suite's operations).
  const merchant = lava.double.merchant;
  const plan = lava.double.state.addPlan(merchant, { name: 'Ten dollars', included_credit: '10.00' });
  startSubscription(merchant, merchant.customers.get(alice) as never, plan);
});

async function credit(customerId: string): Promise<string | undefined> {
  return (await getCustomerSubscription(lava.config(), customerId)).subscription?.credits.total_remaining;
}

describe('requests against the double', () => {
  it('creates a request priced by graduated tiers, charges the customer, and gets and lists it', async () => {
    const config = lava.config();
    const before = await credit(alice);
    const created = await createRequest(config, {
      request_id: 'ext_call_1',
      customer_id: alice,
      meter_slug: tokensMeter.meter_slug,
      input_tokens: 1200,
      output_tokens: 300,
      metadata: { feature: 'chat', team: 'core' },
    });
    expect(v.is(MeteredRequestSchema, created)).toBe(true);
    expect(created).toMatchObject({
      request_id: 'ext_call_1',
      status: 'completed',
      customer_id: alice,
      meter_id: tokensMeter.meter_id,
      metadata: { feature: 'chat', team: 'core' },
    });
    expect(created.model_usage.total_tokens).toBe(1500);
    // 1000 tokens at $2/1M + 500 at $1/1M = 0.002 + 0.0005
    expect(created.charge.amount).toBe('0.0025000000');
    expect(created.charge.rate_type).toBe('fixed');
    expect(created.charge.breakdown.map((b) => [b.tier.start, b.tokens, b.cost])).toEqual([
      [0, 1000, '0.0020000000'],
      [1000, 500, '0.0005000000'],
    ]);
    expect(before).toBe('10.0000000000');
    expect(await credit(alice)).toBe('9.9975000000');

    expect(await getRequest(config, 'ext_call_1')).toEqual(created);
    const page = await listRequests(config, { customer_id: alice, limit: 100 });
    expect(v.is(listSchema(MeteredRequestSchema), page)).toBe(true);
    expect(page.data.map((r) => r.request_id)).toContain('ext_call_1');
  });

  it('is idempotent on request_id: a resend returns the stored record and charges nothing again', async () => {
    const config = lava.config();
    const params: CreateRequestParams = {
      request_id: 'ext_call_idem',
      customer_id: 'req_alice', // the reference id works as the customer id
      meter_slug: requestsMeter.meter_slug,
    };
    const first = await createRequest(config, params);
    expect(first.customer_id).toBe(alice);
    expect(first.charge.amount).toBe('0.0100000000');
    const afterFirst = await credit(alice);
    const again = await createRequest(config, { ...params, input_tokens: 99 }, { idempotencyKey: 'retry-1' });
    expect(again).toEqual(first);
    expect(await credit(alice)).toBe(afterFirst);
    const all = await collectAll(listRequests, config, { limit: 100 }, { max: Number.POSITIVE_INFINITY });
    expect(all.filter((r) => r.request_id === 'ext_call_idem')).toHaveLength(1);
  });

  it('filters by customer, meter and metadata pairs (every pair must match exactly)', async () => {
    const config = lava.config();
    const rows: [string, string, Meter, Record<string, string>][] = [
      ['flt_1', bob, tokensMeter, { feature: 'search', env: 'prod' }],
      ['flt_2', bob, requestsMeter, { feature: 'search', env: 'dev' }],
      ['flt_3', bob, tokensMeter, { feature: 'chat', env: 'prod' }],
      ['flt_4', alice, tokensMeter, { feature: 'search', env: 'prod' }],
    ];
    for (const [request_id, customer_id, meter, metadata] of rows) {
      await createRequest(config, {
        request_id,
        customer_id,
        meter_slug: meter.meter_slug,
        metadata,
        input_tokens: 10,
      });
    }
    const ids = async (params: Parameters<typeof listRequests>[1]) =>
      (await collectAll(listRequests, config, params, { max: 1000 }))
        .map((r) => r.request_id)
        .filter((id) => id.startsWith('flt_'));
    expect(await ids({ customer_id: bob })).toEqual(['flt_1', 'flt_2', 'flt_3']);
    expect(await ids({ customer_id: bob, meter_id: tokensMeter.meter_id })).toEqual(['flt_1', 'flt_3']);
    expect(await ids({ metadata_filters: { feature: 'search' } })).toEqual(['flt_1', 'flt_2', 'flt_4']);
    expect(await ids({ metadata_filters: { feature: 'search', env: 'prod' } })).toEqual(['flt_1', 'flt_4']);
    expect(await ids({ customer_id: bob, metadata_filters: { feature: 'search', env: 'prod' } })).toEqual(['flt_1']);
    expect(await ids({ metadata_filters: { feature: 'sea' } })).toEqual([]);
    expect(await ids({ customer_id: 'con_nobody' })).toEqual([]);
  });

  it('paginates over more than two pages, and paginate() stops early without further requests', async () => {
    const config = lava.config();
    for (let i = 0; i < 8; i++) {
      await createRequest(config, {
        request_id: `pg_${i}`,
        customer_id: bob,
        meter_slug: requestsMeter.meter_slug,
        metadata: { batch: 'pages' },
      });
    }
    const filter = { metadata_filters: { batch: 'pages' }, limit: 3 };
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await listRequests(config, cursor ? { ...filter, cursor } : filter);
      pages++;
      seen.push(...page.data.map((r) => r.request_id));
      if (!page.has_more) break;
      cursor = page.next_cursor ?? undefined;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 8 }, (_, i) => `pg_${i}`));

    lava.double.resetRequests();
    const walked: string[] = [];
    for await (const r of paginate(listRequests, config, filter)) walked.push(r.request_id);
    expect(walked).toEqual(seen);
    expect(lava.double.requestCount({ method: 'GET', path: '/v1/requests' })).toBe(3);
    for (const sent of lava.double.requests) expect(sent.query.metadata_filters).toBe('[["batch","pages"]]');

    lava.double.resetRequests();
    let taken = 0;
    for await (const _ of paginate(listRequests, config, filter)) if (++taken === 3) break;
    expect(lava.double.requestCount()).toBe(1);

    lava.double.resetRequests();
    const five = await collectAll(listRequests, config, filter, { max: 5 });
    expect(five.map((r) => r.request_id)).toEqual(seen.slice(0, 5));
    expect(lava.double.requestCount()).toBe(2);
  });

  it('a metered gateway call shows up in listRequests, getRequest and getUsage', async () => {
    const config = lava.config();
    const start = new Date(Date.now() - 60_000).toISOString();
    const usageBefore = await getUsage(config, { start, meter_id: tokensMeter.meter_id, customer_id: alice });
    await gateway(config, 'https://api.openai.com/v1/chat/completions', {
      customer_id: alice,
      meter_slug: tokensMeter.meter_slug,
      body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello there, double' }] },
    });
    const page = await listRequests(config, { customer_id: alice, meter_id: tokensMeter.meter_id, limit: 100 });
    const recorded = page.data.at(-1);
    expect(recorded?.provider).toBe('openai');
    expect(recorded?.model).toBe('gpt-4o-mini');
    expect(recorded?.model_usage.total_tokens).toBeGreaterThan(0);
    expect(v.is(MeteredRequestSchema, recorded)).toBe(true);
    expect(await getRequest(config, recorded?.request_id as string)).toEqual(recorded);
    const usageAfter = await getUsage(config, { start, meter_id: tokensMeter.meter_id, customer_id: alice });
    expect(usageAfter.totals.total_requests).toBe(usageBefore.totals.total_requests + 1);
    expect(usageAfter.totals.total_usage_tokens).toBe(
      usageBefore.totals.total_usage_tokens + (recorded?.model_usage.total_tokens ?? 0),
    );
  });

  it('maps the double’s 404s: unknown request, unknown meter, unknown customer', async () => {
    const config = lava.config();
    const missing = (await rejectionOf(() => getRequest(config, 'req_missing'))) as LavaApiError;
    expect(missing).toBeInstanceOf(LavaApiError);
    expect(missing.status).toBe(404);
    expect(missing.path).toBe('/v1/requests/req_missing');
    const noMeter = (await rejectionOf(() =>
      createRequest(config, { request_id: 'x_1', customer_id: alice, meter_slug: 'no-such-meter' }),
    )) as LavaApiError;
    expect(noMeter.status).toBe(404);
    expect(noMeter.message).toMatch(/no-such-meter/);
    const noCustomer = (await rejectionOf(() =>
      createRequest(config, { request_id: 'x_2', customer_id: 'con_none', meter_slug: tokensMeter.meter_slug }),
    )) as LavaApiError;
    expect(noCustomer.status).toBe(404);
    await expect(getRequest(config, 'x_1')).rejects.toBeInstanceOf(LavaApiError);
  });

  it('maps the double’s 400 for a cursor it never gave', async () => {
    const error = (await rejectionOf(() => listRequests(lava.config(), { cursor: 'req_never' }))) as LavaApiError;
    expect(error).toBeInstanceOf(LavaApiError);
    expect(error.status).toBe(400);
  });

  it('the double answers 400 to malformed metadata_filters (sent around the schema)', async () => {
    const response = await fetch(
      `${lava.double.baseUrl}v1/requests?metadata_filters=${encodeURIComponent('{"a":1}')}`,
      {
        headers: { authorization: `Bearer ${lava.double.secretKey}` },
      },
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/metadata_filters/);
  });
});

describe('request input validation sends nothing', () => {
  const ok: CreateRequestParams = { request_id: 'r', customer_id: 'c', meter_slug: 'm' };
  const cases: [string, () => Promise<unknown>, string][] = [
    [
      'missing request_id',
      () => createRequest(lava.config(), { ...ok, request_id: undefined } as never),
      'params.request_id',
    ],
    ['empty customer_id', () => createRequest(lava.config(), { ...ok, customer_id: '' }), 'params.customer_id'],
    [
      'missing meter_slug',
      () => createRequest(lava.config(), { ...ok, meter_slug: undefined } as never),
      'params.meter_slug',
    ],
    ['negative tokens', () => createRequest(lava.config(), { ...ok, input_tokens: -1 }), 'params.input_tokens'],
    [
      'fractional characters',
      () => createRequest(lava.config(), { ...ok, output_characters: 1.5 }),
      'params.output_characters',
    ],
    [
      'string seconds',
      () => createRequest(lava.config(), { ...ok, input_seconds: '3' } as never),
      'params.input_seconds',
    ],
    ['NaN tokens', () => createRequest(lava.config(), { ...ok, output_tokens: Number.NaN }), 'params.output_tokens'],
    [
      'Infinity seconds',
      () => createRequest(lava.config(), { ...ok, output_seconds: Number.POSITIVE_INFINITY }),
      'params.output_seconds',
    ],
    [
      'metadata number value',
      () => createRequest(lava.config(), { ...ok, metadata: { a: 1 } } as never),
      'params.metadata.a',
    ],
    [
      'metadata key with a dash',
      () => createRequest(lava.config(), { ...ok, metadata: { 'a-b': 'x' } }),
      'params.metadata.a-b',
    ],
    ['metadata array', () => createRequest(lava.config(), { ...ok, metadata: ['x'] } as never), 'params.metadata'],
    [
      'unknown field',
      () => createRequest(lava.config(), { ...ok, connection_id: 'x' } as never),
      'params.connection_id',
    ],
    ['no params', () => createRequest(lava.config(), undefined as never), 'params'],
    ['list: empty customer_id', () => listRequests(lava.config(), { customer_id: '' }), 'params.customer_id'],
    [
      'list: filters not an object',
      () => listRequests(lava.config(), { metadata_filters: 'a=b' } as never),
      'params.metadata_filters',
    ],
    [
      'list: empty filter value',
      () => listRequests(lava.config(), { metadata_filters: { a: '' } }),
      'params.metadata_filters.a',
    ],
    ['list: limit 101', () => listRequests(lava.config(), { limit: 101 }), 'params.limit'],
    ['list: unknown param', () => listRequests(lava.config(), { status: 'error' } as never), 'params.status'],
    ['get: empty id', () => getRequest(lava.config(), ''), 'id'],
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
