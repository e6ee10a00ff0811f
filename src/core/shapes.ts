import * as v from 'valibot';

// Response shapes shared by more than one resource. Operations import these with `import type`
// only, so none of this code reaches an application bundle; the test suite parses the double's
// answers with them to keep the double and the types honest. Loose objects: Lava adds fields.

/** A decimal amount as Lava writes it: `"49.00"`, `"0.0581000000"`. */
export const DecimalStringSchema = v.pipe(v.string(), v.regex(/^-?\d+(\.\d+)?$/));

/** `{ success: boolean }`, the answer of deletions that are not soft-deleting resources. */
export const SuccessSchema = v.looseObject({ success: v.boolean() });
/** `{ success }`: the answer of operations that delete or cancel without returning the object. */
export interface Success extends v.InferOutput<typeof SuccessSchema> {}

/** `{ id, deleted: true }`, the answer of deleting a plan, meter, webhook or secret key. */
export const DeletedSchema = v.looseObject({ id: v.string(), deleted: v.literal(true) });
/** `{ id, deleted: true }`: the answer of deleting a plan, meter, webhook or secret key. */
export interface Deleted extends v.InferOutput<typeof DeletedSchema> {}

/** A customer's subscription as the customer and subscription endpoints return it. */
export const SubscriptionBaseSchema = v.looseObject({
  subscription_id: v.string(),
  plan_id: v.string(),
  status: v.picklist(['active', 'cancelled']),
  auto_top_up_bundle_id: v.nullable(v.string()),
  started_at: v.string(),
  cancelled_at: v.nullable(v.string()),
  cycle_start_at: v.nullable(v.string()),
  cycle_end_at: v.nullable(v.string()),
  plan: v.looseObject({
    name: v.string(),
    period_amount: DecimalStringSchema,
    included_credit: DecimalStringSchema,
    billing_interval: v.picklist(['day', 'week', 'month', 'year']),
    rollover_type: v.picklist(['full', 'none']),
    bundle_rollover_type: v.picklist(['full', 'none']),
  }),
  credits: v.looseObject({
    total_remaining: DecimalStringSchema,
    cycle_remaining: DecimalStringSchema,
    bundle_remaining: DecimalStringSchema,
  }),
  pending_change: v.nullable(
    v.looseObject({
      type: v.picklist(['cancellation', 'downgrade']),
      effective_at: v.nullable(v.string()),
      plan_id: v.optional(v.string()),
      name: v.optional(v.string()),
      period_amount: v.optional(v.string()),
      included_credit: v.optional(v.string()),
    }),
  ),
});
/** A customer's subscription with its plan, remaining credit and any pending change. */
export interface SubscriptionBase extends v.InferOutput<typeof SubscriptionBaseSchema> {}

/** Builds the schema of a list envelope around an item schema. */
export function listSchema<TItem extends v.GenericSchema>(item: TItem) {
  return v.looseObject({ data: v.array(item), has_more: v.boolean(), next_cursor: v.nullable(v.string()) });
}
