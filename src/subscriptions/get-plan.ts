import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { Plan } from './shapes.js';

/**
 * Retrieves a plan with its credit bundles and linked meters (official SDK: `subscriptions.retrievePlan`).
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The plan's id; sent as one encoded path segment.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaApiError} with status 404 when no such plan exists (or it was deleted).
 * @example
 * ```ts
 * const plan = await getPlan(config, 'sub_123')
 * console.log(plan.credit_bundles.length)
 * ```
 */
export async function getPlan(config: LavaConfig, id: string, options?: CallOptions): Promise<Plan> {
  const planId = validate(IdSchema, id, 'id');
  return restRequest<Plan>(config, { method: 'GET', path: path`plans/${planId}` }, options);
}
