// The double's own checks on plan, subscription, checkout and key bodies that bypass the SDK's
// schemas (raw fetch): Lava answers 400 with its error body, and nothing changes.
import { describe, expect, it } from 'vitest';
import { useDouble } from '../helpers.js';

const lava = useDouble();

async function send(method: string, path: string, body?: unknown) {
  const res = await fetch(`${lava.double.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${lava.double.secretKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as { error?: { message: string; code: string } } };
}

describe('double: 400s for bodies the SDK would have refused', () => {
  it.each([
    ['POST', 'v1/plans', { name: 'x', period_amount: '1,00', billing_interval: 'month' }, /period_amount/],
    ['POST', 'v1/plans', { name: 'x', period_amount: '1', billing_interval: 'hour' }, /billing_interval/],
    ['POST', 'v1/plans', { name: 'x', period_amount: '1', billing_interval: 'day', meter_ids: ['prd_none'] }, /meter/],
    [
      'POST',
      'v1/plans',
      { name: 'x', period_amount: '1', billing_interval: 'day', default_auto_top_up_bundle_index: 0 },
      /default_auto_top_up_bundle_index/,
    ],
    ['GET', 'v1/subscriptions?status=paused', undefined, /status/],
    ['POST', 'v1/subscriptions', { customer_id: 'con_1' }, /plan_id/],
    ['POST', 'v1/checkout_sessions', { checkout_mode: 'topup', origin_url: 'https://a.example' }, /checkout_mode/],
    ['POST', 'v1/checkout_sessions', { checkout_mode: 'subscription', origin_url: 'a.example' }, /origin_url/],
    [
      'POST',
      'v1/checkout_sessions',
      { checkout_mode: 'credit_bundle', customer_id: 'con_nobody', origin_url: 'https://a.example' },
      /credit_bundle_id are required/,
    ],
    ['POST', 'v1/secret_keys', {}, /name/],
    ['POST', 'v1/spend_keys', { name: 'k', rate_limit: { rpm: -1 } }, /rate_limit.rpm/],
    ['POST', 'v1/spend_keys', { name: 'k', request_limit: { count: 1, cycle: 'hourly' } }, /request_limit.cycle/],
    ['POST', 'v1/spend_keys', { name: 'k', spend_limit: { amount: 5, cycle: 'daily' } }, /spend_limit.amount/],
    ['POST', 'v1/spend_keys', { name: 'k', wallet_id: 'w' }, /Unknown field: wallet_id/],
  ] as const)('%s %s %j', async (method, path, body, message) => {
    const plansBefore = lava.double.merchant.plans.size;
    const keysBefore = lava.double.merchant.spendKeys.size;
    const answer = await send(method, path, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('invalid_request');
    expect(answer.body.error?.message).toMatch(message);
    expect(lava.double.merchant.plans.size).toBe(plansBefore);
    expect(lava.double.merchant.spendKeys.size).toBe(keysBefore);
  });

  it('rotate refuses a body, and PUT with a bad field leaves the key as it was', async () => {
    const created = await send('POST', 'v1/spend_keys', { name: 'k' });
    const id = (created.body as unknown as { spend_key_id: string }).spend_key_id;
    expect((await send('POST', `v1/spend_keys/${id}/rotate`, { key: 'lava_sk_mine' })).status).toBe(400);
    expect((await send('PUT', `v1/spend_keys/${id}`, { name: 'renamed', status: 'gone' })).status).toBe(400);
    expect(lava.double.merchant.spendKeys.get(id)?.name).toBe('k');
  });
});
