import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import type { Success } from '../core/shapes.js';
import { validate } from '../core/validate.js';

/**
 * Revokes a spend key: it stops working immediately and disappears from the list.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The spend key's id (not the key itself); sent as one encoded path segment.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaApiError} with status 404 for an unknown or already revoked key.
 * @example
 * ```ts
 * await revokeSpendKey(config, 'spk_123')
 * ```
 */
export async function revokeSpendKey(config: LavaConfig, id: string, options?: CallOptions): Promise<Success> {
  const keyId = validate(IdSchema, id, 'id');
  return restRequest<Success>(config, { method: 'DELETE', path: path`spend_keys/${keyId}` }, options);
}
