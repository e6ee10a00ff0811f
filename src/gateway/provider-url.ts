import type { LavaConfig } from '../config.js';
import { invalid } from '../core/errors.js';
import { PROVIDER_UPSTREAMS, type ProviderName } from './providers.js';

/**
 * The gateway base URL for a provider — the very string the official SDK's `lava.providers[name]`
 * gives: `<baseUrl>v1/forward?u=<upstream base>`, the upstream left unencoded so a vendor SDK (or you)
 * can append the provider's own path. Authenticate with a forward token.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param name - A key of {@link PROVIDER_UPSTREAMS}, e.g. `'openai'`.
 * @throws {LavaValidationError} `name` when it is not a key of {@link PROVIDER_UPSTREAMS}.
 * @example
 * ```ts
 * const res = await fetch(providerUrl(config, 'openai') + '/chat/completions', {
 *   method: 'POST',
 *   headers: { authorization: `Bearer ${generateForwardToken(config)}`, 'content-type': 'application/json' },
 *   body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
 * })
 * ```
 */
export function providerUrl(config: LavaConfig, name: ProviderName): string {
  if (!Object.hasOwn(PROVIDER_UPSTREAMS, name)) throw invalid('name', 'is not a known provider');
  return `${config.baseUrl}v1/forward?u=${PROVIDER_UPSTREAMS[name]}`;
}
