import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { RequestMetadataSchema } from '../core/metadata.js';
import { type CreateOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { MeteredRequest } from './shapes.js';

const CountSchema = /* @__PURE__ */ v.optional(
  v.pipe(
    v.number('must be a number'),
    v.safeInteger('must be a non-negative integer'),
    v.minValue(0, 'must be a non-negative integer'),
  ),
);

/** Arguments of {@link createRequest}. */
export const CreateRequestParamsSchema = /* @__PURE__ */ v.strictObject({
  request_id: IdSchema,
  customer_id: IdSchema,
  meter_slug: IdSchema,
  metadata: v.optional(RequestMetadataSchema),
  input_tokens: CountSchema,
  output_tokens: CountSchema,
  input_characters: CountSchema,
  output_characters: CountSchema,
  input_seconds: CountSchema,
  output_seconds: CountSchema,
});
/** Arguments of {@link createRequest}. */
export interface CreateRequestParams extends v.InferInput<typeof CreateRequestParamsSchema> {}

/**
 * Records the usage of a call made outside Lava's gateway, priced by the meter `meter_slug` and
 * charged to the customer. Idempotent on `request_id`: sending the same id again returns the
 * request already recorded, so a retry after a lost answer never charges twice.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`, and `idempotencyKey`.
 * @throws {LavaValidationError} for a missing id or a count that is not a non-negative integer; nothing is sent.
 * @example
 * ```ts
 * const request = await createRequest(config, {
 *   request_id: 'call_2025_0001',
 *   customer_id: 'con_123',
 *   meter_slug: 'chat-tokens',
 *   input_tokens: 1200,
 *   output_tokens: 350,
 *   metadata: { feature: 'chat' },
 * })
 * ```
 */
export async function createRequest(
  config: LavaConfig,
  params: CreateRequestParams,
  options?: CreateOptions,
): Promise<MeteredRequest> {
  const body = validate(CreateRequestParamsSchema, params, 'params');
  return restRequest<MeteredRequest>(config, { method: 'POST', path: 'requests', body }, options);
}
