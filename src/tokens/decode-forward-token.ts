import { invalid } from '../core/errors.js';
import type { ForwardTokenOptions } from '../core/forward-token.js';

/** What a forward token carries once decoded. */
export interface ForwardTokenPayload extends ForwardTokenOptions {
  secret_key: string;
}

/**
 * Decodes a forward token back into its JSON fields, for debugging and tests. The result holds
 * the secret key in clear: never log it.
 *
 * @param token - A forward token (what `generateForwardToken` returns, without `Bearer `).
 * @throws {LavaValidationError} `token` when it is not base64 of a JSON object with a `secret_key`.
 * @example
 * ```ts
 * const { customer_id, meter_slug } = decodeForwardToken(token)
 * ```
 */
export function decodeForwardToken(token: string): ForwardTokenPayload {
  let payload: unknown;
  try {
    const binary = atob(token);
    payload = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))),
    );
  } catch {
    throw invalid('token', 'is not a forward token (base64 of a JSON object)');
  }
  if (
    typeof payload !== 'object' ||
    payload === null ||
    typeof (payload as ForwardTokenPayload).secret_key !== 'string'
  ) {
    throw invalid('token', 'is not a forward token: no secret_key');
  }
  return payload as ForwardTokenPayload;
}
