import * as v from 'valibot';

// Response shapes: imported with `import type` by the operations (see core/shapes.ts).

/** A checkout session as Lava returns it. */
export const CheckoutSessionSchema = v.looseObject({
  checkout_session_id: v.string(),
  /** Opaque token for the front end (`@lavapayments/checkout`'s `open(token)`). */
  checkout_session_token: v.string(),
  checkout_mode: v.picklist(['subscription', 'credit_bundle']),
  origin_url: v.string(),
  /** Set for a returning customer, and once checkout has created the customer. */
  customer_id: v.optional(v.string()),
  /** The plan a `subscription` session starts. */
  plan_id: v.optional(v.string()),
  created_at: v.string(),
  completed_at: v.optional(v.string()),
});
/** A checkout session as Lava returns it. */
export interface CheckoutSession extends v.InferOutput<typeof CheckoutSessionSchema> {}
