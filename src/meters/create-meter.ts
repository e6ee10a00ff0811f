import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { type CreateOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { Meter } from './shapes.js';
import { TiersSchema } from './tiers.js';

/** Arguments of {@link createMeter}. */
export const CreateMeterParamsSchema = /* @__PURE__ */ v.strictObject({
  name: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  meter_slug: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty'))),
  rate_type: v.picklist(['fixed', 'percentage'], 'must be "fixed" or "percentage"'),
  tier_type: v.picklist(
    ['tokens_1m', 'characters_1m', 'minutes', 'requests'],
    'must be "tokens_1m", "characters_1m", "minutes" or "requests"',
  ),
  tiers: TiersSchema,
});
/** Arguments of {@link createMeter}. */
export interface CreateMeterParams extends v.InferInput<typeof CreateMeterParamsSchema> {}

/**
 * Creates a meter. `rate_type`, `tier_type` and `meter_slug` cannot change afterwards; without a
 * `meter_slug` Lava derives a unique one from the name.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`, and `idempotencyKey`.
 * @throws {LavaValidationError} for a missing or malformed field (e.g. `params.tiers.0.start`); nothing is sent.
 * @example
 * ```ts
 * const meter = await createMeter(config, {
 *   name: 'Chat tokens',
 *   rate_type: 'fixed',
 *   tier_type: 'tokens_1m',
 *   tiers: [{ start: '0', rate: '2.50' }, { start: '10000000', rate: '2.00' }],
 * })
 * ```
 */
export async function createMeter(
  config: LavaConfig,
  params: CreateMeterParams,
  options?: CreateOptions,
): Promise<Meter> {
  const body = validate(CreateMeterParamsSchema, params, 'params');
  return restRequest<Meter>(config, { method: 'POST', path: 'meters', body }, options);
}
