import * as v from 'valibot';
import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import { WebhookNameSchema, WebhookUrlSchema } from './endpoint-fields.js';
import type { Webhook } from './management-shapes.js';

/** Arguments of {@link updateWebhook}: only the fields given change. */
export const UpdateWebhookParamsSchema = /* @__PURE__ */ v.strictObject({
  name: v.optional(WebhookNameSchema),
  url: v.optional(WebhookUrlSchema),
});
/** Arguments of {@link updateWebhook}. */
export interface UpdateWebhookParams extends v.InferInput<typeof UpdateWebhookParamsSchema> {}

/**
 * Renames a webhook endpoint and/or points it at a new URL; its secret stays the same.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The webhook endpoint's id; sent as one encoded path segment.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaValidationError} when `url` is not an absolute https URL; nothing is sent.
 * @throws {LavaApiError} with status 404 when no such webhook exists.
 * @example
 * ```ts
 * await updateWebhook(config, 'wh_123', { url: 'https://example.com/v2/lava/webhook' })
 * ```
 */
export async function updateWebhook(
  config: LavaConfig,
  id: string,
  params: UpdateWebhookParams,
  options?: CallOptions,
): Promise<Webhook> {
  const webhookId = validate(IdSchema, id, 'id');
  const body = validate(UpdateWebhookParamsSchema, params, 'params');
  return restRequest<Webhook>(config, { method: 'PATCH', path: path`webhooks/${webhookId}`, body }, options);
}
