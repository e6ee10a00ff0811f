import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { type CreateOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { CreatedSecretKey } from './shapes.js';

/** Arguments of {@link createSecretKey}. */
export const CreateSecretKeyParamsSchema = v.strictObject({
  name: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(255, 'must be at most 255 characters')),
});
/** Arguments of {@link createSecretKey}. */
export interface CreateSecretKeyParams extends v.InferInput<typeof CreateSecretKeyParamsSchema> {}

/**
 * Creates a secret key (at most 100 per merchant). The answer's `secret_key` is the only time the
 * key is shown: store it now.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`, and `idempotencyKey`.
 * @throws {LavaApiError} with status 400 when the merchant already has 100 keys.
 * @example
 * ```ts
 * const { secret_key, secret_key_id } = await createSecretKey(config, { name: 'CI' })
 * ```
 */
export async function createSecretKey(
  config: LavaConfig,
  params: CreateSecretKeyParams,
  options?: CreateOptions,
): Promise<CreatedSecretKey> {
  const body = validate(CreateSecretKeyParamsSchema, params, 'params');
  return restRequest<CreatedSecretKey>(config, { method: 'POST', path: 'secret_keys', body }, options);
}
