// Shared set-up of the gateway suites: a meter, a plan with credit and a customer subscribed to it,
// made through the SDK and the double's checkout completion, as a merchant would.
import { createCheckoutSession, createMeter, createPlan, type LavaConfig } from '../../src/index.js';
import type { LavaDouble } from '../double/index.js';

export const OPENAI_CHAT = 'https://api.openai.com/v1/chat/completions';
export const ANTHROPIC_MESSAGES = 'https://api.anthropic.com/v1/messages';

export const chatBody = (content = 'Hello gateway', extra: Record<string, unknown> = {}) => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content }],
  ...extra,
});

export interface ChatCompletion {
  id: string;
  object: string;
  choices: { message: { role: string; content: string } }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

/** A meter priced at `rate` per 1M tokens. */
export async function makeMeter(config: LavaConfig, rate = '10.00') {
  return createMeter(config, {
    name: 'Gateway tokens',
    rate_type: 'fixed',
    tier_type: 'tokens_1m',
    tiers: [{ start: '0', rate }],
  });
}

/** A customer subscribed (through checkout) to a free plan that includes `credit` and the meter. */
export async function makeCustomer(config: LavaConfig, double: LavaDouble, meterId: string, credit = '5.00') {
  const plan = await createPlan(config, {
    name: 'Gateway plan',
    period_amount: '0.00',
    billing_interval: 'month',
    included_credit: credit,
    meter_ids: [meterId],
  });
  const session = await createCheckoutSession(config, {
    checkout_mode: 'subscription',
    origin_url: 'https://app.example.com',
    plan_id: plan.plan_id,
  });
  const res = await fetch(`${double.baseUrl}__double/checkout_sessions/${session.checkout_session_id}/complete`, {
    method: 'POST',
    headers: { authorization: `Bearer ${double.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Grace Hopper', email: 'grace@example.com' }),
  });
  if (!res.ok) throw new Error(`checkout completion failed: ${res.status} ${await res.text()}`);
  const { customer_id } = (await res.json()) as { customer_id: string };
  return customer_id;
}

/** The double's Requests, newest last. */
export function recorded(double: LavaDouble) {
  return [...double.merchant.requests.values()];
}

/** The customer's remaining credit in the double, in 1e-10 USD units. */
export function creditOf(double: LavaDouble, customerId: string): bigint {
  const customer = double.merchant.customers.get(customerId);
  const subscription = customer?._subscription_id
    ? double.merchant.subscriptions.get(customer._subscription_id)
    : undefined;
  return subscription ? subscription._cycle_remaining + subscription._bundle_remaining : 0n;
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function eventually(check: () => boolean, ms = 3_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
