import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CreateOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { CreatedSubscription } from './shapes.js';

/** Arguments of {@link createSubscription}. */
export const CreateSubscriptionParamsSchema = v.strictObject({
  /** The customer's Lava id or your reference id. */
  customer_id: IdSchema,
  plan_id: IdSchema,
});
/** Arguments of {@link createSubscription}. */
export interface CreateSubscriptionParams extends v.InferInput<typeof CreateSubscriptionParamsSchema> {}

/**
 * Puts a customer on a **free** plan (`period_amount` 0) right away. Paid plans start only through
 * checkout (`createCheckoutSession` with `checkout_mode: 'subscription'`); Lava answers 400 for them.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`, and `idempotencyKey`.
 * @throws {LavaApiError} with status 400 for a paid plan, 404 for an unknown customer or plan.
 * @example
 * ```ts
 * const { subscription } = await createSubscription(config, { customer_id: 'con_123', plan_id: 'sub_free' })
 * console.log(subscription.credits.total_remaining)
 * ```
 */
export async function createSubscription(
  config: LavaConfig,
  params: CreateSubscriptionParams,
  options?: CreateOptions,
): Promise<CreatedSubscription> {
  const body = validate(CreateSubscriptionParamsSchema, params, 'params');
  return restRequest<CreatedSubscription>(config, { method: 'POST', path: 'subscriptions', body }, options);
}
