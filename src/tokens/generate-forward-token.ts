import { type LavaConfig, readSecretKey } from '../config.js';
import { encodeForwardToken, type ForwardTokenOptions } from '../core/forward-token.js';

export type { ForwardTokenOptions } from '../core/forward-token.js';

/**
 * Builds a forward token: the bearer credential of Lava's gateway that says who pays. Byte for
 * byte the token the official SDK makes for the same options, so both can be mixed.
 *
 * Modes: `{}` merchant pays; `{ meter_slug }` meter only; `{ customer_id, meter_slug }` the
 * customer's plan credit pays; add `disable_billing: true` to track the customer without charging;
 * add `provider_key` to any of them to use your own provider key.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param options - Who pays: `{ customer_id, meter_slug }`, `{ meter_slug }`, or `{}` (you); plus `provider_key`, `disable_billing`.
 * @throws {LavaValidationError} `options.meter_slug` when `customer_id` comes without it,
 * `options.disable_billing` when it comes without both.
 * @example
 * ```ts
 * const token = generateForwardToken(config, { customer_id: 'con_123', meter_slug: 'chat' })
 * await fetch(providerUrl(config, 'openai') + '/chat/completions', {
 *   method: 'POST',
 *   headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
 *   body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
 * })
 * ```
 */
export function generateForwardToken(config: LavaConfig, options: ForwardTokenOptions = {}): string {
  return encodeForwardToken(readSecretKey(config), options, 'options');
}
