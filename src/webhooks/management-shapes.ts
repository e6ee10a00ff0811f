import * as v from 'valibot';

// Response shapes of the webhook management operations: imported with `import type` by them
// (see core/shapes.ts).

/** A webhook endpoint as Lava returns it. */
export const WebhookSchema = v.looseObject({
  webhook_id: v.string(),
  name: v.string(),
  url: v.string(),
  created_at: v.string(),
});
/** A registered webhook endpoint. */
export interface Webhook extends v.InferOutput<typeof WebhookSchema> {}

/** The answer of `createWebhook`: the webhook plus its signing secret, returned this once only. */
export const CreatedWebhookSchema = v.looseObject({ ...WebhookSchema.entries, webhook_secret: v.string() });
/** The answer of `createWebhook`; store `webhook_secret`, Lava never shows it again. */
export interface CreatedWebhook extends v.InferOutput<typeof CreatedWebhookSchema> {}
