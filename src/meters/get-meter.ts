import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { Meter } from './shapes.js';

/**
 * Retrieves a meter by its id.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The meter's id; sent as one encoded path segment.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaApiError} with status 404 when no such meter exists (or it was deleted).
 * @example
 * ```ts
 * const meter = await getMeter(config, 'prd_123')
 * console.log(meter.tiers[0]?.rate)
 * ```
 */
export async function getMeter(config: LavaConfig, id: string, options?: CallOptions): Promise<Meter> {
  const meterId = validate(IdSchema, id, 'id');
  return restRequest<Meter>(config, { method: 'GET', path: path`meters/${meterId}` }, options);
}
