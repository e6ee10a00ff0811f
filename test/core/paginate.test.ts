import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  type Customer,
  collectAll,
  createCustomer,
  createMeter,
  createPlan,
  createRequest,
  createSecretKey,
  createSpendKey,
  createSubscription,
  createWebhook,
  isLavaAbortError,
  isLavaError,
  LavaValidationError,
  type ListFunction,
  listCreditBundles,
  listCustomers,
  listMeters,
  listPlans,
  listRequests,
  listSecretKeys,
  listSpendKeys,
  listSubscriptions,
  listWebhooks,
  type MeteredRequest,
  type PageParams,
  type Plan,
  paginate,
  type SpendKey,
  type Subscription,
} from '../../src/index.js';
import { rejectionOf, useDouble } from '../helpers.js';

const lava = useDouble();
const TOTAL = 11;
let created: string[] = [];

beforeAll(async () => {
  const config = lava.config();
  created = [];
  for (let i = 0; i < TOTAL; i++) {
    created.push((await createCustomer(config, { reference_id: `paginate_${i}` })).customer_id);
  }
});

const listPath = { method: 'GET', path: '/v1/customers' };

describe('paginate()', () => {
  it('yields every item across more than two pages, one request per page, cursors from next_cursor', async () => {
    const config = lava.config();
    lava.double.resetRequests();
    const seen: string[] = [];
    for await (const customer of paginate(listCustomers, config, { limit: 4 })) {
      expectTypeOf(customer).toEqualTypeOf<Customer>();
      seen.push(customer.customer_id);
    }
    expect(seen).toEqual(created);
    expect(lava.double.requestCount(listPath)).toBe(3);
    const queries = lava.double.requests.map((r) => r.query);
    expect(queries[0]).toEqual({ limit: '4' });
    expect(queries[1]).toEqual({ limit: '4', cursor: created[3] });
    expect(queries[2]).toEqual({ limit: '4', cursor: created[7] });
  });

  it('is typed from the list function: its params are checked, its items inferred', () => {
    const config = lava.config();
    // @ts-expect-error listCustomers takes no customer_id filter
    const wrong = () => paginate(listCustomers, config, { customer_id: 'con_1' });
    // @ts-expect-error a limit is a number
    const wrongLimit = () => collectAll(listCustomers, config, { limit: '5' }, { max: 5 });
    // Type-level only (checked by tsc): never called.
    void wrong;
    void wrongLimit;
    expectTypeOf(paginate(listCustomers, config)).toEqualTypeOf<AsyncGenerator<Customer, void, undefined>>();
  });

  it('works without params (the server default page size)', async () => {
    const config = lava.config();
    const seen: string[] = [];
    for await (const customer of paginate(listCustomers, config)) seen.push(customer.customer_id);
    expect(seen).toEqual(created);
  });

  it('stops on break without requesting another page', async () => {
    const config = lava.config();
    lava.double.resetRequests();
    let taken = 0;
    for await (const _ of paginate(listCustomers, config, { limit: 3 })) {
      taken++;
      if (taken === 4) break; // the first item of the second page
    }
    expect(taken).toBe(4);
    expect(lava.double.requestCount(listPath)).toBe(2);
  });

  it('starts from a cursor given in params', async () => {
    const config = lava.config();
    const seen: string[] = [];
    for await (const c of paginate(listCustomers, config, { limit: 5, cursor: created[5] as string })) {
      seen.push(c.customer_id);
    }
    expect(seen).toEqual(created.slice(6));
  });

  it('passes call options (headers, signal) to every page', async () => {
    const config = lava.config();
    lava.double.resetRequests();
    for await (const _ of paginate(listCustomers, config, { limit: 5 }, { headers: { 'x-trace': 'p1' } })) {
      // drain
    }
    expect(lava.double.requests.length).toBe(3);
    for (const request of lava.double.requests) expect(request.headers['x-trace']).toBe('p1');

    const controller = new AbortController();
    lava.double.resetRequests();
    const error = await rejectionOf(async () => {
      for await (const _ of paginate(listCustomers, config, { limit: 5 }, { signal: controller.signal })) {
        controller.abort(); // aborted while the first page is being consumed
      }
    });
    expect(isLavaAbortError(error)).toBe(true);
    expect(lava.double.requestCount(listPath)).toBe(1);
  });

  it('throws instead of looping when has_more comes without a next_cursor', async () => {
    const config = lava.config();
    lava.double.injectFault({
      match: listPath,
      status: 200,
      body: JSON.stringify({ data: [], has_more: true, next_cursor: null }),
    });
    const error = await rejectionOf(async () => {
      for await (const _ of paginate(listCustomers, config)) {
        // nothing
      }
    });
    expect(isLavaError(error)).toBe(true);
    expect(String(error)).toMatch(/no next_cursor/);
  });

  it('throws instead of looping when the server repeats a cursor', async () => {
    const config = lava.config();
    const page = JSON.stringify({ data: [], has_more: true, next_cursor: 'cur_same' });
    lava.double.injectFault({ match: listPath, status: 200, body: page, times: 2 });
    lava.double.resetRequests();
    const error = await rejectionOf(async () => {
      for await (const _ of paginate(listCustomers, config)) {
        // nothing
      }
    });
    expect(String(error)).toMatch(/already gave/);
    expect(lava.double.requestCount(listPath)).toBe(2);
  });
});

describe('collectAll()', () => {
  it('collects everything with max: Infinity', async () => {
    const all = await collectAll(listCustomers, lava.config(), { limit: 4 }, { max: Number.POSITIVE_INFINITY });
    expectTypeOf(all).toEqualTypeOf<Customer[]>();
    expect(all.map((c) => c.customer_id)).toEqual(created);
  });

  it('stops at max, requesting only the pages needed to reach it', async () => {
    lava.double.resetRequests();
    const some = await collectAll(listCustomers, lava.config(), { limit: 3 }, { max: 5 });
    expect(some.map((c) => c.customer_id)).toEqual(created.slice(0, 5));
    expect(lava.double.requestCount(listPath)).toBe(2);

    lava.double.resetRequests();
    const exact = await collectAll(listCustomers, lava.config(), { limit: 3 }, { max: 3 });
    expect(exact).toHaveLength(3);
    expect(lava.double.requestCount(listPath)).toBe(1);
  });

  for (const max of [0, -1, 2.5, Number.NaN, '10' as unknown as number, undefined as unknown as number]) {
    it(`rejects max ${String(max)} with a validation error naming options.max, nothing sent`, async () => {
      lava.double.resetRequests();
      const error = await rejectionOf(() => collectAll(listCustomers, lava.config(), undefined, { max }));
      expect(error).toBeInstanceOf(LavaValidationError);
      expect((error as LavaValidationError).field).toBe('options.max');
      expect(lava.double.requestCount()).toBe(0);
    });
  }

  it('validates the list params before the first request', async () => {
    lava.double.resetRequests();
    const error = await rejectionOf(() => collectAll(listCustomers, lava.config(), { limit: 500 }, { max: 10 }));
    expect((error as LavaValidationError).field).toBe('params.limit');
    expect(lava.double.requestCount()).toBe(0);
  });
});

describe('paginate() over every list operation', () => {
  beforeAll(async () => {
    // At least three items in every list, so each walk spans more than two pages.
    const config = lava.config();
    const meter = await createMeter(config, {
      name: 'paginate meter',
      rate_type: 'fixed',
      tier_type: 'requests',
      tiers: [{ start: '0', rate: '0' }],
    });
    for (let i = 0; i < 2; i++) {
      await createMeter(config, {
        name: 'paginate meter',
        rate_type: 'fixed',
        tier_type: 'requests',
        tiers: [{ start: '0', rate: '0' }],
      });
    }
    await createPlan(config, { name: 'paginate plan 2', period_amount: '0', billing_interval: 'week' });
    for (let i = 0; i < 3; i++) {
      await createRequest(config, {
        request_id: `paginate_req_${i}`,
        customer_id: created[i] as string,
        meter_slug: meter.meter_slug,
      });
      await createWebhook(config, { name: `paginate ${i}`, url: `https://p${i}.example.com/hook` });
      await createSpendKey(config, { name: `paginate ${i}` });
      await createSecretKey(config, { name: `paginate ${i}` });
    }
    const plan = await createPlan(config, {
      name: 'paginate plan',
      period_amount: '0',
      billing_interval: 'month',
      credit_bundles: [0, 1, 2].map((i) => ({ name: `b${i}`, cost: '1.00', credit_amount: '1.00' })),
    });
    for (let i = 0; i < 3; i++)
      await createSubscription(config, { customer_id: created[i] as string, plan_id: plan.plan_id });
  });

  // Each list of the SDK, walked one item per page and compared with one big page.
  const lists: [string, ListFunction<PageParams, unknown>][] = [
    ['listCustomers', listCustomers],
    ['listMeters', listMeters],
    ['listRequests', listRequests],
    ['listWebhooks', listWebhooks],
    ['listPlans', listPlans],
    ['listSubscriptions', listSubscriptions],
    ['listCreditBundles', listCreditBundles],
    ['listSecretKeys', listSecretKeys],
    ['listSpendKeys', listSpendKeys],
  ];
  for (const [name, list] of lists) {
    it(`${name}: the pages of one item hold exactly what one page of 100 holds`, async () => {
      const config = lava.config();
      const whole = (await list(config, { limit: 100 })).data;
      lava.double.resetRequests();
      const walked: unknown[] = [];
      for await (const item of paginate(list, config, { limit: 1 })) walked.push(item);
      expect(whole.length).toBeGreaterThanOrEqual(3);
      expect(walked).toEqual(whole);
      expect(lava.double.requestCount()).toBe(whole.length);
    });
  }

  it('infers the item type of each list operation', () => {
    const config = lava.config();
    expectTypeOf(paginate(listRequests, config)).toEqualTypeOf<AsyncGenerator<MeteredRequest, void, undefined>>();
    expectTypeOf(paginate(listPlans, config)).toEqualTypeOf<AsyncGenerator<Plan, void, undefined>>();
    expectTypeOf(paginate(listSubscriptions, config, { status: 'all' })).toEqualTypeOf<
      AsyncGenerator<Subscription, void, undefined>
    >();
    expectTypeOf(collectAll(listSpendKeys, config, undefined, { max: 10 })).toEqualTypeOf<Promise<SpendKey[]>>();
    // @ts-expect-error listPlans takes no status filter
    const wrong = () => paginate(listPlans, config, { status: 'all' });
    void wrong; // type-level only
  });
});
