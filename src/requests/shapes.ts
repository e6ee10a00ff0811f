import * as v from 'valibot';

// Response shapes: imported with `import type` by the operations (see core/shapes.ts).
import { DecimalStringSchema } from '../core/shapes.js';

const TierTypeSchema = v.picklist(['tokens_1m', 'characters_1m', 'minutes', 'requests']);

/** One metered call as Lava records it (a gateway call, or one reported with `createRequest`). */
export const MeteredRequestSchema = v.looseObject({
  request_id: v.string(),
  status: v.picklist(['pending', 'completed', 'error']),
  customer_id: v.optional(v.string()),
  meter_id: v.optional(v.string()),
  model: v.optional(v.string()),
  response_id: v.optional(v.string()),
  timestamp: v.optional(v.string()),
  provider: v.string(),
  provider_key_type: v.picklist(['managed', 'unmanaged', 'stored']),
  endpoint: v.string(),
  model_usage: v.looseObject({
    input_tokens: v.number(),
    output_tokens: v.number(),
    total_tokens: v.number(),
    input_characters: v.number(),
    output_characters: v.number(),
    total_characters: v.number(),
    input_seconds: v.number(),
    output_seconds: v.number(),
    total_seconds: v.number(),
    input_cost: DecimalStringSchema,
    output_cost: DecimalStringSchema,
    total_cost: DecimalStringSchema,
  }),
  cost: DecimalStringSchema,
  charge: v.looseObject({
    amount: DecimalStringSchema,
    rate_type: v.picklist(['fixed', 'percentage']),
    breakdown: v.array(
      v.looseObject({
        tier: v.looseObject({ start: v.number(), rate: DecimalStringSchema, type: TierTypeSchema }),
        tokens: v.number(),
        characters: v.number(),
        seconds: v.number(),
        cost: DecimalStringSchema,
      }),
    ),
  }),
  metadata: v.record(v.string(), v.string()),
  created_at: v.string(),
});
/**
 * One metered call. Named `MeteredRequest` rather than `Request` so that importing it never
 * shadows the global fetch `Request`.
 */
export interface MeteredRequest extends v.InferOutput<typeof MeteredRequestSchema> {}
