// Webhook deliveries (lava-api.md §5): the signature is checked against HMAC-SHA256 computed here
// independently with node:crypto, then the event is parsed. Pure functions: no network needed.
import { createHmac } from 'node:crypto';
import { describe, expect, expectTypeOf, it } from 'vitest';
import webhookWorker, { createWebhookHandler } from '../../examples/webhook-handler.js';
import {
  isLavaValidationError,
  isLavaWebhookSignatureError,
  LavaWebhookSignatureError,
  parseWebhookEvent,
  verifyWebhookSignature,
  type WebhookCustomer,
  type WebhookEvent,
  type WebhookEventType,
} from '../../src/index.js';
import { rejectionOf } from '../helpers.js';

const SECRET = 'whsec_test_5f2b1c0e9d8a7b6c';
const sign = (body: string | Uint8Array, secret = SECRET) => createHmac('sha256', secret).update(body).digest('hex');

const customer = {
  customer_id: 'con_test_1',
  reference_id: null,
  contact: { phone: '+14155550100', email: 'a@b.c', first_name: 'A', last_name: 'B' },
  subscription: null,
  metadata: null,
  created_at: '2025-01-01T00:00:00Z',
};
const created = JSON.stringify({ event: 'customer.created', data: customer });

describe('verifyWebhookSignature', () => {
  it('matches the RFC 4231 HMAC-SHA256 vector (key "Jefe")', async () => {
    const expected = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    expect(await verifyWebhookSignature('Jefe', 'what do ya want for nothing?', expected)).toBe(true);
    expect(sign('what do ya want for nothing?', 'Jefe')).toBe(expected);
  });

  it('accepts node:crypto signatures of string and byte bodies alike (Unicode, empty, binary)', async () => {
    const bodies = [created, '{"event":"x","data":{"name":"Zoë 🚀"}}', ''];
    for (const body of bodies) {
      const bytes = new TextEncoder().encode(body);
      const signature = sign(bytes);
      expect(await verifyWebhookSignature(SECRET, body, signature)).toBe(true);
      expect(await verifyWebhookSignature(SECRET, bytes, signature)).toBe(true);
      expect(await verifyWebhookSignature(SECRET, bytes.slice().buffer, signature)).toBe(true);
      expect(await verifyWebhookSignature(SECRET, Buffer.from(body), signature)).toBe(true);
    }
    const binary = new Uint8Array([0, 255, 128, 10, 13, 0xc3]);
    expect(await verifyWebhookSignature(SECRET, binary, sign(binary))).toBe(true);
    // A view into a larger buffer: only the view's bytes are signed.
    const framed = new Uint8Array([9, 9, ...binary, 9]).subarray(2, 2 + binary.length);
    expect(await verifyWebhookSignature(SECRET, framed, sign(binary))).toBe(true);
  });

  it('accepts the hex in upper case too (same MAC)', async () => {
    expect(await verifyWebhookSignature(SECRET, created, sign(created).toUpperCase())).toBe(true);
  });

  it('refuses tampered bodies: a changed byte, re-serialised JSON, appended whitespace, a truncated body', async () => {
    const signature = sign(created);
    const tampered = [
      created.replace('con_test_1', 'con_test_2'),
      JSON.stringify(JSON.parse(created), null, 2),
      `${created}\n`,
      created.slice(0, -1),
      created.replace('customer.created', 'customer.deleted'),
    ];
    for (const body of tampered) expect(await verifyWebhookSignature(SECRET, body, signature)).toBe(false);
  });

  it('refuses a header made with another secret, or with the secret and the body swapped', async () => {
    expect(await verifyWebhookSignature(SECRET, created, sign(created, 'whsec_other'))).toBe(false);
    expect(await verifyWebhookSignature(SECRET, created, sign(created, `${SECRET} `))).toBe(false);
    expect(
      await verifyWebhookSignature(SECRET, created, createHmac('sha256', created).update(SECRET).digest('hex')),
    ).toBe(false);
    // A plain SHA-256 of the body (no key) is not a signature either.
    const { createHash } = await import('node:crypto');
    expect(await verifyWebhookSignature(SECRET, created, createHash('sha256').update(created).digest('hex'))).toBe(
      false,
    );
  });

  it('a wrong length, non-hex, prefixed, padded, missing or non-string signature is false', async () => {
    const good = sign(created);
    const bad: unknown[] = [
      good.slice(0, 63),
      `${good}0`,
      good + good,
      `${'g'.repeat(64)}`,
      `${good.slice(0, 62)}zz`,
      `sha256=${good}`,
      ` ${good}`,
      `${good}\n`,
      '',
      null,
      undefined,
      123,
      [good],
    ];
    for (const signature of bad) {
      expect(await verifyWebhookSignature(SECRET, created, signature as string)).toBe(false);
    }
  });

  it('every single flipped hex digit is refused (no early-exit comparison that accepts a prefix)', async () => {
    const good = sign(created);
    for (const i of [0, 1, 31, 32, 62, 63]) {
      const digit = good[i] === '0' ? '1' : '0';
      const forged = good.slice(0, i) + digit + good.slice(i + 1);
      expect(await verifyWebhookSignature(SECRET, created, forged)).toBe(false);
    }
  });

  it('throws LavaValidationError for an empty secret or a parsed (non-raw) body', async () => {
    const noSecret = await rejectionOf(() => verifyWebhookSignature('', created, sign(created)));
    expect(isLavaValidationError(noSecret) && noSecret.field).toBe('secret');
    const parsed = await rejectionOf(() => verifyWebhookSignature(SECRET, JSON.parse(created), sign(created)));
    expect(isLavaValidationError(parsed) && parsed.field).toBe('rawBody');
    expect(String(parsed)).not.toContain(SECRET);
  });
});

describe('parseWebhookEvent', () => {
  it('returns the documented events validated, with known: true', async () => {
    for (const event of ['customer.created', 'customer.wallet.balance.updated', 'customer.deleted'] as const) {
      const body = JSON.stringify({ event, data: { ...customer, extra_field: 1 } });
      const parsed = await parseWebhookEvent(SECRET, body, sign(body));
      expect(parsed).toEqual({ known: true, event, data: { ...customer, extra_field: 1 } });
    }
    const withSubscription = JSON.stringify({
      event: 'customer.wallet.balance.updated',
      data: { ...customer, subscription: { subscription_id: 's', plan_id: 'p', name: 'Pro', status: 'active' } },
    });
    const parsed = await parseWebhookEvent(SECRET, new TextEncoder().encode(withSubscription), sign(withSubscription));
    expect(parsed.known && parsed.data.subscription?.name).toBe('Pro');
  });

  it('passes unknown event types through as they arrived, with known: false', async () => {
    const body = JSON.stringify({ event: 'checkout.completed', data: { anything: [1, 2] } });
    expect(await parseWebhookEvent(SECRET, body, sign(body))).toEqual({
      known: false,
      event: 'checkout.completed',
      data: { anything: [1, 2] },
    });
  });

  it('throws LavaWebhookSignatureError before parsing: a forged non-JSON body is a signature error', async () => {
    for (const [signature, reason] of [
      [sign('something else'), 'mismatch'],
      [null, 'missing'],
      ['abc', 'malformed'],
    ] as const) {
      const error = await rejectionOf(() => parseWebhookEvent(SECRET, 'not json at all', signature));
      expect(error).toBeInstanceOf(LavaWebhookSignatureError);
      expect(isLavaWebhookSignatureError(error) && error.reason).toBe(reason);
      expect(String(error)).not.toContain(SECRET);
    }
    const tampered = created.replace('con_test_1', 'con_evil');
    expect(
      isLavaWebhookSignatureError(await rejectionOf(() => parseWebhookEvent(SECRET, tampered, sign(created)))),
    ).toBe(true);
  });

  it('an authentic body that is not an event, or a documented event of the wrong shape, is a LavaValidationError', async () => {
    const cases: [string, string][] = [
      ['not json', 'rawBody'],
      ['[1,2]', 'rawBody'],
      ['{"data":{}}', 'rawBody.event'],
      [JSON.stringify({ event: 'customer.created', data: null }), 'rawBody.data'],
      [
        JSON.stringify({ event: 'customer.created', data: { ...customer, customer_id: 7 } }),
        'rawBody.data.customer_id',
      ],
      [JSON.stringify({ event: 'customer.deleted', data: { ...customer, contact: 'x' } }), 'rawBody.data.contact'],
      [
        JSON.stringify({
          event: 'customer.created',
          data: { ...customer, subscription: { subscription_id: 's', status: 'paused' } },
        }),
        'rawBody.data.subscription.status',
      ],
    ];
    for (const [body, field] of cases) {
      const error = await rejectionOf(() => parseWebhookEvent(SECRET, body, sign(body)));
      expect(isLavaValidationError(error) && error.field).toBe(field);
    }
  });

  it('types: narrowing on known, then on event, gives the customer; unknown events stay unknown', async () => {
    const event: WebhookEvent = await parseWebhookEvent(SECRET, created, sign(created));
    // @ts-expect-error without narrowing on `known`, data may be an unknown event's payload
    expect(event.data.customer_id).toBe('con_test_1');
    if (event.known && event.event === 'customer.created') {
      expectTypeOf(event.data.customer_id).toEqualTypeOf<string>();
      expectTypeOf(event.data.subscription).toEqualTypeOf<WebhookCustomer['subscription']>();
    } else throw new Error('expected a known customer.created event');
    expectTypeOf<Extract<WebhookEvent, { known: false }>['data']>().toEqualTypeOf<unknown>();
    expectTypeOf<Extract<WebhookEvent, { known: true }>['event']>().toEqualTypeOf<WebhookEventType>();
  });
});

describe('examples/webhook-handler.ts (plain Request → Response)', () => {
  const deliver = (body: string, headers: Record<string, string>, method = 'POST') =>
    new Request('https://merchant.example/webhooks/lava', { method, body: method === 'POST' ? body : null, headers });

  it('200 for an authentic delivery, with the event handed over', async () => {
    const seen: WebhookEvent[] = [];
    const handler = createWebhookHandler(SECRET, (event) => {
      seen.push(event);
    });
    const res = await handler(deliver(created, { 'x-webhook-signature': sign(created) }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true });
    expect(seen).toEqual([{ known: true, event: 'customer.created', data: customer }]);
  });

  it('401 for a forged, tampered or unsigned delivery, 400 for a bad event, 405 for GET, 413 when oversized; nothing handed over', async () => {
    const seen: WebhookEvent[] = [];
    const handler = createWebhookHandler(SECRET, (event) => {
      seen.push(event);
    });
    expect((await handler(deliver(created, { 'x-webhook-signature': sign(created, 'whsec_other') }))).status).toBe(401);
    expect((await handler(deliver(`${created} `, { 'x-webhook-signature': sign(created) }))).status).toBe(401);
    expect((await handler(deliver(created, {}))).status).toBe(401);
    const bad = JSON.stringify({ event: 'customer.created', data: {} });
    const badRes = await handler(deliver(bad, { 'x-webhook-signature': sign(bad) }));
    expect(badRes.status).toBe(400);
    expect(await badRes.text()).toBe('Bad event: rawBody.data.customer_id');
    expect((await handler(deliver('', {}, 'GET'))).status).toBe(405);
    const huge = 'x'.repeat(1_000_001);
    expect((await handler(deliver(huge, { 'x-webhook-signature': sign(huge) }))).status).toBe(413);
    expect(seen).toEqual([]);
  });

  it('the Worker default export reads the secret from env', async () => {
    const res = await webhookWorker.fetch(deliver(created, { 'x-webhook-signature': sign(created) }), {
      LAVA_WEBHOOK_SECRET: SECRET,
    });
    expect(res.status).toBe(200);
    const forged = await webhookWorker.fetch(deliver(created, { 'x-webhook-signature': sign(created) }), {
      LAVA_WEBHOOK_SECRET: 'whsec_other',
    });
    expect(forged.status).toBe(401);
  });
});
