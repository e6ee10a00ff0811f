import type { LavaConfig } from '../config.js';
import { LavaApiError } from '../core/errors.js';
import { type GatewayOptions, sendGateway } from './send.js';

/**
 * Calls an AI provider through Lava's gateway and returns the provider's parsed JSON answer.
 * `url` is the provider's own URL (`https://api.openai.com/v1/chat/completions`); the billing
 * options choose the forward token exactly as the official SDK does, and `format` switches to
 * Lava's rewrite endpoint. Never retried: a resent AI request can be billed twice.
 *
 * An empty answer gives `null`. For streams use `gatewayStream`; for a binary answer, its `response`.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param url - The provider URL to call (e.g. `https://api.openai.com/v1/chat/completions`), not a Lava URL.
 * @param options - Who pays (`customer_id`, `meter_slug`, `provider_key`, `disable_billing`), the request (`method`, `headers`, `body`, `format`), and `signal`, `timeout`.
 * @throws {LavaApiError} on a non-2xx (`body` is the provider's or Lava's body) or a non-JSON answer.
 * @throws {LavaTimeoutError | LavaAbortError | LavaNetworkError | LavaValidationError}
 * @example
 * ```ts
 * const completion = await gateway(config, 'https://api.openai.com/v1/chat/completions', {
 *   customer_id: 'con_123',
 *   meter_slug: 'chat',
 *   body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] },
 * })
 * ```
 */
export async function gateway<T = unknown>(config: LavaConfig, url: string, options: GatewayOptions = {}): Promise<T> {
  const { response, target, text } = await sendGateway(config, url, options, true);
  const raw = await text();
  if (raw === '') return null as T;
  try {
    return JSON.parse(raw) as T;
  } catch {
    throw new LavaApiError({
      ...target,
      status: response.status,
      code: 'invalid_json',
      message: 'expected a JSON answer',
      body: raw.slice(0, 1_000),
    });
  }
}
