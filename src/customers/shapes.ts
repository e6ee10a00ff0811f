import * as v from 'valibot';

// Response shapes: imported with `import type` by the operations (see core/shapes.ts).
import { SubscriptionBaseSchema } from '../core/shapes.js';

/** A customer as Lava returns it. */
export const CustomerSchema = v.looseObject({
  customer_id: v.string(),
  reference_id: v.nullable(v.string()),
  contact: v.looseObject({
    phone: v.string(),
    email: v.string(),
    first_name: v.string(),
    last_name: v.string(),
  }),
  subscription: v.nullable(
    v.looseObject({
      subscription_id: v.string(),
      plan_id: v.string(),
      name: v.string(),
      status: v.picklist(['active', 'cancelled']),
    }),
  ),
  metadata: v.nullable(v.record(v.string(), v.unknown())),
  created_at: v.string(),
});
/** A customer as Lava returns it. */
export interface Customer extends v.InferOutput<typeof CustomerSchema> {}

/** The answer of `getCustomerSubscription`: the subscription, or `null` when the customer is on none. */
export const CustomerSubscriptionSchema = v.looseObject({ subscription: v.nullable(SubscriptionBaseSchema) });
/** The answer of `getCustomerSubscription`. */
export interface CustomerSubscription extends v.InferOutput<typeof CustomerSubscriptionSchema> {}
