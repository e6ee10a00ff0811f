import * as v from 'valibot';

// Response shapes: imported with `import type` by the operations (see core/shapes.ts).
import { DecimalStringSchema } from '../core/shapes.js';

/** How a meter's tiers count usage. */
export const TierTypeSchema = v.picklist(['tokens_1m', 'characters_1m', 'minutes', 'requests']);
/** How a meter's tiers count usage: per 1M tokens, per 1M characters, per minute, per request. */
export type TierType = 'tokens_1m' | 'characters_1m' | 'minutes' | 'requests';

/** How a meter's rates apply: credits per unit, or a percentage of the provider cost. */
export const RateTypeSchema = v.picklist(['fixed', 'percentage']);
/** `fixed` (credits per unit) or `percentage` (of the provider cost). */
export type RateType = 'fixed' | 'percentage';

/** One tier as Lava returns it: `start` is a number here (it is sent as a string). */
export const MeterTierSchema = v.looseObject({
  start: v.number(),
  rate: DecimalStringSchema,
  type: TierTypeSchema,
});
/** One tier as Lava returns it. */
export interface MeterTier extends v.InferOutput<typeof MeterTierSchema> {}

/** A meter as Lava returns it. */
export const MeterSchema = v.looseObject({
  meter_id: v.string(),
  meter_slug: v.string(),
  name: v.string(),
  rate_type: RateTypeSchema,
  tiers: v.array(MeterTierSchema),
  created_at: v.string(),
});
/** A meter: how gateway usage is priced for customers. */
export interface Meter extends v.InferOutput<typeof MeterSchema> {}
