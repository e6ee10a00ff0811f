// The wire format of the plan, subscription, credit-bundle, checkout and key operations, read
// from what the double received: method, percent-encoded path, query and body (lava-api.md §3).
import { describe, expect, it } from 'vitest';
import {
  cancelSubscription,
  createCheckoutSession,
  createPlan,
  createSecretKey,
  createSpendKey,
  createSubscription,
  deletePlan,
  deleteSecretKey,
  getCreditBundle,
  getPlan,
  getSpendKey,
  type LavaConfig,
  listCreditBundles,
  listPlans,
  listSecretKeys,
  listSpendKeys,
  listSubscriptions,
  revokeSpendKey,
  rotateSpendKey,
  updatePlan,
  updateSpendKey,
  updateSubscription,
} from '../../src/index.js';
import { useDouble } from '../helpers.js';

const lava = useDouble();

/** An id that must travel as exactly one, percent-encoded path segment. */
const ID = 'id/ä b?#';
const ENC = encodeURIComponent(ID);

interface WireCase {
  call: (config: LavaConfig) => Promise<unknown>;
  method: string;
  path: string;
  query?: Record<string, string>;
  /** The JSON body, or `null` for a request with no body at all. */
  body: unknown;
}

const cases: Record<string, WireCase> = {
  'listPlans()': { call: (c) => listPlans(c), method: 'GET', path: '/v1/plans', query: {}, body: null },
  'listPlans(cursor, limit)': {
    call: (c) => listPlans(c, { cursor: 'sub_9', limit: 5 }),
    method: 'GET',
    path: '/v1/plans',
    query: { cursor: 'sub_9', limit: '5' },
    body: null,
  },
  getPlan: { call: (c) => getPlan(c, ID), method: 'GET', path: `/v1/plans/${ENC}`, body: null },
  createPlan: {
    call: (c) =>
      createPlan(c, {
        name: 'Pro',
        period_amount: '49.00',
        billing_interval: 'month',
        included_credit: '40',
        meter_ids: ['prd_1'],
        credit_bundles: [{ name: 'B', cost: '1.5', credit_amount: '2' }],
        default_auto_top_up_bundle_index: 0,
      }),
    method: 'POST',
    path: '/v1/plans',
    body: {
      name: 'Pro',
      period_amount: '49.00',
      billing_interval: 'month',
      included_credit: '40',
      meter_ids: ['prd_1'],
      credit_bundles: [{ name: 'B', cost: '1.5', credit_amount: '2' }],
      default_auto_top_up_bundle_index: 0,
    },
  },
  updatePlan: {
    call: (c) =>
      updatePlan(c, ID, {
        name: 'N',
        default_auto_top_up_bundle_id: null,
        credit_bundles: [{ credit_bundle_id: 'cb_1', name: 'B', cost: '1', credit_amount: '1', is_deleted: true }],
      }),
    method: 'PATCH',
    path: `/v1/plans/${ENC}`,
    body: {
      name: 'N',
      default_auto_top_up_bundle_id: null,
      credit_bundles: [{ credit_bundle_id: 'cb_1', name: 'B', cost: '1', credit_amount: '1', is_deleted: true }],
    },
  },
  deletePlan: { call: (c) => deletePlan(c, ID), method: 'DELETE', path: `/v1/plans/${ENC}`, body: null },
  createSubscription: {
    call: (c) => createSubscription(c, { customer_id: 'con_1', plan_id: 'sub_1' }),
    method: 'POST',
    path: '/v1/subscriptions',
    body: { customer_id: 'con_1', plan_id: 'sub_1' },
  },
  'listSubscriptions()': {
    call: (c) => listSubscriptions(c),
    method: 'GET',
    path: '/v1/subscriptions',
    query: {},
    body: null,
  },
  'listSubscriptions(filters)': {
    call: (c) => listSubscriptions(c, { status: 'all', customer_id: 'user 1', limit: 3 }),
    method: 'GET',
    path: '/v1/subscriptions',
    query: { status: 'all', customer_id: 'user 1', limit: '3' },
    body: null,
  },
  updateSubscription: {
    call: (c) => updateSubscription(c, ID, { auto_top_up_bundle_id: null }),
    method: 'PATCH',
    path: `/v1/subscriptions/${ENC}`,
    body: { auto_top_up_bundle_id: null },
  },
  cancelSubscription: {
    call: (c) => cancelSubscription(c, ID),
    method: 'DELETE',
    path: `/v1/subscriptions/${ENC}`,
    body: null,
  },
  'listCreditBundles(plan_id)': {
    call: (c) => listCreditBundles(c, { plan_id: 'sub_1' }),
    method: 'GET',
    path: '/v1/credit_bundles',
    query: { plan_id: 'sub_1' },
    body: null,
  },
  getCreditBundle: {
    call: (c) => getCreditBundle(c, ID),
    method: 'GET',
    path: `/v1/credit_bundles/${ENC}`,
    body: null,
  },
  createCheckoutSession: {
    call: (c) =>
      createCheckoutSession(c, {
        checkout_mode: 'credit_bundle',
        customer_id: 'con_1',
        credit_bundle_id: 'cb_1',
        origin_url: 'https://app.example.com',
      }),
    method: 'POST',
    path: '/v1/checkout_sessions',
    body: {
      checkout_mode: 'credit_bundle',
      customer_id: 'con_1',
      credit_bundle_id: 'cb_1',
      origin_url: 'https://app.example.com',
    },
  },
  listSecretKeys: {
    call: (c) => listSecretKeys(c, { limit: 100 }),
    method: 'GET',
    path: '/v1/secret_keys',
    query: { limit: '100' },
    body: null,
  },
  createSecretKey: {
    call: (c) => createSecretKey(c, { name: 'CI' }),
    method: 'POST',
    path: '/v1/secret_keys',
    body: { name: 'CI' },
  },
  deleteSecretKey: {
    call: (c) => deleteSecretKey(c, ID),
    method: 'DELETE',
    path: `/v1/secret_keys/${ENC}`,
    body: null,
  },
  listSpendKeys: { call: (c) => listSpendKeys(c), method: 'GET', path: '/v1/spend_keys', query: {}, body: null },
  getSpendKey: { call: (c) => getSpendKey(c, ID), method: 'GET', path: `/v1/spend_keys/${ENC}`, body: null },
  createSpendKey: {
    call: (c) => createSpendKey(c, { name: 'k', rate_limit: { rpm: 10, burst: null }, allowed_providers: null }),
    method: 'POST',
    path: '/v1/spend_keys',
    body: { name: 'k', rate_limit: { rpm: 10, burst: null }, allowed_providers: null },
  },
  'updateSpendKey (PUT, partial)': {
    call: (c) => updateSpendKey(c, ID, { status: 'paused' }),
    method: 'PUT',
    path: `/v1/spend_keys/${ENC}`,
    body: { status: 'paused' },
  },
  revokeSpendKey: {
    call: (c) => revokeSpendKey(c, ID),
    method: 'DELETE',
    path: `/v1/spend_keys/${ENC}`,
    body: null,
  },
  'rotateSpendKey (POST, no body)': {
    call: (c) => rotateSpendKey(c, ID),
    method: 'POST',
    path: `/v1/spend_keys/${ENC}/rotate`,
    body: null,
  },
};

describe('wire format of plans, subscriptions, credit bundles, checkout and keys', () => {
  it.each(Object.entries(cases))('%s', async (_name, wire) => {
    lava.double.resetRequests();
    // The answer does not matter here (most ids do not exist); only what was sent.
    await wire.call(lava.config({ retry: 0 })).catch(() => undefined);
    expect(lava.double.requests).toHaveLength(1);
    const sent = lava.double.requests[0];
    expect(sent?.method).toBe(wire.method);
    expect(sent?.path).toBe(wire.path);
    if (wire.query) expect(sent?.query).toEqual(wire.query);
    if (wire.body === null) {
      expect(sent?.body).toBe('');
      expect(sent?.headers['content-length'] ?? '0').toBe('0');
    } else {
      expect(sent?.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(sent?.body ?? '')).toEqual(wire.body);
    }
    expect(sent?.headers.authorization).toBe(`Bearer ${lava.double.secretKey}`);
  });

  it('every POST operation sends options.idempotencyKey as Idempotency-Key', async () => {
    const config = lava.config();
    const posts: [string, (key: string) => Promise<unknown>][] = [
      [
        'createPlan',
        (k) => createPlan(config, { name: 'P', period_amount: '0', billing_interval: 'day' }, { idempotencyKey: k }),
      ],
      [
        'createSubscription',
        (k) => createSubscription(config, { customer_id: 'c', plan_id: 'p' }, { idempotencyKey: k }),
      ],
      [
        'createCheckoutSession',
        (k) =>
          createCheckoutSession(
            config,
            { checkout_mode: 'subscription', plan_id: 'p', origin_url: 'https://a.example' },
            { idempotencyKey: k },
          ),
      ],
      ['createSecretKey', (k) => createSecretKey(config, { name: 'n' }, { idempotencyKey: k })],
      ['createSpendKey', (k) => createSpendKey(config, { name: 'n' }, { idempotencyKey: k })],
      ['rotateSpendKey', (k) => rotateSpendKey(config, 'spk_x', { idempotencyKey: k })],
    ];
    for (const [name, call] of posts) {
      lava.double.resetRequests();
      await call(`idem-${name}`).catch(() => undefined);
      expect(lava.double.requests.map((r) => [r.method, r.headers['idempotency-key']])).toEqual([
        ['POST', `idem-${name}`],
      ]);
    }
  });

  it('POST operations are never retried, even on a 503 with retries configured', async () => {
    const config = lava.config({ retry: 2 });
    lava.double.injectFault({ match: { method: 'POST' }, status: 503, times: 10 });
    lava.double.resetRequests();
    await createSpendKey(config, { name: 'once' }).catch(() => undefined);
    await rotateSpendKey(config, 'spk_1').catch(() => undefined);
    await createSubscription(config, { customer_id: 'c', plan_id: 'p' }).catch(() => undefined);
    lava.double.clearFaults();
    expect(lava.double.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/spend_keys',
      'POST /v1/spend_keys/spk_1/rotate',
      'POST /v1/subscriptions',
    ]);
  });
});
