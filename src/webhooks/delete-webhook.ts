import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import type { Deleted } from '../core/shapes.js';
import { validate } from '../core/validate.js';

/**
 * Deletes a webhook endpoint; Lava stops delivering to it.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The webhook endpoint's id; sent as one encoded path segment.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaApiError} with status 404 when no such webhook exists.
 * @example
 * ```ts
 * const { deleted } = await deleteWebhook(config, 'wh_123')
 * ```
 */
export async function deleteWebhook(config: LavaConfig, id: string, options?: CallOptions): Promise<Deleted> {
  const webhookId = validate(IdSchema, id, 'id');
  return restRequest<Deleted>(config, { method: 'DELETE', path: path`webhooks/${webhookId}` }, options);
}
