// The double's credit bookkeeping (./billing.ts), used by the gateway and createRequest routes.
import { describe, expect, it } from 'vitest';
import { activeSubscription, chargeCustomer, creditRemaining, cycleEnd, startSubscription } from './billing.js';
import { type CustomerRecord, DoubleState, type Merchant, newId, nowIso, type PlanRecord, toUnits } from './state.js';

function setup(plan: Partial<PlanRecord> = {}) {
  const state = new DoubleState();
  const { merchant } = state.createMerchant('test');
  const record = state.addPlan(merchant, { name: 'Metered', period_amount: '10.00', included_credit: '1.00', ...plan });
  const customer: CustomerRecord = {
    customer_id: newId('con_test_'),
    reference_id: null,
    contact: { phone: '', email: '', first_name: '', last_name: '' },
    metadata: null,
    created_at: nowIso(),
    _subscription_id: null,
    _deleted: false,
  };
  merchant.customers.set(customer.customer_id, customer);
  return { merchant, plan: record, customer };
}

function addBundle(merchant: Merchant, planId: string, credit: string): string {
  const id = newId('cb_test_');
  merchant.creditBundles.set(id, {
    credit_bundle_id: id,
    plan_id: planId,
    name: 'Top-up',
    cost: credit,
    credit_amount: credit,
    created_at: nowIso(),
    _deleted: false,
  });
  return id;
}

describe('double billing', () => {
  it('startSubscription sets cycle dates by interval and the included credit', () => {
    const { merchant, plan, customer } = setup({ billing_interval: 'week', included_credit: '2.5' });
    const subscription = startSubscription(merchant, customer, plan);
    expect(customer._subscription_id).toBe(subscription.subscription_id);
    const start = Date.parse(subscription.cycle_start_at as string);
    expect(Date.parse(subscription.cycle_end_at as string) - start).toBe(7 * 24 * 3600 * 1000);
    expect(subscription._cycle_remaining).toBe(toUnits('2.5'));
    expect(creditRemaining(merchant, customer.customer_id)).toBe(toUnits('2.5'));
    expect(cycleEnd(new Date('2026-01-31T00:00:00Z'), 'year').toISOString()).toBe('2027-01-31T00:00:00.000Z');
    expect(cycleEnd(new Date('2026-03-15T12:00:00Z'), 'month').toISOString()).toBe('2026-04-15T12:00:00.000Z');
  });

  it('charges cycle credit first, then bundle credit; refuses (deducting nothing) when short', () => {
    const { merchant, plan, customer } = setup();
    const subscription = startSubscription(merchant, customer, plan);
    subscription._bundle_remaining = toUnits('0.50');
    expect(chargeCustomer(merchant, customer.customer_id, toUnits('0.75'))).toEqual({ ok: true });
    expect(subscription._cycle_remaining).toBe(toUnits('0.25'));
    expect(chargeCustomer(merchant, customer.customer_id, toUnits('0.50'))).toEqual({ ok: true });
    expect(subscription._cycle_remaining).toBe(0n);
    expect(subscription._bundle_remaining).toBe(toUnits('0.25'));
    expect(chargeCustomer(merchant, customer.customer_id, toUnits('0.30'))).toEqual({ ok: false });
    expect(creditRemaining(merchant, customer.customer_id)).toBe(toUnits('0.25'));
  });

  it('buys the auto top-up bundle once when credit runs short, and only a bundle of the same plan', () => {
    const { merchant, plan, customer } = setup();
    const subscription = startSubscription(merchant, customer, plan);
    subscription.auto_top_up_bundle_id = addBundle(merchant, plan.plan_id, '2.00');
    expect(chargeCustomer(merchant, customer.customer_id, toUnits('1.50'))).toEqual({ ok: true });
    expect(creditRemaining(merchant, customer.customer_id)).toBe(toUnits('1.50'));
    expect(subscription._bundle_remaining).toBe(toUnits('1.50'));
    // One top-up (2.00) cannot cover 5.00: refused, and the bundle is not bought for nothing.
    expect(chargeCustomer(merchant, customer.customer_id, toUnits('5.00'))).toEqual({ ok: false });
    expect(creditRemaining(merchant, customer.customer_id)).toBe(toUnits('1.50'));

    const other = setup();
    const sub2 = startSubscription(other.merchant, other.customer, other.plan);
    sub2.auto_top_up_bundle_id = addBundle(other.merchant, newId('sub_test_'), '100');
    expect(chargeCustomer(other.merchant, other.customer.customer_id, toUnits('2'))).toEqual({ ok: false });
    expect(creditRemaining(other.merchant, other.customer.customer_id)).toBe(toUnits('1'));
  });

  it('a customer with no active subscription has no credit; a new plan cancels the old subscription', () => {
    const { merchant, plan, customer } = setup();
    expect(creditRemaining(merchant, customer.customer_id)).toBe(0n);
    expect(chargeCustomer(merchant, customer.customer_id, 1n)).toEqual({ ok: false });
    const first = startSubscription(merchant, customer, plan);
    const second = startSubscription(merchant, customer, plan);
    expect(first.status).toBe('cancelled');
    expect(activeSubscription(merchant, customer.customer_id)).toBe(second);
  });
});
