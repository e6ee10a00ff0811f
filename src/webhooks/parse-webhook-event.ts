import { LavaValidationError, LavaWebhookSignatureError } from '../core/errors.js';
import { checkWebhookSignature, type WebhookRawBody } from './verify-webhook-signature.js';

/** The customer every documented event carries in `data` (lava-api.md §5, §3.1). */
export interface WebhookCustomer {
  customer_id: string;
  reference_id: string | null;
  contact: { phone: string; email: string; first_name: string; last_name: string };
  /** Null when the customer has no active subscription. */
  subscription: { subscription_id: string; plan_id: string; name: string; status: 'active' | 'cancelled' } | null;
  metadata: Record<string, unknown> | null;
  created_at: string;
}

/** The event types Lava documents; each carries the customer. */
export type WebhookEventType = 'customer.created' | 'customer.wallet.balance.updated' | 'customer.deleted';

/** A documented event, validated. Narrow on `known`, then switch on `event`. */
export interface KnownWebhookEvent<T extends WebhookEventType = WebhookEventType> {
  readonly known: true;
  readonly event: T;
  readonly data: WebhookCustomer;
}

/** An event type this version does not know, passed through as it arrived (authenticated, not validated). */
export interface UnknownWebhookEvent {
  readonly known: false;
  readonly event: string;
  readonly data: unknown;
}

/** What {@link parseWebhookEvent} returns. */
export type WebhookEvent =
  | KnownWebhookEvent<'customer.created'>
  | KnownWebhookEvent<'customer.wallet.balance.updated'>
  | KnownWebhookEvent<'customer.deleted'>
  | UnknownWebhookEvent;

const KNOWN = new Set<string>(['customer.created', 'customer.wallet.balance.updated', 'customer.deleted']);

function fail(field: string, message: string): never {
  throw new LavaValidationError([{ field, message }]);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the customer's documented fields; extra fields Lava adds are kept. Hand-written: no valibot on this path. */
function checkCustomer(data: unknown): WebhookCustomer {
  const at = 'rawBody.data';
  if (!isObject(data)) fail(at, 'must be the customer object');
  const string = (key: string, nullable = false) => {
    const value = data[key];
    if (!(typeof value === 'string' || (nullable && value === null))) {
      fail(`${at}.${key}`, nullable ? 'must be a string or null' : 'must be a string');
    }
  };
  string('customer_id');
  string('reference_id', true);
  string('created_at');
  if (!isObject(data.contact)) fail(`${at}.contact`, 'must be an object');
  if (data.metadata !== null && !isObject(data.metadata)) fail(`${at}.metadata`, 'must be an object or null');
  const subscription = data.subscription;
  if (subscription !== null) {
    if (!isObject(subscription)) fail(`${at}.subscription`, 'must be an object or null');
    if (typeof subscription.subscription_id !== 'string')
      fail(`${at}.subscription.subscription_id`, 'must be a string');
    if (subscription.status !== 'active' && subscription.status !== 'cancelled') {
      fail(`${at}.subscription.status`, "must be 'active' or 'cancelled'");
    }
  }
  return data as unknown as WebhookCustomer;
}

/**
 * Verifies a webhook delivery, then parses it into `{ event, data }`. The signature is checked
 * first, on the raw body, so a forged delivery is never parsed. Documented events
 * (`customer.created`, `customer.wallet.balance.updated`, `customer.deleted`) come back validated
 * with `known: true`; other event types pass through with `known: false` and `data` as sent.
 *
 * @param secret - The endpoint's `webhook_secret` (returned once by `createWebhook`).
 * @param rawBody - The body exactly as received (string or bytes), never re-serialised JSON.
 * @param signature - The `X-Webhook-Signature` header (`null` when absent).
 * @throws {LavaWebhookSignatureError} when the signature is missing, malformed or wrong.
 * @throws {LavaValidationError} when an authentic body is not an event, or a documented event has the wrong shape.
 * @example
 * ```ts
 * const event = await parseWebhookEvent(secret, await request.text(), request.headers.get('x-webhook-signature'))
 * if (event.known && event.event === 'customer.wallet.balance.updated') refreshBalance(event.data.customer_id)
 * ```
 */
export async function parseWebhookEvent(
  secret: string,
  rawBody: WebhookRawBody,
  signature: string | null | undefined,
): Promise<WebhookEvent> {
  const failure = await checkWebhookSignature(secret, rawBody, signature);
  if (failure) throw new LavaWebhookSignatureError(failure);
  const text = typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody);
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    fail('rawBody', 'is not JSON');
  }
  if (!isObject(payload)) fail('rawBody', 'must be a JSON object { event, data }');
  const { event, data } = payload;
  if (typeof event !== 'string' || event === '') fail('rawBody.event', 'must be a non-empty string');
  if (!KNOWN.has(event)) return { known: false, event, data };
  return { known: true, event: event as WebhookEventType, data: checkCustomer(data) } as WebhookEvent;
}
