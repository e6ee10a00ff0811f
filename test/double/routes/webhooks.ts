// Webhook endpoints, lava-api.md §3.10. At most three live endpoints per merchant; the signing
// secret is returned by create only. Decisions where the docs are silent: a fourth endpoint is a
// 400 (code `webhook_limit_reached`), a URL that is not absolute https is a 400, and deleting frees
// a place.
import { DoubleError, merchantOf, objectBody, paginate, type Route, type RouteContext } from '../http.js';
import { type Merchant, newId, newSecret, nowIso, type WebhookRecord } from '../state.js';

const MAX_WEBHOOKS = 3;

function liveWebhook(merchant: Merchant, id: string): WebhookRecord {
  const webhook = merchant.webhooks.get(id);
  if (!webhook || webhook._deleted) throw new DoubleError(404, `Webhook ${id} not found`);
  return webhook;
}

function view(webhook: WebhookRecord) {
  return { webhook_id: webhook.webhook_id, name: webhook.name, url: webhook.url, created_at: webhook.created_at };
}

function checkFields(body: Record<string, unknown>, required: boolean): { name?: string; url?: string } {
  for (const key of Object.keys(body)) {
    if (key !== 'name' && key !== 'url') throw new DoubleError(400, `Unknown field: ${key}`);
  }
  const { name, url } = body;
  if (name !== undefined || required) {
    if (typeof name !== 'string' || name === '') throw new DoubleError(400, 'name is required');
  }
  if (url !== undefined || required) {
    let ok = false;
    try {
      ok = typeof url === 'string' && new URL(url).protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) throw new DoubleError(400, 'url must be an absolute https URL');
  }
  return {
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof url === 'string' ? { url } : {}),
  };
}

function create(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const fields = checkFields(objectBody(ctx), true);
  const live = [...merchant.webhooks.values()].filter((w) => !w._deleted).length;
  if (live >= MAX_WEBHOOKS) {
    throw new DoubleError(400, `A merchant may have at most ${MAX_WEBHOOKS} webhooks`, 'webhook_limit_reached');
  }
  const webhook: WebhookRecord = {
    webhook_id: newId(merchant.mode === 'test' ? 'wh_test_' : 'wh_'),
    name: fields.name as string,
    url: fields.url as string,
    created_at: nowIso(),
    _secret: newSecret('whsec_', 32),
    _deleted: false,
  };
  merchant.webhooks.set(webhook.webhook_id, webhook);
  return { status: 201, json: { ...view(webhook), webhook_secret: webhook._secret } };
}

export const routes: Route[] = [
  { method: 'POST', pattern: 'webhooks', handler: create },
  {
    method: 'GET',
    pattern: 'webhooks',
    handler: (ctx) => {
      const live = [...merchantOf(ctx).webhooks.values()].filter((w) => !w._deleted);
      const page = paginate(live, ctx.query, (w) => w.webhook_id);
      return { json: { ...page, data: page.data.map(view) } };
    },
  },
  {
    method: 'GET',
    pattern: 'webhooks/:id',
    handler: (ctx) => ({ json: view(liveWebhook(merchantOf(ctx), ctx.params.id as string)) }),
  },
  {
    method: 'PATCH',
    pattern: 'webhooks/:id',
    handler: (ctx) => {
      const webhook = liveWebhook(merchantOf(ctx), ctx.params.id as string);
      const fields = checkFields(objectBody(ctx), false);
      if (fields.name !== undefined) webhook.name = fields.name;
      if (fields.url !== undefined) webhook.url = fields.url;
      return { json: view(webhook) };
    },
  },
  {
    method: 'DELETE',
    pattern: 'webhooks/:id',
    handler: (ctx) => {
      const webhook = liveWebhook(merchantOf(ctx), ctx.params.id as string);
      webhook._deleted = true;
      return { json: { id: webhook.webhook_id, deleted: true } };
    },
  },
];
