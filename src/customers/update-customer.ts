import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import { EmailSchema, MetadataSchema, NameSchema, PhoneSchema, ReferenceIdSchema } from './fields.js';
import type { Customer } from './shapes.js';

/** Arguments of {@link updateCustomer}: only the fields given change; `null` clears one. */
export const UpdateCustomerParamsSchema = v.strictObject({
  name: v.optional(v.nullable(NameSchema)),
  email: v.optional(v.nullable(EmailSchema)),
  phone: v.optional(v.nullable(PhoneSchema)),
  reference_id: v.optional(v.nullable(ReferenceIdSchema)),
  metadata: v.optional(v.nullable(MetadataSchema)),
});
/** Arguments of {@link updateCustomer}. */
export interface UpdateCustomerParams extends v.InferInput<typeof UpdateCustomerParamsSchema> {}

/**
 * Updates some fields of a customer; `metadata: null` clears the metadata.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The customer's Lava id (`con_…`) or your `reference_id`; sent as one encoded path segment.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaValidationError} for a malformed field; nothing is sent.
 * @example
 * ```ts
 * await updateCustomer(config, 'con_123', { email: 'new@example.com', metadata: null })
 * ```
 */
export async function updateCustomer(
  config: LavaConfig,
  id: string,
  params: UpdateCustomerParams,
  options?: CallOptions,
): Promise<Customer> {
  const customerId = validate(IdSchema, id, 'id');
  const body = validate(UpdateCustomerParamsSchema, params, 'params');
  return restRequest<Customer>(config, { method: 'PATCH', path: path`customers/${customerId}`, body }, options);
}
