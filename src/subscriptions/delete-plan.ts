import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import type { Deleted } from '../core/shapes.js';
import { validate } from '../core/validate.js';

/**
 * Deletes a plan (a soft delete that also removes its credit bundles).
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The plan's id; sent as one encoded path segment.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaApiError} with status 404 when no such plan exists.
 * @example
 * ```ts
 * const { deleted } = await deletePlan(config, 'sub_123')
 * ```
 */
export async function deletePlan(config: LavaConfig, id: string, options?: CallOptions): Promise<Deleted> {
  const planId = validate(IdSchema, id, 'id');
  return restRequest<Deleted>(config, { method: 'DELETE', path: path`plans/${planId}` }, options);
}
