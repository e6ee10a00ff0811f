import type { LavaConfig } from '../config.js';
import { IdSchema } from '../core/id.js';
import { type CallOptions, path, restRequest } from '../core/rest.js';
import { validate } from '../core/validate.js';
import type { CreditBundle } from './shapes.js';

/**
 * Retrieves a credit bundle (official SDK: `creditBundles.retrieve`).
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param id - The credit bundle's id; sent as one encoded path segment.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaApiError} with status 404 when no such bundle exists (or it was removed).
 * @example
 * ```ts
 * const bundle = await getCreditBundle(config, 'cb_123')
 * console.log(`${bundle.credit_amount} credit for $${bundle.cost}`)
 * ```
 */
export async function getCreditBundle(config: LavaConfig, id: string, options?: CallOptions): Promise<CreditBundle> {
  const bundleId = validate(IdSchema, id, 'id');
  return restRequest<CreditBundle>(config, { method: 'GET', path: path`credit_bundles/${bundleId}` }, options);
}
