import type { LavaConfig } from '../config.js';
import { ListParamsSchema, type ListResponse, type PageParams } from '../core/list-params.js';
import { type CallOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { Customer } from './shapes.js';

/**
 * Lists customers, one page at a time (`has_more` and `next_cursor` tell whether another follows).
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaValidationError} when `limit` is not an integer from 1 to 100; nothing is sent.
 * @example
 * ```ts
 * const page = await listCustomers(config, { limit: 50 })
 * for (const c of page.data) console.log(c.customer_id)
 * ```
 */
export async function listCustomers(
  config: LavaConfig,
  params?: PageParams,
  options?: CallOptions,
): Promise<ListResponse<Customer>> {
  const query = validate(ListParamsSchema, params, 'params');
  return restRequest<ListResponse<Customer>>(config, { method: 'GET', path: 'customers', query }, options);
}
