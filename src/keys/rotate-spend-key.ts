import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CreateOptions, path, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { SpendKeyWithKey } from './shapes.js';

/**
 * Replaces a spend key's secret: the answer's `key` is the new one and the old one stops working
 * at once; limits and usage history stay. Sent as a `POST` with no body.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The spend key's id (not the key itself); sent as one encoded path segment.
 * @param options - Per-call `signal`, `timeout` and `headers`, and `idempotencyKey`.
 * @throws {LavaApiError} with status 404 when no such spend key exists.
 * @throws {LavaValidationError} for an empty id; nothing is sent.
 * @example
 * ```ts
 * const { key } = await rotateSpendKey(config, 'spk_123')
 * ```
 */
export async function rotateSpendKey(
  config: LavaConfig,
  id: string,
  options?: CreateOptions,
): Promise<SpendKeyWithKey> {
  const keyId = validate(IdSchema, id, 'id');
  return restRequest<SpendKeyWithKey>(config, { method: 'POST', path: path`spend_keys/${keyId}/rotate` }, options);
}
