import type { LavaConfig } from '../config.js';
import { ListParamsSchema, type ListResponse, type PageParams } from '../core/list-params.js';
import { type CallOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { SecretKey } from './shapes.js';

/**
 * Lists the merchant's active secret keys, one page at a time; each shows only `secret_key_hint`.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaValidationError} for a bad `limit` or an unknown field; nothing is sent.
 * @example
 * ```ts
 * const { data } = await listSecretKeys(config)
 * console.log(data.map((k) => `${k.name} …${k.secret_key_hint}`))
 * ```
 */
export async function listSecretKeys(
  config: LavaConfig,
  params?: PageParams,
  options?: CallOptions,
): Promise<ListResponse<SecretKey>> {
  const query = validate(ListParamsSchema, params, 'params');
  return restRequest<ListResponse<SecretKey>>(config, { method: 'GET', path: 'secret_keys', query }, options);
}
