import type { LavaConfig } from '../config.js';
import { type CallOptions, restRequest } from '../core/rest.js';
import type { ModelList } from './shapes.js';

/**
 * Lists the models the gateway can route to, in OpenAI's format. With a spend key (`lava_sk_…`)
 * as the config's key, the list holds only the models that key may use (its `allowed_models`
 * and `allowed_providers`); with a merchant secret key it holds every model.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param options - Per-call `signal`, `timeout` and `headers`.
 * @throws {LavaApiError} with status 401 when the key is unknown or revoked.
 * @example
 * ```ts
 * const agentConfig = createConfig({ secretKey: 'lava_sk_…' })
 * const { data } = await listModels(agentConfig)
 * console.log(data.map((m) => m.id))
 * ```
 */
export async function listModels(config: LavaConfig, options?: CallOptions): Promise<ModelList> {
  return restRequest<ModelList>(config, { method: 'GET', path: 'models' }, options);
}
