import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type ListResponse, PageEntries } from '../core/list-params.js';
import { type CallOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { CreditBundle } from './shapes.js';

/** Arguments of {@link listCreditBundles}. */
export const ListCreditBundlesParamsSchema = v.optional(
  v.strictObject({
    /** Only the bundles of this plan. */
    plan_id: v.optional(IdSchema),
    ...PageEntries,
  }),
);
/** Arguments of {@link listCreditBundles}. */
export interface ListCreditBundlesParams extends NonNullable<v.InferInput<typeof ListCreditBundlesParamsSchema>> {}

/**
 * Lists credit bundles, one page at a time (official SDK: `creditBundles.list`). Bundles are
 * created and changed through `createPlan` / `updatePlan`.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaValidationError} for a bad `limit` or an unknown field; nothing is sent.
 * @example
 * ```ts
 * const { data } = await listCreditBundles(config, { plan_id: 'sub_123' })
 * ```
 */
export async function listCreditBundles(
  config: LavaConfig,
  params?: ListCreditBundlesParams,
  options?: CallOptions,
): Promise<ListResponse<CreditBundle>> {
  const query = validate(ListCreditBundlesParamsSchema, params, 'params');
  return restRequest<ListResponse<CreditBundle>>(config, { method: 'GET', path: 'credit_bundles', query }, options);
}
