// A Lava webhook receiver as a plain fetch handler — `Request` in, `Response` out — so the same code
// serves a Cloudflare Worker, a Next.js/Vercel route (`export const POST = handler`), `Deno.serve`
// and `Bun.serve`. In an application the import is `from '@lava/fn'` (here a relative one, because
// test/webhooks imports this file under the main tsconfig, which has no mapping for the name).
import {
  isLavaValidationError,
  isLavaWebhookSignatureError,
  parseWebhookEvent,
  type WebhookEvent,
} from '../src/index.js';

/** Deliveries are small JSON documents; anything far larger is not from Lava. */
const MAX_BODY_BYTES = 1_000_000;

/**
 * Builds a handler that verifies each delivery with the webhook secret before reading it, then
 * passes the event to `onEvent`. 401 for a bad signature, 400 for an authentic body that is not an
 * event, 405 for other methods, 413 for oversized bodies, 200 once `onEvent` is done.
 *
 * @example
 * ```ts
 * export const POST = createWebhookHandler(process.env.LAVA_WEBHOOK_SECRET ?? '', async (event) => {
 *   if (event.known && event.event === 'customer.created') await saveCustomer(event.data)
 * })
 * ```
 */
export function createWebhookHandler(
  secret: string,
  onEvent: (event: WebhookEvent) => void | Promise<void>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'POST')
      return new Response('Method Not Allowed', { status: 405, headers: { allow: 'POST' } });
    if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
      return new Response('Payload Too Large', { status: 413 });
    }
    // The raw bytes, exactly as signed: parsing or re-serialising first would break the signature.
    const body = new Uint8Array(await request.arrayBuffer());
    if (body.byteLength > MAX_BODY_BYTES) return new Response('Payload Too Large', { status: 413 });
    let event: WebhookEvent;
    try {
      event = await parseWebhookEvent(secret, body, request.headers.get('x-webhook-signature'));
    } catch (error) {
      if (isLavaWebhookSignatureError(error)) return new Response('Invalid signature', { status: 401 });
      if (isLavaValidationError(error)) return new Response(`Bad event: ${error.field}`, { status: 400 });
      throw error;
    }
    // Lava asks for a quick 2xx: keep onEvent short, or hand the event to a queue.
    await onEvent(event);
    return Response.json({ received: true });
  };
}

/** The same handler as a Cloudflare Worker, with the secret from the Worker's environment. */
export default {
  fetch(request: Request, env: { LAVA_WEBHOOK_SECRET: string }): Promise<Response> {
    return createWebhookHandler(env.LAVA_WEBHOOK_SECRET, (event) => {
      console.log(`lava webhook: ${event.event}`);
    })(request);
  },
};
