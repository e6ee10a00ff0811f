import * as v from 'valibot';

// Response shapes: imported with `import type` by the operations (see core/shapes.ts).
import { DecimalStringSchema, SubscriptionBaseSchema } from '../core/shapes.js';

/** A plan's credit bundle, as listed inside the plan. */
export const PlanCreditBundleSchema = v.looseObject({
  credit_bundle_id: v.string(),
  name: v.string(),
  cost: DecimalStringSchema,
  credit_amount: DecimalStringSchema,
});

/** A plan as Lava returns it. */
export const PlanSchema = v.looseObject({
  plan_id: v.string(),
  merchant_id: v.string(),
  name: v.string(),
  period_amount: DecimalStringSchema,
  included_credit: DecimalStringSchema,
  billing_interval: v.picklist(['day', 'week', 'month', 'year']),
  rollover_type: v.picklist(['full', 'none']),
  bundle_rollover_type: v.picklist(['full', 'none']),
  default_auto_top_up_bundle_id: v.nullable(v.string()),
  linked_meters: v.array(v.looseObject({ meter_id: v.string(), name: v.string() })),
  credit_bundles: v.array(PlanCreditBundleSchema),
  created_at: v.string(),
});
/** A plan as Lava returns it. */
export interface Plan extends v.InferOutput<typeof PlanSchema> {}

/** A credit bundle as the credit-bundle endpoints return it. */
export const CreditBundleSchema = v.looseObject({
  credit_bundle_id: v.string(),
  plan_id: v.string(),
  name: v.string(),
  cost: DecimalStringSchema,
  credit_amount: DecimalStringSchema,
  created_at: v.string(),
});
/** A credit bundle as Lava returns it. */
export interface CreditBundle extends v.InferOutput<typeof CreditBundleSchema> {}

/** A subscription as `listSubscriptions` returns it: the customer's subscription plus who the customer is. */
export const SubscriptionSchema = v.looseObject({
  ...SubscriptionBaseSchema.entries,
  customer_id: v.string(),
  customer: v.looseObject({
    phone: v.string(),
    email: v.optional(v.string()),
    first_name: v.optional(v.string()),
    last_name: v.optional(v.string()),
  }),
});
/** A subscription list item. */
export interface Subscription extends v.InferOutput<typeof SubscriptionSchema> {}

/** The answer of `createSubscription`. */
export const CreatedSubscriptionSchema = v.looseObject({ subscription: SubscriptionBaseSchema });
/** The answer of `createSubscription`. */
export interface CreatedSubscription extends v.InferOutput<typeof CreatedSubscriptionSchema> {}
