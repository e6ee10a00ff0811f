import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { type CreateOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import { spendKeyEntries, spendKeyName } from './fields.js';
import type { SpendKeyWithKey } from './shapes.js';

/** Arguments of {@link createSpendKey}. */
export const CreateSpendKeyParamsSchema = v.strictObject({ name: spendKeyName(), ...spendKeyEntries() });
/** Arguments of {@link createSpendKey}. */
export interface CreateSpendKeyParams extends v.InferInput<typeof CreateSpendKeyParamsSchema> {}

/**
 * Creates a spend key: a drop-in provider API key for AI tools and agents, with optional model,
 * provider, spend, request and rate limits. The answer's `key` is the only time it is shown.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`, and `idempotencyKey`.
 * @throws {LavaValidationError} for a malformed field (e.g. a negative `rate_limit.rpm`); nothing is sent.
 * @example
 * ```ts
 * const { key } = await createSpendKey(config, {
 *   name: 'Claude Code', request_shape: 'anthropic', spend_limit: { amount: '25.00', cycle: 'monthly' },
 * })
 * ```
 */
export async function createSpendKey(
  config: LavaConfig,
  params: CreateSpendKeyParams,
  options?: CreateOptions,
): Promise<SpendKeyWithKey> {
  const body = validate(CreateSpendKeyParamsSchema, params, 'params');
  return restRequest<SpendKeyWithKey>(config, { method: 'POST', path: 'spend_keys', body }, options);
}
