import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { Customer } from './shapes.js';

/**
 * Retrieves a customer by its Lava id (`con_…`) or by your `reference_id`.
 *
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
