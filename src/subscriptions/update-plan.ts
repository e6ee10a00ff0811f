import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import { decimalAmount, meterIds, planName, rolloverType } from './fields.js';
import type { Plan } from './shapes.js';

/**
 * Arguments of {@link updatePlan}. `credit_bundles` reconciles the plan's bundles: an item with a
 * `credit_bundle_id` updates that bundle (or removes it with `is_deleted: true`), an item without
 * one creates a bundle, bundles not mentioned stay as they are.
 */
export const UpdatePlanParamsSchema = v.strictObject({
  name: v.optional(planName()),
  rollover_type: v.optional(rolloverType()),
  bundle_rollover_type: v.optional(rolloverType()),
  included_credit: v.optional(decimalAmount()),
  default_auto_top_up_bundle_id: v.optional(v.nullable(IdSchema)),
  meter_ids: v.optional(meterIds()),
  credit_bundles: v.optional(
    v.array(
      v.strictObject({
        credit_bundle_id: v.optional(IdSchema),
        name: planName(),
        cost: decimalAmount(),
        credit_amount: decimalAmount(),
        is_deleted: v.optional(v.boolean()),
      }),
    ),
  ),
});
/** Arguments of {@link updatePlan}. */
export interface UpdatePlanParams extends v.InferInput<typeof UpdatePlanParamsSchema> {}

/**
 * Updates a plan. `period_amount` and `billing_interval` are fixed at creation, so they are not
 * accepted here.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The plan's id; sent as one encoded path segment.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaValidationError} for a malformed field; nothing is sent.
 * @throws {LavaApiError} with status 404 for an unknown plan, 400 for a bundle of another plan.
 * @example
 * ```ts
 * await updatePlan(config, 'sub_123', {
 *   name: 'Pro (2026)',
 *   credit_bundles: [
 *     { credit_bundle_id: 'cb_1', name: 'Top-up', cost: '12.00', credit_amount: '12.00' },
 *     { credit_bundle_id: 'cb_2', name: 'Old', cost: '5.00', credit_amount: '5.00', is_deleted: true },
 *     { name: 'Big top-up', cost: '50.00', credit_amount: '55.00' },
 *   ],
 * })
 * ```
 */
export async function updatePlan(
  config: LavaConfig,
  id: string,
  params: UpdatePlanParams,
  options?: CallOptions,
): Promise<Plan> {
  const planId = validate(IdSchema, id, 'id');
  const body = validate(UpdatePlanParamsSchema, params, 'params');
  return restRequest<Plan>(config, { method: 'PATCH', path: path`plans/${planId}`, body }, options);
}
