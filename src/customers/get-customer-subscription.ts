import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { CustomerSubscription } from './shapes.js';

/**
 * Retrieves the customer's current subscription with its remaining credit; `subscription` is
 * `null` when the customer is on no plan.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The customer's Lava id (`con_…`) or your `reference_id`; sent as one encoded path segment.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaApiError} with status 404 when no such customer exists.
 * @throws {LavaValidationError} for an empty id; nothing is sent.
 * @example
 * ```ts
 * const { subscription } = await getCustomerSubscription(config, 'con_123')
 * console.log(subscription?.credits.total_remaining ?? 'no plan')
 * ```
 */
export async function getCustomerSubscription(
  config: LavaConfig,
  id: string,
  options?: CallOptions,
): Promise<CustomerSubscription> {
  const customerId = validate(IdSchema, id, 'id');
  return restRequest<CustomerSubscription>(
    config,
    { method: 'GET', path: path`customers/${customerId}/subscription` },
    options,
  );
}
