import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import type { Success } from '../core/shapes.js';
import { validate } from '../core/validate.js';

/** Arguments of {@link updateSubscription}. */
export const UpdateSubscriptionParamsSchema = v.strictObject({
  /** A credit bundle of the subscription's plan to buy automatically when credit runs out; `null` turns that off. */
  auto_top_up_bundle_id: v.nullable(IdSchema),
});
/** Arguments of {@link updateSubscription}. */
export interface UpdateSubscriptionParams extends v.InferInput<typeof UpdateSubscriptionParamsSchema> {}

/**
 * Sets or clears a subscription's auto top-up bundle. The field is required (as Lava's reference
 * says): pass `null` to disable auto top-up.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The subscription's id; sent as one encoded path segment.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaApiError} with status 400 when the bundle is not one of the subscription's plan.
 * @example
 * ```ts
 * await updateSubscription(config, 'subs_123', { auto_top_up_bundle_id: 'cb_456' })
 * ```
 */
export async function updateSubscription(
  config: LavaConfig,
  id: string,
  params: UpdateSubscriptionParams,
  options?: CallOptions,
): Promise<Success> {
  const subscriptionId = validate(IdSchema, id, 'id');
  const body = validate(UpdateSubscriptionParamsSchema, params, 'params');
  return restRequest<Success>(config, { method: 'PATCH', path: path`subscriptions/${subscriptionId}`, body }, options);
}
