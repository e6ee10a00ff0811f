import type { LavaConfig } from '../config.js';
import { ListParamsSchema, type ListResponse, type PageParams } from '../core/list-params.js';
import { type CallOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { Plan } from './shapes.js';

/**
 * Lists the merchant's plans, one page at a time (the default free plan included).
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaValidationError} when `limit` is not an integer from 1 to 100; nothing is sent.
 * @example
 * ```ts
 * const { data } = await listPlans(config, { limit: 20 })
 * console.log(data.map((p) => `${p.name}: ${p.period_amount}/${p.billing_interval}`))
 * ```
 */
export async function listPlans(
  config: LavaConfig,
  params?: PageParams,
  options?: CallOptions,
): Promise<ListResponse<Plan>> {
  const query = validate(ListParamsSchema, params, 'params');
  return restRequest<ListResponse<Plan>>(config, { method: 'GET', path: 'plans', query }, options);
}
