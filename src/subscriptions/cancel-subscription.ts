import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import type { Success } from '../core/shapes.js';
import { validate } from '../core/validate.js';

/**
 * Cancels a subscription at the end of its current cycle: until then it stays active and shows a
 * `pending_change` of type `cancellation` (see `getCustomerSubscription`).
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The subscription's id; sent as one encoded path segment.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaApiError} with status 404 for an unknown subscription, 400 when already cancelled.
 * @example
 * ```ts
 * await cancelSubscription(config, 'subs_123')
 * ```
 */
export async function cancelSubscription(config: LavaConfig, id: string, options?: CallOptions): Promise<Success> {
  const subscriptionId = validate(IdSchema, id, 'id');
  return restRequest<Success>(config, { method: 'DELETE', path: path`subscriptions/${subscriptionId}` }, options);
}
