import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { Customer } from './shapes.js';

/**
 * Retrieves a customer by its Lava id (`con_…`) or by your `reference_id`.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The customer's Lava id (`con_…`) or your `reference_id`; sent as one encoded path segment.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaApiError} with status 404 when no such customer exists.
 * @example
 * ```ts
 * const customer = await getCustomer(config, 'con_123')
 * ```
 */
export async function getCustomer(config: LavaConfig, id: string, options?: CallOptions): Promise<Customer> {
  const customerId = validate(IdSchema, id, 'id');
  return restRequest<Customer>(config, { method: 'GET', path: path`customers/${customerId}` }, options);
}
