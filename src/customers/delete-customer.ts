import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import type { Success } from '../core/shapes.js';
import { validate } from '../core/validate.js';

/**
 * Deletes a customer.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The customer's Lava id (`con_…`) or your `reference_id`; sent as one encoded path segment.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaApiError} with status 404 when no such customer exists.
 * @example
 * ```ts
 * const { success } = await deleteCustomer(config, 'con_123')
 * ```
 */
export async function deleteCustomer(config: LavaConfig, id: string, options?: CallOptions): Promise<Success> {
  const customerId = validate(IdSchema, id, 'id');
  return restRequest<Success>(config, { method: 'DELETE', path: path`customers/${customerId}` }, options);
}
