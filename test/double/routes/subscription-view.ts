// The SubscriptionBase view (lava-api.md §3.1), shared by the customer and subscription routes.
import { DoubleError } from '../http.js';
import { fromUnits, type Merchant } from '../state.js';

export function subscriptionView(merchant: Merchant, subscriptionId: string) {
  const subscription = merchant.subscriptions.get(subscriptionId);
  if (!subscription) throw new DoubleError(404, `Subscription ${subscriptionId} not found`);
  const plan = merchant.plans.get(subscription.plan_id);
  if (!plan) throw new DoubleError(500, `Plan ${subscription.plan_id} of ${subscriptionId} is missing`);
  const cycle = subscription._cycle_remaining;
  const bundle = subscription._bundle_remaining;
  return {
    subscription_id: subscription.subscription_id,
    plan_id: subscription.plan_id,
    status: subscription.status,
    auto_top_up_bundle_id: subscription.auto_top_up_bundle_id,
    started_at: subscription.started_at,
    cancelled_at: subscription.cancelled_at,
    cycle_start_at: subscription.cycle_start_at,
    cycle_end_at: subscription.cycle_end_at,
    plan: {
      name: plan.name,
      period_amount: plan.period_amount,
      included_credit: plan.included_credit,
      billing_interval: plan.billing_interval,
      rollover_type: plan.rollover_type,
      bundle_rollover_type: plan.bundle_rollover_type,
    },
    credits: {
      total_remaining: fromUnits(cycle + bundle),
      cycle_remaining: fromUnits(cycle),
      bundle_remaining: fromUnits(bundle),
    },
    pending_change: subscription.pending_change,
  };
}
