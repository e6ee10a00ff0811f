import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { Webhook } from './management-shapes.js';

/**
 * Retrieves a webhook endpoint (without its secret, which only `createWebhook` returns).
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The webhook endpoint's id; sent as one encoded path segment.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaApiError} with status 404 when no such webhook exists.
 * @example
 * ```ts
 * const hook = await getWebhook(config, 'wh_123')
 * ```
 */
export async function getWebhook(config: LavaConfig, id: string, options?: CallOptions): Promise<Webhook> {
  const webhookId = validate(IdSchema, id, 'id');
  return restRequest<Webhook>(config, { method: 'GET', path: path`webhooks/${webhookId}` }, options);
}
