import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { type CreateOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import { EmailSchema, MetadataSchema, NameSchema, PhoneSchema, ReferenceIdSchema } from './fields.js';
import type { Customer } from './shapes.js';

/** Arguments of {@link createCustomer}. */
export const CreateCustomerParamsSchema = v.optional(
  v.strictObject({
    reference_id: v.optional(ReferenceIdSchema),
    email: v.optional(EmailSchema),
    phone: v.optional(PhoneSchema),
    name: v.optional(NameSchema),
    metadata: v.optional(MetadataSchema),
  }),
  {},
);
/** Arguments of {@link createCustomer}. */
export interface CreateCustomerParams extends NonNullable<v.InferInput<typeof CreateCustomerParamsSchema>> {}

/**
 * Creates a customer. Idempotent on `reference_id`: creating the same reference id again returns
 * the customer that already has it.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`, and `idempotencyKey`.
 * @throws {LavaValidationError} for a malformed field; nothing is sent.
 * @example
 * ```ts
 * const customer = await createCustomer(config, { reference_id: 'user_42', email: 'ada@example.com' })
 * console.log(customer.customer_id)
 * ```
 */
export async function createCustomer(
  config: LavaConfig,
  params?: CreateCustomerParams,
  options?: CreateOptions,
): Promise<Customer> {
  const body = validate(CreateCustomerParamsSchema, params, 'params');
  return restRequest<Customer>(config, { method: 'POST', path: 'customers', body }, options);
}
