import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { encodeMetadataFilters, RequestMetadataSchema } from '../core/metadata.js';
import { type CallOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { Usage } from './shapes.js';

// A date, or a date and time with optional seconds, fraction and offset (Lava groups days in the
// offset `start` carries).
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

const TimestampSchema = /* @__PURE__ */ v.pipe(
  v.string('must be an ISO 8601 date or timestamp string'),
  v.regex(ISO_8601, 'must be an ISO 8601 date or timestamp such as 2025-01-01 or 2025-01-01T00:00:00Z'),
  v.check((value) => !Number.isNaN(Date.parse(value)), 'must be a real date'),
);

/** Arguments of {@link getUsage}. */
export const GetUsageParamsSchema = /* @__PURE__ */ v.pipe(
  v.strictObject({
    start: TimestampSchema,
    end: v.optional(TimestampSchema),
    customer_id: v.optional(IdSchema),
    meter_id: v.optional(IdSchema),
    metadata_filters: v.optional(RequestMetadataSchema),
  }),
  v.forward(
    v.partialCheck(
      [['start'], ['end']],
      ({ start, end }) => end === undefined || Date.parse(end) >= Date.parse(start),
      'must not be before start',
    ),
    ['end'],
  ),
);
/** Arguments of {@link getUsage}: the period (`end` defaults to now) and optional filters. */
export interface GetUsageParams extends v.InferInput<typeof GetUsageParamsSchema> {}

/**
 * Retrieves usage in daily buckets from `start` to `end` (default: now), with totals, optionally
 * for one customer, one meter and/or requests carrying the given metadata.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaValidationError} when `start` is missing or not ISO 8601, or `end` is before it; nothing is sent.
 * @example
 * ```ts
 * const usage = await getUsage(config, { start: '2025-06-01T00:00:00Z', customer_id: 'con_123' })
 * console.log(usage.totals.total_charge)
 * ```
 */
export async function getUsage(config: LavaConfig, params: GetUsageParams, options?: CallOptions): Promise<Usage> {
  const valid = validate(GetUsageParamsSchema, params, 'params');
  const query = {
    start: valid.start,
    end: valid.end,
    customer_id: valid.customer_id,
    meter_id: valid.meter_id,
    metadata_filters: encodeMetadataFilters(valid.metadata_filters),
  };
  return restRequest<Usage>(config, { method: 'GET', path: 'usage', query }, options);
}
