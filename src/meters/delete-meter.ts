import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import type { Deleted } from '../core/shapes.js';
import { validate } from '../core/validate.js';

/**
 * Deletes a meter. Gateway calls that name its slug are no longer priced by it.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The meter's id; sent as one encoded path segment.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaApiError} with status 404 when no such meter exists.
 * @example
 * ```ts
 * const { deleted } = await deleteMeter(config, 'prd_123')
 * ```
 */
export async function deleteMeter(config: LavaConfig, id: string, options?: CallOptions): Promise<Deleted> {
  const meterId = validate(IdSchema, id, 'id');
  return restRequest<Deleted>(config, { method: 'DELETE', path: path`meters/${meterId}` }, options);
}
