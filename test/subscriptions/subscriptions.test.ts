import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { listSchema, SuccessSchema } from '../../src/core/shapes.js';
import { CustomerSubscriptionSchema } from '../../src/customers/shapes.js';
import {
  cancelSubscription,
  collectAll,
  createCustomer,
  createPlan,
  createSubscription,
  getCustomer,
  getCustomerSubscription,
  listSubscriptions,
  paginate,
  updateSubscription,
} from '../../src/index.js';
import { CreatedSubscriptionSchema, SubscriptionSchema } from '../../src/subscriptions/shapes.js';
import { expectApiError, expectInvalid, useDouble } from '../helpers.js';

const lava = useDouble();

function defaultFreePlanId(): string {
  for (const plan of lava.double.merchant.plans.values()) if (plan._default) return plan.plan_id;
  throw new Error('no default plan');
}

async function freePlanWithCredit(name: string) {
  return createPlan(lava.config(), {
    name,
    period_amount: '0',
    billing_interval: 'month',
    included_credit: '2.50',
    credit_bundles: [{ name: `${name} top-up`, cost: '5.00', credit_amount: '6.00' }],
  });
}

describe('subscriptions against the double', () => {
  it('starts a free plan, shows it everywhere, lists it by customer id or reference id', async () => {
    const config = lava.config();
    const plan = await freePlanWithCredit('Starter');
    const customer = await createCustomer(config, { reference_id: 'sub_user_1', phone: '+14155550101' });
    const created = await createSubscription(config, { customer_id: 'sub_user_1', plan_id: plan.plan_id });
    expect(v.is(CreatedSubscriptionSchema, created)).toBe(true);
    const { subscription } = created;
    expect(subscription).toMatchObject({ plan_id: plan.plan_id, status: 'active', pending_change: null });
    expect(subscription.credits).toEqual({
      total_remaining: '2.5000000000',
      cycle_remaining: '2.5000000000',
      bundle_remaining: '0.0000000000',
    });
    expect(subscription.plan.name).toBe('Starter');
    expect(Date.parse(subscription.cycle_end_at as string)).toBeGreaterThan(Date.parse(subscription.started_at));

    const current = await getCustomerSubscription(config, customer.customer_id);
    expect(v.is(CustomerSubscriptionSchema, current)).toBe(true);
    expect(current.subscription?.subscription_id).toBe(subscription.subscription_id);
    expect((await getCustomer(config, customer.customer_id)).subscription).toMatchObject({
      subscription_id: subscription.subscription_id,
      name: 'Starter',
      status: 'active',
    });

    for (const customerId of [customer.customer_id, 'sub_user_1']) {
      const page = await listSubscriptions(config, { customer_id: customerId });
      expect(v.is(listSchema(SubscriptionSchema), page)).toBe(true);
      expect(page.data).toHaveLength(1);
      expect(page.data[0]).toMatchObject({
        subscription_id: subscription.subscription_id,
        customer_id: customer.customer_id,
        customer: { phone: '+14155550101' },
      });
    }
    expect((await listSubscriptions(config, { customer_id: 'nobody' })).data).toEqual([]);
  });

  it('createSubscription refuses a paid plan with a 400 that points to checkout, and changes nothing', async () => {
    const config = lava.config();
    const paid = await createPlan(config, { name: 'Paid', period_amount: '9.99', billing_interval: 'month' });
    const customer = await createCustomer(config, {});
    const error = await expectApiError(
      () => createSubscription(config, { customer_id: customer.customer_id, plan_id: paid.plan_id }),
      400,
      /checkout/,
    );
    expect(error.code).toBe('checkout_required');
    expect(await getCustomerSubscription(config, customer.customer_id)).toEqual({ subscription: null });
  });

  it('a new free plan replaces the active subscription (the old one is cancelled at once); the same plan again is a no-op', async () => {
    const config = lava.config();
    const first = await freePlanWithCredit('First');
    const customer = await createCustomer(config, {});
    const a = (await createSubscription(config, { customer_id: customer.customer_id, plan_id: first.plan_id }))
      .subscription;
    const again = (await createSubscription(config, { customer_id: customer.customer_id, plan_id: first.plan_id }))
      .subscription;
    expect(again.subscription_id).toBe(a.subscription_id);

    const b = (await createSubscription(config, { customer_id: customer.customer_id, plan_id: defaultFreePlanId() }))
      .subscription;
    expect(b.subscription_id).not.toBe(a.subscription_id);
    expect((await getCustomerSubscription(config, customer.customer_id)).subscription?.subscription_id).toBe(
      b.subscription_id,
    );
    const active = await listSubscriptions(config, { customer_id: customer.customer_id });
    expect(active.data.map((s) => s.subscription_id)).toEqual([b.subscription_id]);
    const cancelled = await listSubscriptions(config, { customer_id: customer.customer_id, status: 'cancelled' });
    expect(cancelled.data.map((s) => [s.subscription_id, s.status])).toEqual([[a.subscription_id, 'cancelled']]);
    expect(cancelled.data[0]?.cancelled_at).not.toBeNull();
    const all = await listSubscriptions(config, { customer_id: customer.customer_id, status: 'all' });
    expect(all.data.map((s) => s.subscription_id).sort()).toEqual([a.subscription_id, b.subscription_id].sort());
  });

  it('cancelSubscription schedules the cancellation for the end of the cycle (pending_change); resubscribing withdraws it', async () => {
    const config = lava.config();
    const plan = await freePlanWithCredit('Cancelme');
    const customer = await createCustomer(config, {});
    const { subscription } = await createSubscription(config, {
      customer_id: customer.customer_id,
      plan_id: plan.plan_id,
    });
    const answer = await cancelSubscription(config, subscription.subscription_id);
    expect(v.is(SuccessSchema, answer)).toBe(true);
    expect(answer).toEqual({ success: true });
    const after = (await getCustomerSubscription(config, customer.customer_id)).subscription;
    expect(after?.status).toBe('active');
    expect(after?.pending_change).toEqual({ type: 'cancellation', effective_at: subscription.cycle_end_at });
    expect(after?.credits.cycle_remaining).toBe('2.5000000000');
    await expectApiError(() => cancelSubscription(config, 'subs_missing'), 404, /subs_missing/);

    // Asking for the same plan again before the cycle ends withdraws the cancellation.
    const resumed = await createSubscription(config, { customer_id: customer.customer_id, plan_id: plan.plan_id });
    expect(resumed.subscription.subscription_id).toBe(subscription.subscription_id);
    expect(resumed.subscription.pending_change).toBeNull();
    expect((await getCustomerSubscription(config, customer.customer_id)).subscription?.pending_change).toBeNull();
  });

  it('updateSubscription sets and clears the auto top-up bundle; a bundle of another plan is a 400', async () => {
    const config = lava.config();
    const plan = await freePlanWithCredit('Topped');
    const other = await freePlanWithCredit('Other');
    const customer = await createCustomer(config, {});
    const { subscription } = await createSubscription(config, {
      customer_id: customer.customer_id,
      plan_id: plan.plan_id,
    });
    const bundleId = plan.credit_bundles[0]?.credit_bundle_id as string;
    const answer = await updateSubscription(config, subscription.subscription_id, { auto_top_up_bundle_id: bundleId });
    expect(v.is(SuccessSchema, answer)).toBe(true);
    expect(answer).toEqual({ success: true });
    expect((await getCustomerSubscription(config, customer.customer_id)).subscription?.auto_top_up_bundle_id).toBe(
      bundleId,
    );

    const foreign = other.credit_bundles[0]?.credit_bundle_id as string;
    const error = await expectApiError(
      () => updateSubscription(config, subscription.subscription_id, { auto_top_up_bundle_id: foreign }),
      400,
      /not a credit bundle of plan/,
    );
    expect(error.code).toBe('invalid_bundle');
    expect((await getCustomerSubscription(config, customer.customer_id)).subscription?.auto_top_up_bundle_id).toBe(
      bundleId,
    );

    await updateSubscription(config, subscription.subscription_id, { auto_top_up_bundle_id: null });
    expect(
      (await getCustomerSubscription(config, customer.customer_id)).subscription?.auto_top_up_bundle_id,
    ).toBeNull();
    await expectApiError(() => updateSubscription(config, 'subs_missing', { auto_top_up_bundle_id: null }), 404);
  });

  it('lists only active subscriptions by default, and pages through them', async () => {
    const config = lava.config();
    const plan = await freePlanWithCredit('Many');
    for (let i = 0; i < 5; i++) {
      const customer = await createCustomer(config, {});
      await createSubscription(config, { customer_id: customer.customer_id, plan_id: plan.plan_id });
    }
    const everything = await collectAll(listSubscriptions, config, { limit: 2 }, { max: Infinity });
    expect(everything.length).toBeGreaterThanOrEqual(5);
    expect(everything.every((s) => s.status === 'active')).toBe(true);
    expect(new Set(everything.map((s) => s.subscription_id)).size).toBe(everything.length);
    lava.double.resetRequests();
    const withCancelled: string[] = [];
    for await (const s of paginate(listSubscriptions, config, { limit: 2, status: 'all' })) {
      withCancelled.push(s.subscription_id);
    }
    expect(withCancelled.length).toBeGreaterThanOrEqual(everything.length);
    expect(withCancelled).toEqual(expect.arrayContaining(everything.map((s) => s.subscription_id)));
    // Each page request carried the filter and the limit on to the next page.
    const pageRequests = lava.double.requests.filter((r) => r.path === '/v1/subscriptions');
    expect(pageRequests.length).toBe(Math.ceil(withCancelled.length / 2));
    expect(pageRequests.every((r) => r.query.status === 'all' && r.query.limit === '2')).toBe(true);
  });

  it('maps 404s for an unknown customer or plan', async () => {
    const config = lava.config();
    const customer = await createCustomer(config, {});
    await expectApiError(
      () => createSubscription(config, { customer_id: 'con_missing', plan_id: defaultFreePlanId() }),
      404,
    );
    await expectApiError(
      () => createSubscription(config, { customer_id: customer.customer_id, plan_id: 'sub_x' }),
      404,
    );
  });

  it('rejects bad input before sending anything', async () => {
    const config = lava.config();
    await expectInvalid(lava.double, 'params.plan_id', () =>
      createSubscription(config, { customer_id: 'con_1' } as never),
    );
    await expectInvalid(lava.double, 'params.customer_id', () =>
      createSubscription(config, { customer_id: '', plan_id: 'sub_1' }),
    );
    await expectInvalid(lava.double, 'params.status', () => listSubscriptions(config, { status: 'paused' as never }));
    await expectInvalid(lava.double, 'params.customer_id', () => listSubscriptions(config, { customer_id: '' }));
    await expectInvalid(lava.double, 'params.limit', () => listSubscriptions(config, { limit: 101 }));
    await expectInvalid(lava.double, 'params.auto_top_up_bundle_id', () =>
      updateSubscription(config, 'subs_1', {} as never),
    );
    await expectInvalid(lava.double, 'params.auto_top_up_bundle_id', () =>
      updateSubscription(config, 'subs_1', { auto_top_up_bundle_id: '' }),
    );
    await expectInvalid(lava.double, 'id', () => updateSubscription(config, '', { auto_top_up_bundle_id: null }));
    await expectInvalid(lava.double, 'id', () => cancelSubscription(config, '.'));
  });
});
