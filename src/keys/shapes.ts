import * as v from 'valibot';

// Response shapes: imported with `import type` by the operations (see core/shapes.ts).
import { DecimalStringSchema } from '../core/shapes.js';

/** A secret key as listed: its last four characters only, never the key. */
export const SecretKeySchema = v.looseObject({
  secret_key_id: v.string(),
  name: v.string(),
  secret_key_hint: v.string(),
  created_at: v.string(),
});
/** A secret key as listed. */
export interface SecretKey extends v.InferOutput<typeof SecretKeySchema> {}

/** The answer of `createSecretKey`: the only time the raw `secret_key` is returned. */
export const CreatedSecretKeySchema = v.looseObject({ ...SecretKeySchema.entries, secret_key: v.string() });
/** The answer of `createSecretKey`. */
export interface CreatedSecretKey extends v.InferOutput<typeof CreatedSecretKeySchema> {}

const CycleSchema = v.picklist(['daily', 'weekly', 'monthly', 'total']);

/** A spend key as listed and retrieved (without the raw key). */
export const SpendKeySchema = v.looseObject({
  spend_key_id: v.string(),
  key_preview: v.string(),
  name: v.string(),
  wallet_id: v.string(),
  status: v.picklist(['active', 'paused']),
  request_shape: v.picklist(['openai', 'anthropic']),
  allowed_models: v.nullable(v.array(v.string())),
  allowed_providers: v.nullable(v.array(v.string())),
  spend_limit: v.nullable(v.looseObject({ amount: DecimalStringSchema, cycle: CycleSchema })),
  current_spend: DecimalStringSchema,
  total_spend: DecimalStringSchema,
  request_limit: v.nullable(v.looseObject({ count: v.number(), cycle: CycleSchema })),
  current_requests: v.number(),
  total_requests: v.number(),
  rate_limit: v.nullable(v.looseObject({ rpm: v.number(), burst: v.nullable(v.number()) })),
  expires_at: v.nullable(v.string()),
  last_used_at: v.nullable(v.string()),
  created_at: v.string(),
});
/** A spend key as listed and retrieved. */
export interface SpendKey extends v.InferOutput<typeof SpendKeySchema> {}

/** A spend key with its raw `key`, as `createSpendKey` and `rotateSpendKey` return it (the only times). */
export const SpendKeyWithKeySchema = v.looseObject({ ...SpendKeySchema.entries, key: v.string() });
/** A spend key with its raw `key`. */
export interface SpendKeyWithKey extends v.InferOutput<typeof SpendKeyWithKeySchema> {}
