import type { LavaConfig } from '../config.js';
import { ListParamsSchema, type ListResponse, type PageParams } from '../core/list-params.js';
import { type CallOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { SpendKey } from './shapes.js';

/**
 * Lists spend keys, one page at a time (previews only, never the raw keys).
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaValidationError} for a bad `limit` or an unknown field; nothing is sent.
 * @example
 * ```ts
 * const { data } = await listSpendKeys(config, { limit: 100 })
 * console.log(data.filter((k) => k.status === 'paused').length)
 * ```
 */
export async function listSpendKeys(
  config: LavaConfig,
  params?: PageParams,
  options?: CallOptions,
): Promise<ListResponse<SpendKey>> {
  const query = validate(ListParamsSchema, params, 'params');
  return restRequest<ListResponse<SpendKey>>(config, { method: 'GET', path: 'spend_keys', query }, options);
}
