import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { LavaValidationError } from '../core/errors.js';
import { type CreateOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import { decimalAmount, meterIds, planName, rolloverType } from './fields.js';
import type { Plan } from './shapes.js';

/** Arguments of {@link createPlan}. */
export const CreatePlanParamsSchema = v.strictObject({
  name: planName(),
  period_amount: decimalAmount(),
  billing_interval: v.picklist(['day', 'week', 'month', 'year'], 'must be one of "day", "week", "month", "year"'),
  rollover_type: v.optional(rolloverType()),
  bundle_rollover_type: v.optional(rolloverType()),
  included_credit: v.optional(decimalAmount()),
  default_auto_top_up_bundle_index: v.optional(
    v.nullable(v.pipe(v.number(), v.integer('must be an integer'), v.minValue(0, 'must not be negative'))),
  ),
  meter_ids: v.optional(meterIds()),
  credit_bundles: v.optional(
    v.array(v.strictObject({ name: planName(), cost: decimalAmount(), credit_amount: decimalAmount() })),
  ),
});
/** Arguments of {@link createPlan}. */
export interface CreatePlanParams extends v.InferInput<typeof CreatePlanParamsSchema> {}

/**
 * Creates a plan, optionally with credit bundles customers can buy on top of it.
 * `period_amount` and `billing_interval` cannot change later. `default_auto_top_up_bundle_index`
 * points into `credit_bundles`: that bundle is bought automatically when a subscriber runs out.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`, and `idempotencyKey`.
 * @throws {LavaValidationError} for a missing or malformed field; nothing is sent.
 * @example
 * ```ts
 * const plan = await createPlan(config, {
 *   name: 'Pro', period_amount: '49.00', billing_interval: 'month', included_credit: '40.00',
 *   credit_bundles: [{ name: 'Top-up', cost: '10.00', credit_amount: '10.00' }],
 *   default_auto_top_up_bundle_index: 0,
 * })
 * ```
 */
export async function createPlan(config: LavaConfig, params: CreatePlanParams, options?: CreateOptions): Promise<Plan> {
  const body = validate(CreatePlanParamsSchema, params, 'params');
  const bundles = body.credit_bundles?.length ?? 0;
  const index = body.default_auto_top_up_bundle_index;
  if (typeof index === 'number' && index >= bundles) {
    throw new LavaValidationError([
      {
        field: 'params.default_auto_top_up_bundle_index',
        message: `must be below the ${bundles} credit_bundles given`,
      },
    ]);
  }
  return restRequest<Plan>(config, { method: 'POST', path: 'plans', body }, options);
}
