import { LavaValidationError, type WebhookSignatureFailure } from '../core/errors.js';

/** A webhook body exactly as it arrived: the text, or its bytes. Never the parsed JSON. */
export type WebhookRawBody = string | Uint8Array | ArrayBuffer;

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * Checks a delivery and says what is wrong with it (`undefined`: authentic). Shared by
 * {@link verifyWebhookSignature} and `parseWebhookEvent` so both reject exactly the same inputs.
 */
export async function checkWebhookSignature(
  secret: string,
  rawBody: WebhookRawBody,
  signature: string | null | undefined,
): Promise<WebhookSignatureFailure | undefined> {
  if (typeof secret !== 'string' || secret === '') {
    throw new LavaValidationError([{ field: 'secret', message: 'must be the webhook secret, a non-empty string' }]);
  }
  let body: Uint8Array;
  if (typeof rawBody === 'string') body = new TextEncoder().encode(rawBody);
  else if (rawBody instanceof Uint8Array) body = rawBody;
  else if (rawBody instanceof ArrayBuffer) body = new Uint8Array(rawBody);
  else {
    throw new LavaValidationError([
      { field: 'rawBody', message: 'must be the raw request body as a string or bytes, not the parsed JSON' },
    ]);
  }
  if (typeof signature !== 'string' || signature === '') return 'missing';
  if (!HEX_SHA256.test(signature)) return 'malformed';
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const expected = new Uint8Array(await crypto.subtle.sign('HMAC', key, body as Uint8Array<ArrayBuffer>));
  // Constant time: every byte is compared whatever the earlier ones were, so the time taken says
  // nothing about how much of a forged signature was right.
  let difference = 0;
  for (let i = 0; i < 32; i++) {
    difference |= (expected[i] as number) ^ Number.parseInt(signature.slice(i * 2, i * 2 + 2), 16);
  }
  return difference === 0 ? undefined : 'mismatch';
}

/**
 * Whether a webhook delivery is authentic: `signature` (the `X-Webhook-Signature` header) must be
 * the hex HMAC-SHA256 of the raw body under the webhook secret. Uses Web Crypto, so it runs on
 * Node, Bun, Deno, workerd and the edge. A missing, malformed or wrong signature gives `false`.
 *
 * @param secret - The endpoint's `webhook_secret` (returned once by `createWebhook`).
 * @param rawBody - The body exactly as received (string or bytes), never re-serialised JSON.
 * @param signature - The `X-Webhook-Signature` header (`null` when absent).
 * @throws {LavaValidationError} when `secret` is empty or `rawBody` is not a string or bytes.
 * @example
 * ```ts
 * const body = await request.text()
 * if (!(await verifyWebhookSignature(secret, body, request.headers.get('x-webhook-signature')))) {
 *   return new Response('invalid signature', { status: 401 })
 * }
 * ```
 */
export async function verifyWebhookSignature(
  secret: string,
  rawBody: WebhookRawBody,
  signature: string | null | undefined,
): Promise<boolean> {
  return (await checkWebhookSignature(secret, rawBody, signature)) === undefined;
}
