// Subscriptions, lava-api.md §3.8. Credit bookkeeping lives in ../billing.ts.
import { activeSubscription, startSubscription } from '../billing.js';
import {
  DoubleError,
  merchantOf,
  objectBody,
  paginate,
  type Route,
  type RouteContext,
  requireString,
} from '../http.js';
import { type Merchant, type SubscriptionRecord, toUnits } from '../state.js';
import { findCustomer } from './customers.js';
import { findPlan } from './plans.js';
import { subscriptionView } from './subscription-view.js';

function findSubscription(merchant: Merchant, id: string): SubscriptionRecord {
  const subscription = merchant.subscriptions.get(id);
  if (!subscription) throw new DoubleError(404, `Subscription ${id} not found`);
  return subscription;
}

function listItem(merchant: Merchant, subscription: SubscriptionRecord) {
  const customer = merchant.customers.get(subscription.customer_id);
  const contact = customer?.contact ?? { phone: '', email: '', first_name: '', last_name: '' };
  return {
    ...subscriptionView(merchant, subscription.subscription_id),
    customer_id: subscription.customer_id,
    customer: { ...contact },
  };
}

function create(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const body = objectBody(ctx);
  for (const key of Object.keys(body)) {
    if (key !== 'customer_id' && key !== 'plan_id') throw new DoubleError(400, `Unknown field: ${key}`);
  }
  const customerId = requireString(body, 'customer_id');
  const planId = requireString(body, 'plan_id');
  const customer = findCustomer(merchant, customerId);
  const plan = findPlan(merchant, planId);
  if (toUnits(plan.period_amount) !== 0n) {
    throw new DoubleError(
      400,
      `Plan ${plan.plan_id} is a paid plan (period_amount ${plan.period_amount}): only free plans can be started ` +
        'with POST /subscriptions; paid plans need a checkout session (checkout_mode "subscription")',
      'checkout_required',
    );
  }
  const current = activeSubscription(merchant, customer.customer_id);
  // Asking again for the plan the customer is already on refills no credit; it only withdraws a
  // scheduled cancellation, the way resubscribing before the cycle ends would.
  if (current && current.plan_id === plan.plan_id) {
    if (current.pending_change?.type === 'cancellation') current.pending_change = null;
    return { json: { subscription: subscriptionView(merchant, current.subscription_id) } };
  }
  const subscription = startSubscription(merchant, customer, plan);
  return { status: 201, json: { subscription: subscriptionView(merchant, subscription.subscription_id) } };
}

function list(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const status = ctx.query.get('status') ?? 'active';
  if (!['active', 'cancelled', 'all'].includes(status)) {
    throw new DoubleError(400, 'status must be one of active, cancelled, all');
  }
  const customerParam = ctx.query.get('customer_id');
  let customerId: string | undefined;
  if (customerParam !== null) {
    // Accepts the Lava id or the reference id; an unknown customer matches nothing.
    try {
      customerId = findCustomer(merchant, customerParam).customer_id;
    } catch {
      customerId = `\0${customerParam}`;
    }
  }
  const matching = [...merchant.subscriptions.values()].filter(
    (s) => (status === 'all' || s.status === status) && (customerId === undefined || s.customer_id === customerId),
  );
  const page = paginate(matching, ctx.query, (s) => s.subscription_id);
  return { json: { ...page, data: page.data.map((s) => listItem(merchant, s)) } };
}

function update(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const subscription = findSubscription(merchant, ctx.params.id as string);
  const body = objectBody(ctx);
  for (const key of Object.keys(body)) {
    if (key !== 'auto_top_up_bundle_id') throw new DoubleError(400, `Unknown field: ${key}`);
  }
  if (!('auto_top_up_bundle_id' in body))
    throw new DoubleError(400, 'auto_top_up_bundle_id is required (null disables)');
  if (subscription.status !== 'active') {
    throw new DoubleError(400, `Subscription ${subscription.subscription_id} is cancelled`);
  }
  const bundleId = body.auto_top_up_bundle_id;
  if (bundleId !== null) {
    if (typeof bundleId !== 'string') throw new DoubleError(400, 'auto_top_up_bundle_id must be a string or null');
    const bundle = merchant.creditBundles.get(bundleId);
    if (!bundle || bundle._deleted || bundle.plan_id !== subscription.plan_id) {
      throw new DoubleError(
        400,
        `auto_top_up_bundle_id: ${bundleId} is not a credit bundle of plan ${subscription.plan_id}`,
        'invalid_bundle',
      );
    }
  }
  subscription.auto_top_up_bundle_id = bundleId;
  return { json: { success: true } };
}

function cancel(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const subscription = findSubscription(merchant, ctx.params.id as string);
  if (subscription.status !== 'active') {
    throw new DoubleError(400, `Subscription ${subscription.subscription_id} is already cancelled`);
  }
  // Scheduled, not immediate: the customer keeps the plan and its credit until the cycle ends.
  subscription.pending_change = { type: 'cancellation', effective_at: subscription.cycle_end_at };
  return { json: { success: true } };
}

export const routes: Route[] = [
  { method: 'POST', pattern: 'subscriptions', handler: create },
  { method: 'GET', pattern: 'subscriptions', handler: list },
  { method: 'PATCH', pattern: 'subscriptions/:id', handler: update },
  { method: 'DELETE', pattern: 'subscriptions/:id', handler: cancel },
];
