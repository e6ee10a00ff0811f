import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { type CreateOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import { WebhookNameSchema, WebhookUrlSchema } from './endpoint-fields.js';
import type { CreatedWebhook } from './management-shapes.js';

/** Arguments of {@link createWebhook}. */
export const CreateWebhookParamsSchema = /* @__PURE__ */ v.strictObject({
  name: WebhookNameSchema,
  url: WebhookUrlSchema,
});
/** Arguments of {@link createWebhook}. */
export interface CreateWebhookParams extends v.InferInput<typeof CreateWebhookParamsSchema> {}

/**
 * Registers a webhook endpoint. The answer carries `webhook_secret`, the key that signs every
 * delivery — the only time Lava returns it, so store it now. A merchant has at most three.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`, and `idempotencyKey`.
 * @throws {LavaValidationError} when `name` is empty or `url` is not an absolute https URL; nothing is sent.
 * @throws {LavaApiError} with status 400 when the merchant already has three webhooks.
 * @example
 * ```ts
 * const hook = await createWebhook(config, { name: 'billing', url: 'https://example.com/lava/webhook' })
 * await saveSecret(hook.webhook_id, hook.webhook_secret)
 * ```
 */
export async function createWebhook(
  config: LavaConfig,
  params: CreateWebhookParams,
  options?: CreateOptions,
): Promise<CreatedWebhook> {
  const body = validate(CreateWebhookParamsSchema, params, 'params');
  return restRequest<CreatedWebhook>(config, { method: 'POST', path: 'webhooks', body }, options);
}
