import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CreateOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { CheckoutSession } from './shapes.js';

const OriginUrlSchema = v.pipe(
  v.string(),
  v.check((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'https:' || protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL: the origin of the page that opens the checkout'),
);

/**
 * Arguments of {@link createCheckoutSession}, by mode: `subscription` needs `plan_id` (and takes
 * `customer_id` for a returning customer); `credit_bundle` needs `customer_id` and
 * `credit_bundle_id`. Fields of the other mode are rejected rather than silently ignored.
 */
export const CreateCheckoutSessionParamsSchema = v.variant('checkout_mode', [
  v.strictObject({
    checkout_mode: v.literal('subscription'),
    origin_url: OriginUrlSchema,
    plan_id: IdSchema,
    customer_id: v.optional(IdSchema),
  }),
  v.strictObject({
    checkout_mode: v.literal('credit_bundle'),
    origin_url: OriginUrlSchema,
    customer_id: IdSchema,
    credit_bundle_id: IdSchema,
  }),
]);
/** Arguments of {@link createCheckoutSession}. */
export type CreateCheckoutSessionParams = v.InferInput<typeof CreateCheckoutSessionParamsSchema>;

/**
 * Creates a checkout session: hand its `checkout_session_token` to the front end, which opens
 * Lava's hosted checkout on `origin_url` to sign a customer up to a plan or sell a credit bundle.
 *
 * @throws {LavaValidationError} for a missing mode field or a bad `origin_url`; nothing is sent.
 * @example
 * ```ts
 * const session = await createCheckoutSession(config, {
 *   checkout_mode: 'subscription', plan_id: 'sub_pro', origin_url: 'https://app.example.com',
 * })
 * return Response.json({ token: session.checkout_session_token })
 * ```
 */
export async function createCheckoutSession(
  config: LavaConfig,
  params: CreateCheckoutSessionParams,
  options?: CreateOptions,
): Promise<CheckoutSession> {
  const body = validate(CreateCheckoutSessionParamsSchema, params, 'params');
  return restRequest<CheckoutSession>(config, { method: 'POST', path: 'checkout_sessions', body }, options);
}
