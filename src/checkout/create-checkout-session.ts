import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { LavaValidationError } from '../core/errors.js';
import { IdSchema } from '../core/id.js';
import { type CreateOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { CheckoutSession } from './shapes.js';

/**
 * The fields of every mode in one object; which of them a mode needs is checked after parsing.
 * (A valibot `variant` of two objects says the same but costs ~0.3 KB more in a bundle.)
 */
export const CreateCheckoutSessionParamsSchema = v.strictObject({
  checkout_mode: v.picklist(['subscription', 'credit_bundle'], 'must be "subscription" or "credit_bundle"'),
  origin_url: v.pipe(
    v.string(),
    v.check((value) => {
      try {
        return /^https?:$/.test(new URL(value).protocol);
      } catch {
        return false;
      }
    }, 'must be an absolute http(s) URL: the origin of the page that opens the checkout'),
  ),
  customer_id: v.optional(IdSchema),
  plan_id: v.optional(IdSchema),
  credit_bundle_id: v.optional(IdSchema),
});

/**
 * Arguments of {@link createCheckoutSession}, by mode: `subscription` needs `plan_id` (and takes
 * `customer_id` for a returning customer); `credit_bundle` needs `customer_id` and
 * `credit_bundle_id`, of a customer already on the plan that owns the bundle.
 */
export type CreateCheckoutSessionParams =
  | { checkout_mode: 'subscription'; origin_url: string; plan_id: string; customer_id?: string }
  | { checkout_mode: 'credit_bundle'; origin_url: string; customer_id: string; credit_bundle_id: string };

// Per mode: the fields it needs, then the field of the other mode it must not carry.
const MODE_FIELDS = {
  subscription: [['plan_id'], 'credit_bundle_id'],
  credit_bundle: [['customer_id', 'credit_bundle_id'], 'plan_id'],
} as const;

/**
 * Creates a checkout session: hand its `checkout_session_token` to the front end, which opens
 * Lava's hosted checkout on `origin_url` to sign a customer up to a plan or sell a credit bundle.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`, and `idempotencyKey`.
 * @throws {LavaValidationError} for a field the mode needs or forbids, or a bad `origin_url`; nothing is sent.
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
  const mode = body.checkout_mode;
  const [needed, foreign] = MODE_FIELDS[mode];
  const missing = needed.find((field) => body[field] === undefined);
  const field = missing ?? (body[foreign] === undefined ? undefined : foreign);
  if (field !== undefined) {
    const message = missing
      ? `is required when checkout_mode is "${mode}"`
      : `is not used when checkout_mode is "${mode}"`;
    throw new LavaValidationError([{ field: `params.${field}`, message }]);
  }
  return restRequest<CheckoutSession>(config, { method: 'POST', path: 'checkout_sessions', body }, options);
}
