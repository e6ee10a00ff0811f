import type { LavaConfig } from '../config.js';
import { ListParamsSchema, type ListResponse, type PageParams } from '../core/list-params.js';
import { type CallOptions, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { Webhook } from './management-shapes.js';

/**
 * Lists the merchant's webhook endpoints (at most three exist), one page at a time.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param params - The fields to send, as Lava's API names them; validated before anything is sent.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaValidationError} when `limit` is not an integer from 1 to 100; nothing is sent.
 * @example
 * ```ts
 * const { data } = await listWebhooks(config)
 * for (const hook of data) console.log(hook.name, hook.url)
 * ```
 */
export async function listWebhooks(
  config: LavaConfig,
  params?: PageParams,
  options?: CallOptions,
): Promise<ListResponse<Webhook>> {
  const query = validate(ListParamsSchema, params, 'params');
  return restRequest<ListResponse<Webhook>>(config, { method: 'GET', path: 'webhooks', query }, options);
}
