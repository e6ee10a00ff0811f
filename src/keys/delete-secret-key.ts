import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import type { Deleted } from '../core/shapes.js';
import { validate } from '../core/validate.js';

/**
 * Revokes a secret key; it stops authenticating at once. The merchant's last key cannot be deleted.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The secret key's id (`secret_key_id`), not the key itself; sent as one encoded path segment.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaApiError} with status 400 for the last remaining key, 404 for an unknown one.
 * @example
 * ```ts
 * await deleteSecretKey(config, 'sk_123')
 * ```
 */
export async function deleteSecretKey(config: LavaConfig, id: string, options?: CallOptions): Promise<Deleted> {
  const keyId = validate(IdSchema, id, 'id');
  return restRequest<Deleted>(config, { method: 'DELETE', path: path`secret_keys/${keyId}` }, options);
}
