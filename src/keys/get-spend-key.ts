import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { SpendKey } from './shapes.js';

/**
 * Retrieves a spend key with its limits and usage (official SDK: `spendKeys.retrieve`).
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The spend key's id (not the key itself); sent as one encoded path segment.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaApiError} with status 404 for an unknown or revoked key.
 * @example
 * ```ts
 * const key = await getSpendKey(config, 'spk_123')
 * console.log(key.current_spend, key.spend_limit?.amount)
 * ```
 */
export async function getSpendKey(config: LavaConfig, id: string, options?: CallOptions): Promise<SpendKey> {
  const keyId = validate(IdSchema, id, 'id');
  return restRequest<SpendKey>(config, { method: 'GET', path: path`spend_keys/${keyId}` }, options);
}
