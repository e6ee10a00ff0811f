// Public exports of this folder (re-exported by src/index.ts).
// Endpoint management (lava-api.md §3.10).
export { type CreateWebhookParams, createWebhook } from './create-webhook.js';
export { deleteWebhook } from './delete-webhook.js';
export { getWebhook } from './get-webhook.js';
export { listWebhooks } from './list-webhooks.js';
export type { CreatedWebhook, Webhook } from './management-shapes.js';
// Deliveries (lava-api.md §5): Web Crypto only, for every runtime.
export {
  type KnownWebhookEvent,
  parseWebhookEvent,
  type UnknownWebhookEvent,
  type WebhookCustomer,
  type WebhookEvent,
  type WebhookEventType,
} from './parse-webhook-event.js';
export { type UpdateWebhookParams, updateWebhook } from './update-webhook.js';
export { verifyWebhookSignature, type WebhookRawBody } from './verify-webhook-signature.js';
