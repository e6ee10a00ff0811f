import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type ListResponse, PageEntries } from '../core/list-params.js';
import { encodeMetadataFilters, RequestMetadataSchema } from '../core/metadata.js';
import { type CallOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { MeteredRequest } from './shapes.js';

/** Arguments of {@link listRequests}. */
export const ListRequestsParamsSchema = /* @__PURE__ */ v.optional(
  v.strictObject({
    ...PageEntries,
    customer_id: v.optional(IdSchema),
    meter_id: v.optional(IdSchema),
    metadata_filters: v.optional(RequestMetadataSchema),
  }),
);
/** Arguments of {@link listRequests}: pagination plus filters (all of which must match). */
export interface ListRequestsParams extends NonNullable<v.InferInput<typeof ListRequestsParamsSchema>> {}

/**
 * Lists metered requests, one page at a time; filters narrow the list to one
 * customer, one meter and/or requests whose metadata has every given key with the given value.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaValidationError} for a malformed filter or `limit`; nothing is sent.
 * @example
 * ```ts
 * const page = await listRequests(config, { customer_id: 'con_123', metadata_filters: { feature: 'chat' } })
 * for (const r of page.data) console.log(r.request_id, r.charge.amount)
 * ```
 */
export async function listRequests(
  config: LavaConfig,
  params?: ListRequestsParams,
  options?: CallOptions,
): Promise<ListResponse<MeteredRequest>> {
  const valid = validate(ListRequestsParamsSchema, params, 'params');
  const query = valid && {
    cursor: valid.cursor,
    limit: valid.limit,
    customer_id: valid.customer_id,
    meter_id: valid.meter_id,
    metadata_filters: encodeMetadataFilters(valid.metadata_filters),
  };
  return restRequest<ListResponse<MeteredRequest>>(config, { method: 'GET', path: 'requests', query }, options);
}
