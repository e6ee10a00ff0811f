import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CheckoutSessionSchema } from '../../src/checkout/shapes.js';
import {
  createCheckoutSession,
  createCustomer,
  createPlan,
  getCustomer,
  getCustomerSubscription,
  LavaApiError,
  type LavaValidationError,
} from '../../src/index.js';
import { expectInvalid, rejectionOf, useDouble } from '../helpers.js';

const lava = useDouble();

/** What Lava's hosted checkout does when the customer pays: the double's control endpoint. */
async function completeCheckout(sessionId: string, customer: Record<string, string> = {}) {
  const res = await fetch(
    `${lava.double.baseUrl}__double/checkout_sessions/${encodeURIComponent(sessionId)}/complete`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${lava.double.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(customer),
    },
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function proPlan() {
  return createPlan(lava.config(), {
    name: 'Pro',
    period_amount: '49.00',
    billing_interval: 'month',
    included_credit: '40.00',
    credit_bundles: [{ name: 'Top-up', cost: '10.00', credit_amount: '12.50' }],
  });
}

describe('checkout sessions against the double', () => {
  it('subscription mode: the token decodes to {secret, base}; completing it creates a subscribed customer with the included credit', async () => {
    const config = lava.config();
    const plan = await proPlan();
    const session = await createCheckoutSession(config, {
      checkout_mode: 'subscription',
      plan_id: plan.plan_id,
      origin_url: 'https://app.example.com',
    });
    expect(v.is(CheckoutSessionSchema, session)).toBe(true);
    expect(session.checkout_session_id).toMatch(/^cs_test_/);
    expect(session).toMatchObject({
      checkout_mode: 'subscription',
      plan_id: plan.plan_id,
      origin_url: 'https://app.example.com',
    });
    expect(session.customer_id).toBeUndefined();
    expect(session.completed_at).toBeUndefined();

    // Standard base64 (atob accepts only that alphabet) of JSON {secret, base}.
    const token = JSON.parse(atob(session.checkout_session_token)) as Record<string, unknown>;
    expect(Object.keys(token)).toEqual(['secret', 'base']);
    expect(token.secret).toMatch(/^css_test_[0-9a-f]+$/);
    expect(token.base).toBe(lava.double.baseUrl);

    const done = await completeCheckout(session.checkout_session_id, {
      email: 'grace@example.com',
      name: 'Grace Hopper',
    });
    expect(done.status).toBe(200);
    expect(v.is(CheckoutSessionSchema, done.body)).toBe(true);
    expect(done.body.checkout_session_id).toBe(session.checkout_session_id);
    expect(typeof done.body.completed_at).toBe('string');
    const customerId = done.body.customer_id as string;
    expect(customerId).toMatch(/^con_test_/);

    const customer = await getCustomer(config, customerId);
    expect(customer.contact).toMatchObject({ email: 'grace@example.com', first_name: 'Grace', last_name: 'Hopper' });
    expect(customer.subscription).toMatchObject({ plan_id: plan.plan_id, name: 'Pro', status: 'active' });
    const { subscription } = await getCustomerSubscription(config, customerId);
    expect(subscription?.credits).toEqual({
      total_remaining: '40.0000000000',
      cycle_remaining: '40.0000000000',
      bundle_remaining: '0.0000000000',
    });

    const twice = await completeCheckout(session.checkout_session_id);
    expect(twice.status).toBe(409);
  });

  it('subscription mode for a returning customer subscribes that customer', async () => {
    const config = lava.config();
    const plan = await proPlan();
    const customer = await createCustomer(config, { reference_id: 'returning_1' });
    const session = await createCheckoutSession(config, {
      checkout_mode: 'subscription',
      plan_id: plan.plan_id,
      customer_id: 'returning_1',
      origin_url: 'http://localhost:3000',
    });
    expect(session.customer_id).toBe(customer.customer_id);
    const done = await completeCheckout(session.checkout_session_id);
    expect(done.body.customer_id).toBe(customer.customer_id);
    expect((await getCustomerSubscription(config, customer.customer_id)).subscription?.plan_id).toBe(plan.plan_id);
  });

  it('credit_bundle mode: completing adds the bundle credit to the subscriber; a customer off the plan is a 400', async () => {
    const config = lava.config();
    const plan = await proPlan();
    const signup = await createCheckoutSession(config, {
      checkout_mode: 'subscription',
      plan_id: plan.plan_id,
      origin_url: 'https://app.example.com',
    });
    const customerId = (await completeCheckout(signup.checkout_session_id)).body.customer_id as string;
    const bundleId = plan.credit_bundles[0]?.credit_bundle_id as string;
    const session = await createCheckoutSession(config, {
      checkout_mode: 'credit_bundle',
      customer_id: customerId,
      credit_bundle_id: bundleId,
      origin_url: 'https://app.example.com/billing',
    });
    expect(v.is(CheckoutSessionSchema, session)).toBe(true);
    expect(session).toMatchObject({ checkout_mode: 'credit_bundle', customer_id: customerId });
    const done = await completeCheckout(session.checkout_session_id);
    expect(done.status).toBe(200);
    const credits = (await getCustomerSubscription(config, customerId)).subscription?.credits;
    expect(credits).toEqual({
      total_remaining: '52.5000000000',
      cycle_remaining: '40.0000000000',
      bundle_remaining: '12.5000000000',
    });

    const stranger = await createCustomer(config, {});
    const error = await rejectionOf(() =>
      createCheckoutSession(config, {
        checkout_mode: 'credit_bundle',
        customer_id: stranger.customer_id,
        credit_bundle_id: bundleId,
        origin_url: 'https://app.example.com',
      }),
    );
    expect(error).toBeInstanceOf(LavaApiError);
    expect((error as LavaApiError).status).toBe(400);
    expect((error as LavaApiError).code).toBe('bundle_not_on_plan');
  });

  it('maps 404s for an unknown plan, customer or bundle, and the control endpoint 404s an unknown session', async () => {
    const config = lava.config();
    for (const params of [
      { checkout_mode: 'subscription', plan_id: 'sub_missing', origin_url: 'https://a.example' },
      { checkout_mode: 'subscription', plan_id: 'sub_x', customer_id: 'con_missing', origin_url: 'https://a.example' },
      {
        checkout_mode: 'credit_bundle',
        customer_id: 'con_missing',
        credit_bundle_id: 'cb_x',
        origin_url: 'https://a.example',
      },
    ] as const) {
      const error = await rejectionOf(() => createCheckoutSession(config, params));
      expect(error).toBeInstanceOf(LavaApiError);
      expect((error as LavaApiError).status).toBe(404);
    }
    expect((await completeCheckout('cs_test_missing')).status).toBe(404);
    const unauthenticated = await fetch(`${lava.double.baseUrl}__double/checkout_sessions/cs_x/complete`, {
      method: 'POST',
    });
    expect(unauthenticated.status).toBe(401);
  });

  it('rejects bad input before sending anything', async () => {
    const config = lava.config();
    const origin_url = 'https://app.example.com';
    await expectInvalid(lava.double, 'params.checkout_mode', () =>
      createCheckoutSession(config, { checkout_mode: 'topup', origin_url } as never),
    );
    await expectInvalid(lava.double, 'params.plan_id', () =>
      createCheckoutSession(config, { checkout_mode: 'subscription', origin_url } as never),
    );
    await expectInvalid(lava.double, 'params.customer_id', () =>
      createCheckoutSession(config, { checkout_mode: 'credit_bundle', credit_bundle_id: 'cb_1', origin_url } as never),
    );
    await expectInvalid(lava.double, 'params.credit_bundle_id', () =>
      createCheckoutSession(config, { checkout_mode: 'credit_bundle', customer_id: 'con_1', origin_url } as never),
    );
    await expectInvalid(lava.double, 'params.origin_url', () =>
      createCheckoutSession(config, { checkout_mode: 'subscription', plan_id: 'sub_1' } as never),
    );
    for (const bad of ['app.example.com', '/checkout', 'ftp://app.example.com', 'javascript:alert(1)']) {
      await expectInvalid(lava.double, 'params.origin_url', () =>
        createCheckoutSession(config, { checkout_mode: 'subscription', plan_id: 'sub_1', origin_url: bad }),
      );
    }
    await expectInvalid(lava.double, 'params.plan_id', () =>
      createCheckoutSession(config, { checkout_mode: 'subscription', plan_id: '', origin_url }),
    );
  });

  it('names the mode in the error for a field the mode needs', async () => {
    const error = await rejectionOf(() =>
      createCheckoutSession(lava.config(), {
        checkout_mode: 'credit_bundle',
        customer_id: 'con_1',
        origin_url: 'https://app.example.com',
      } as never),
    );
    expect((error as LavaValidationError).message).toBe(
      'Invalid params.credit_bundle_id: is required when checkout_mode is "credit_bundle"',
    );
  });

  it('fields of the other mode are rejected, not silently dropped', async () => {
    await expectInvalid(lava.double, 'params.credit_bundle_id', () =>
      createCheckoutSession(lava.config(), {
        checkout_mode: 'subscription',
        plan_id: 'sub_1',
        credit_bundle_id: 'cb_1',
        origin_url: 'https://app.example.com',
      } as never),
    );
    await expectInvalid(lava.double, 'params.plan_id', () =>
      createCheckoutSession(lava.config(), {
        checkout_mode: 'credit_bundle',
        customer_id: 'con_1',
        credit_bundle_id: 'cb_1',
        plan_id: 'sub_1',
        origin_url: 'https://app.example.com',
      } as never),
    );
  });
});
