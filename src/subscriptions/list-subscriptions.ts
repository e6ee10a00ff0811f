import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type ListResponse, PageEntries } from '../core/list-params.js';
import { type CallOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { Subscription } from './shapes.js';

/** Arguments of {@link listSubscriptions}. */
export const ListSubscriptionsParamsSchema = v.optional(
  v.strictObject({
    /** Which subscriptions to list; Lava's default is `active`. */
    status: v.optional(v.picklist(['active', 'cancelled', 'all'], 'must be one of "active", "cancelled", "all"')),
    /** Only this customer's subscriptions (Lava id or reference id). */
    customer_id: v.optional(IdSchema),
    ...PageEntries,
  }),
);
/** Arguments of {@link listSubscriptions}. */
export interface ListSubscriptionsParams extends NonNullable<v.InferInput<typeof ListSubscriptionsParamsSchema>> {}

/**
 * Lists subscriptions, one page at a time; only active ones unless `status` says otherwise.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaValidationError} for an unknown `status` or a bad `limit`; nothing is sent.
 * @example
 * ```ts
 * const page = await listSubscriptions(config, { status: 'all', customer_id: 'con_123' })
 * for (const s of page.data) console.log(s.plan.name, s.status)
 * ```
 */
export async function listSubscriptions(
  config: LavaConfig,
  params?: ListSubscriptionsParams,
  options?: CallOptions,
): Promise<ListResponse<Subscription>> {
  const query = validate(ListSubscriptionsParamsSchema, params, 'params');
  return restRequest<ListResponse<Subscription>>(config, { method: 'GET', path: 'subscriptions', query }, options);
}
