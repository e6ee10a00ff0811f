import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import { spendKeyEntries, spendKeyName } from './fields.js';
import type { SpendKey } from './shapes.js';

/** Arguments of {@link updateSpendKey}: any of the create fields; only those given are sent. */
export const UpdateSpendKeyParamsSchema = v.strictObject({ name: v.optional(spendKeyName()), ...spendKeyEntries() });
/** Arguments of {@link updateSpendKey}. */
export interface UpdateSpendKeyParams extends v.InferInput<typeof UpdateSpendKeyParamsSchema> {}

/**
 * Changes some fields of a spend key (sent as `PUT` with only the given fields); `null` removes a
 * limit. Pausing (`status: 'paused'`) stops the key without revoking it.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The spend key's id (not the key itself); sent as one encoded path segment.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaValidationError} naming the field for a bad value or an unknown field; nothing is sent.
 * @throws {LavaApiError} with status 404 when no such spend key exists.
 * @example
 * ```ts
 * await updateSpendKey(config, 'spk_123', { status: 'paused' })
 * ```
 */
export async function updateSpendKey(
  config: LavaConfig,
  id: string,
  params: UpdateSpendKeyParams,
  options?: CallOptions,
): Promise<SpendKey> {
  const keyId = validate(IdSchema, id, 'id');
  const body = validate(UpdateSpendKeyParamsSchema, params, 'params');
  return restRequest<SpendKey>(config, { method: 'PUT', path: path`spend_keys/${keyId}`, body }, options);
}
