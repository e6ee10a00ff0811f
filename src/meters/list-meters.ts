import type { LavaConfig } from '../config.js';
import { ListParamsSchema, type ListResponse, type PageParams } from '../core/list-params.js';
import { type CallOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { Meter } from './shapes.js';

/**
 * Lists meters, one page at a time; `paginate(listMeters, config)` walks every page.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaValidationError} when `limit` is not an integer from 1 to 100; nothing is sent.
 * @example
 * ```ts
 * const page = await listMeters(config, { limit: 20 })
 * for (const meter of page.data) console.log(meter.meter_slug, meter.rate_type)
 * ```
 */
export async function listMeters(
  config: LavaConfig,
  params?: PageParams,
  options?: CallOptions,
): Promise<ListResponse<Meter>> {
  const query = validate(ListParamsSchema, params, 'params');
  return restRequest<ListResponse<Meter>>(config, { method: 'GET', path: 'meters', query }, options);
}
