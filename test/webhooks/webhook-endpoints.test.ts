import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DeletedSchema, listSchema } from '../../src/core/shapes.js';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  LavaValidationError,
  listWebhooks,
  updateWebhook,
} from '../../src/index.js';
import { CreatedWebhookSchema, WebhookSchema } from '../../src/webhooks/management-shapes.js';
import { apiErrorOf, rejectionOf, useDouble } from '../helpers.js';

const lava = useDouble();

async function removeAll() {
  const config = lava.config();
  for (const hook of (await listWebhooks(config)).data) await deleteWebhook(config, hook.webhook_id);
}

describe('webhook endpoints against the double', () => {
  it('creates (secret once), gets, lists, updates and deletes a webhook (then 404)', async () => {
    await removeAll();
    const config = lava.config();
    const created = await createWebhook(config, { name: 'billing', url: 'https://example.com/lava' });
    expect(v.is(CreatedWebhookSchema, created)).toBe(true);
    expect(created.webhook_secret).toMatch(/^whsec_[0-9a-f]{64}$/);

    const fetched = await getWebhook(config, created.webhook_id);
    expect(v.is(WebhookSchema, fetched)).toBe(true);
    expect(fetched).toEqual({
      webhook_id: created.webhook_id,
      name: 'billing',
      url: 'https://example.com/lava',
      created_at: created.created_at,
    });
    expect(fetched).not.toHaveProperty('webhook_secret');

    const page = await listWebhooks(config);
    expect(v.is(listSchema(WebhookSchema), page)).toBe(true);
    expect(page.data.map((w) => w.webhook_id)).toEqual([created.webhook_id]);
    expect(page.data[0]).not.toHaveProperty('webhook_secret');

    const updated = await updateWebhook(config, created.webhook_id, { url: 'https://example.com/v2/lava' });
    expect(updated).toMatchObject({ name: 'billing', url: 'https://example.com/v2/lava' });
    expect(updated).not.toHaveProperty('webhook_secret');
    expect((await getWebhook(config, created.webhook_id)).url).toBe('https://example.com/v2/lava');
    expect((await updateWebhook(config, created.webhook_id, { name: 'renamed' })).name).toBe('renamed');

    const deleted = await deleteWebhook(config, created.webhook_id);
    expect(v.is(DeletedSchema, deleted)).toBe(true);
    expect(deleted).toEqual({ id: created.webhook_id, deleted: true });
    expect((await apiErrorOf(() => getWebhook(config, created.webhook_id))).status).toBe(404);
    expect((await apiErrorOf(() => updateWebhook(config, created.webhook_id, { name: 'x' }))).status).toBe(404);
    expect((await apiErrorOf(() => deleteWebhook(config, created.webhook_id))).status).toBe(404);
    expect((await listWebhooks(config)).data).toEqual([]);
  });

  it('allows three webhooks; the fourth is a 400 from the double, and deleting one frees a place', async () => {
    await removeAll();
    const config = lava.config();
    const hooks = [];
    for (let i = 0; i < 3; i++)
      hooks.push(await createWebhook(config, { name: `h${i}`, url: `https://h${i}.example.com/` }));
    expect(new Set(hooks.map((h) => h.webhook_secret)).size).toBe(3);
    const error = await apiErrorOf(() => createWebhook(config, { name: 'h3', url: 'https://h3.example.com/' }));
    expect(error.status).toBe(400);
    expect(error.code).toBe('webhook_limit_reached');
    expect((await listWebhooks(config)).data).toHaveLength(3);

    await deleteWebhook(config, hooks[0]?.webhook_id as string);
    const fourth = await createWebhook(config, { name: 'h3', url: 'https://h3.example.com/' });
    expect(fourth.webhook_secret).toMatch(/^whsec_/);

    // Pagination over the three with limit 1.
    const first = await listWebhooks(config, { limit: 1 });
    expect(first.has_more).toBe(true);
    const second = await listWebhooks(config, { limit: 1, cursor: first.next_cursor as string });
    expect(second.data[0]?.webhook_id).not.toBe(first.data[0]?.webhook_id);
  });

  it('maps the double’s 400 for a cursor it never gave', async () => {
    const error = await apiErrorOf(() => listWebhooks(lava.config(), { cursor: 'wh_never' }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/cursor/i);
  });

  it('sends the create body as given and Idempotency-Key when asked', async () => {
    await removeAll();
    lava.double.resetRequests();
    await createWebhook(
      lava.config(),
      { name: 'wire', url: 'https://wire.example.com/hook' },
      { idempotencyKey: 'wh-1' },
    );
    const [sent] = lava.double.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.path).toBe('/v1/webhooks');
    expect(sent?.headers['idempotency-key']).toBe('wh-1');
    expect(JSON.parse(sent?.body ?? '')).toEqual({ name: 'wire', url: 'https://wire.example.com/hook' });
  });
});

describe('webhook input validation sends nothing', () => {
  const cases: [string, () => Promise<unknown>, string][] = [
    ['http url', () => createWebhook(lava.config(), { name: 'a', url: 'http://example.com/hook' }), 'params.url'],
    ['relative url', () => createWebhook(lava.config(), { name: 'a', url: '/hook' }), 'params.url'],
    ['not a url', () => createWebhook(lava.config(), { name: 'a', url: 'example.com' }), 'params.url'],
    ['missing url', () => createWebhook(lava.config(), { name: 'a' } as never), 'params.url'],
    ['missing name', () => createWebhook(lava.config(), { url: 'https://x.example/' } as never), 'params.name'],
    ['empty name', () => createWebhook(lava.config(), { name: '', url: 'https://x.example/' }), 'params.name'],
    [
      'events field',
      () => createWebhook(lava.config(), { name: 'a', url: 'https://x.example/', events: ['*'] } as never),
      'params.events',
    ],
    ['update to ftp url', () => updateWebhook(lava.config(), 'wh_1', { url: 'ftp://x.example/' }), 'params.url'],
    ['update with empty id', () => updateWebhook(lava.config(), '', { name: 'x' }), 'id'],
    ['get with empty id', () => getWebhook(lava.config(), ''), 'id'],
    ['delete with dot id', () => deleteWebhook(lava.config(), '..'), 'id'],
    ['list limit 0', () => listWebhooks(lava.config(), { limit: 0 }), 'params.limit'],
  ];
  for (const [name, call, field] of cases) {
    it(`${name} → LavaValidationError naming ${field}`, async () => {
      lava.double.resetRequests();
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(LavaValidationError);
      expect((error as LavaValidationError).field).toBe(field);
      expect(lava.double.requestCount()).toBe(0);
    });
  }
});
