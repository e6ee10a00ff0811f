import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { Meter } from './shapes.js';
import { TiersSchema } from './tiers.js';

const IMMUTABLE = 'cannot be changed after the meter is created';

/** Arguments of {@link updateMeter}. */
export const UpdateMeterParamsSchema = /* @__PURE__ */ v.strictObject({
  name: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty'))),
  tiers: v.optional(TiersSchema),
  // Named so that the error says why, rather than "unknown key".
  rate_type: v.optional(v.never(IMMUTABLE)),
  tier_type: v.optional(v.never(IMMUTABLE)),
  meter_slug: v.optional(v.never(IMMUTABLE)),
});
/** Arguments of {@link updateMeter}: a new name and/or a full replacement of the tiers. */
export interface UpdateMeterParams extends v.InferInput<typeof UpdateMeterParamsSchema> {}

/**
 * Renames a meter and/or replaces all of its tiers.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The meter's id; sent as one encoded path segment.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaValidationError} for a malformed field, or an attempt to change `rate_type`,
 * `tier_type` or `meter_slug`; nothing is sent.
 * @throws {LavaApiError} with status 404 when no such meter exists.
 * @example
 * ```ts
 * await updateMeter(config, 'prd_123', { tiers: [{ start: '0', rate: '3.00' }] })
 * ```
 */
export async function updateMeter(
  config: LavaConfig,
  id: string,
  params: UpdateMeterParams,
  options?: CallOptions,
): Promise<Meter> {
  const meterId = validate(IdSchema, id, 'id');
  const body = validate(UpdateMeterParamsSchema, params, 'params');
  return restRequest<Meter>(config, { method: 'PATCH', path: path`meters/${meterId}`, body }, options);
}
