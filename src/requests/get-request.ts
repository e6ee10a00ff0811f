import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { MeteredRequest } from './shapes.js';

/**
 * Retrieves one metered request by its id.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The request's id; sent as one encoded path segment.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaApiError} with status 404 when no such request exists.
 * @example
 * ```ts
 * const request = await getRequest(config, 'req_123')
 * console.log(request.model_usage.total_tokens, request.charge.amount)
 * ```
 */
export async function getRequest(config: LavaConfig, id: string, options?: CallOptions): Promise<MeteredRequest> {
  const requestId = validate(IdSchema, id, 'id');
  return restRequest<MeteredRequest>(config, { method: 'GET', path: path`requests/${requestId}` }, options);
}
