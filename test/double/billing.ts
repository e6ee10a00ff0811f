// Subscription credit bookkeeping shared by the double's routes: starting a plan's subscription,
// reading a customer's remaining credit, and charging it (gateway calls, createRequest). Money is
// bigint units of 1e-10 USD (see toUnits/fromUnits in ./state.ts).
import {
  type BillingInterval,
  type CustomerRecord,
  type Merchant,
  newId,
  type PlanRecord,
  type SubscriptionRecord,
  toUnits,
} from './state.js';

/** The end of the cycle that starts at `start`, one billing interval later (UTC calendar arithmetic). */
export function cycleEnd(start: Date, interval: BillingInterval): Date {
  const end = new Date(start.getTime());
  switch (interval) {
    case 'day':
      end.setUTCDate(end.getUTCDate() + 1);
      break;
    case 'week':
      end.setUTCDate(end.getUTCDate() + 7);
      break;
    case 'month':
      end.setUTCMonth(end.getUTCMonth() + 1);
      break;
    case 'year':
      end.setUTCFullYear(end.getUTCFullYear() + 1);
      break;
  }
  return end;
}

/** The customer's active subscription record, or undefined. */
export function activeSubscription(merchant: Merchant, customerId: string): SubscriptionRecord | undefined {
  const customer = merchant.customers.get(customerId);
  if (!customer || customer._deleted || !customer._subscription_id) return undefined;
  const subscription = merchant.subscriptions.get(customer._subscription_id);
  return subscription && subscription.status === 'active' ? subscription : undefined;
}

/**
 * Starts `plan` for `customer`: a new active subscription whose first cycle begins now and holds
 * the plan's included credit. An active subscription the customer already had is cancelled at
 * once (a customer has at most one active subscription); its bundle credit is carried over when
 * the new plan's `bundle_rollover_type` is `full`.
 */
export function startSubscription(merchant: Merchant, customer: CustomerRecord, plan: PlanRecord): SubscriptionRecord {
  const now = new Date();
  const previous = activeSubscription(merchant, customer.customer_id);
  let carriedBundle = 0n;
  if (previous) {
    previous.status = 'cancelled';
    previous.cancelled_at = now.toISOString();
    previous.pending_change = null;
    if (plan.bundle_rollover_type === 'full') carriedBundle = previous._bundle_remaining;
  }
  const subscription: SubscriptionRecord = {
    subscription_id: newId(merchant.mode === 'test' ? 'subs_test_' : 'subs_'),
    customer_id: customer.customer_id,
    plan_id: plan.plan_id,
    status: 'active',
    auto_top_up_bundle_id: plan.default_auto_top_up_bundle_id,
    started_at: now.toISOString(),
    cancelled_at: null,
    cycle_start_at: now.toISOString(),
    cycle_end_at: cycleEnd(now, plan.billing_interval).toISOString(),
    _cycle_remaining: toUnits(plan.included_credit),
    _bundle_remaining: carriedBundle,
    pending_change: null,
  };
  merchant.subscriptions.set(subscription.subscription_id, subscription);
  customer._subscription_id = subscription.subscription_id;
  return subscription;
}

/** Cycle plus bundle credit of the customer's active subscription, in units; 0n when there is none. */
export function creditRemaining(merchant: Merchant, customerId: string): bigint {
  const subscription = activeSubscription(merchant, customerId);
  return subscription ? subscription._cycle_remaining + subscription._bundle_remaining : 0n;
}

/** Adds a bundle's credit to a subscription's bundle credit (a purchase or an auto top-up). */
export function addBundleCredit(subscription: SubscriptionRecord, creditAmount: string): void {
  subscription._bundle_remaining += toUnits(creditAmount);
}

function deduct(subscription: SubscriptionRecord, amount: bigint): boolean {
  if (subscription._cycle_remaining + subscription._bundle_remaining < amount) return false;
  const fromCycle = amount < subscription._cycle_remaining ? amount : subscription._cycle_remaining;
  subscription._cycle_remaining -= fromCycle;
  subscription._bundle_remaining -= amount - fromCycle;
  return true;
}

/**
 * Charges `amountUnits` to the customer's active subscription: cycle credit first, then bundle
 * credit. When that is not enough and the subscription has an auto top-up bundle (of its own plan,
 * still live), the bundle is bought once and the charge retried. `{ ok: false }` means nothing
 * changed (no subscription, or not enough credit even with one top-up, which is then not bought).
 */
export function chargeCustomer(merchant: Merchant, customerId: string, amountUnits: bigint): { ok: boolean } {
  if (amountUnits < 0n) throw new Error(`chargeCustomer: negative amount ${amountUnits}`);
  const subscription = activeSubscription(merchant, customerId);
  if (!subscription) return { ok: amountUnits === 0n };
  if (deduct(subscription, amountUnits)) return { ok: true };
  const bundleId = subscription.auto_top_up_bundle_id;
  const bundle = bundleId ? merchant.creditBundles.get(bundleId) : undefined;
  if (!bundle || bundle._deleted || bundle.plan_id !== subscription.plan_id) return { ok: false };
  // Bought only when it makes the charge possible: a refused request must not cost a purchase.
  const available = subscription._cycle_remaining + subscription._bundle_remaining + toUnits(bundle.credit_amount);
  if (available < amountUnits) return { ok: false };
  addBundleCredit(subscription, bundle.credit_amount);
  return { ok: deduct(subscription, amountUnits) };
}
