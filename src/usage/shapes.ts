import * as v from 'valibot';

// Response shapes: imported with `import type` by the operations (see core/shapes.ts).
import { DecimalStringSchema } from '../core/shapes.js';

/** One day of usage. */
export const UsageItemSchema = v.looseObject({
  /** The day, `YYYY-MM-DD`, in the time zone of the query's `start`. */
  date: v.string(),
  start: v.string(),
  end: v.string(),
  total_requests: v.number(),
  total_usage_tokens: v.number(),
  total_cost: DecimalStringSchema,
  total_charge: DecimalStringSchema,
});
/** One day of usage. */
export interface UsageItem extends v.InferOutput<typeof UsageItemSchema> {}

/** The answer of `getUsage`: daily buckets and their totals. */
export const UsageSchema = v.looseObject({
  items: v.array(UsageItemSchema),
  totals: v.looseObject({
    total_requests: v.number(),
    total_usage_tokens: v.number(),
    total_cost: DecimalStringSchema,
    total_charge: DecimalStringSchema,
  }),
});
/** Usage per day over a period, with totals. */
export interface Usage extends v.InferOutput<typeof UsageSchema> {}
