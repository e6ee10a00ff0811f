import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { listSchema } from '../../src/core/shapes.js';
import { CustomerSchema, CustomerSubscriptionSchema } from '../../src/customers/shapes.js';
import {
  createCustomer,
  deleteCustomer,
  getCustomer,
  getCustomerSubscription,
  isLavaApiError,
  isLavaValidationError,
  LavaApiError,
  LavaValidationError,
  listCustomers,
  updateCustomer,
} from '../../src/index.js';
import { rejectionOf, useDouble } from '../helpers.js';

const lava = useDouble();

describe('customers against the double', () => {
  it('creates, lists, gets, updates, reads the subscription of, and deletes a customer', async () => {
    const config = lava.config();
    const created = await createCustomer(config, {
      reference_id: 'user_1',
      email: 'ada@example.com',
      phone: '+14155550100',
      name: 'Ada Lovelace',
      metadata: { tier: 'gold' },
    });
    expect(v.is(CustomerSchema, created)).toBe(true);
    expect(created.contact).toEqual({
      phone: '+14155550100',
      email: 'ada@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
    });
    expect(created.metadata).toEqual({ tier: 'gold' });

    const page = await listCustomers(config);
    expect(v.is(listSchema(CustomerSchema), page)).toBe(true);
    expect(page.data.map((c) => c.customer_id)).toContain(created.customer_id);

    expect((await getCustomer(config, created.customer_id)).reference_id).toBe('user_1');
    expect((await getCustomer(config, 'user_1')).customer_id).toBe(created.customer_id);

    const updated = await updateCustomer(config, created.customer_id, { email: 'ada@lovelace.dev', metadata: null });
    expect(updated.contact.email).toBe('ada@lovelace.dev');
    expect(updated.contact.first_name).toBe('Ada');
    expect(updated.metadata).toBeNull();

    const subscription = await getCustomerSubscription(config, created.customer_id);
    expect(v.is(CustomerSubscriptionSchema, subscription)).toBe(true);
    expect(subscription).toEqual({ subscription: null });

    expect(await deleteCustomer(config, created.customer_id)).toEqual({ success: true });
    const gone = await rejectionOf(() => getCustomer(config, created.customer_id));
    expect(gone).toBeInstanceOf(LavaApiError);
    expect((gone as LavaApiError).status).toBe(404);
    expect((gone as LavaApiError).code).toBe('not_found');
  });

  it('create is idempotent on reference_id: the second create returns the first customer', async () => {
    const config = lava.config();
    const first = await createCustomer(config, { reference_id: 'idem_1', email: 'one@example.com' });
    const second = await createCustomer(config, { reference_id: 'idem_1', email: 'two@example.com' });
    expect(second.customer_id).toBe(first.customer_id);
    expect(second.contact.email).toBe('one@example.com');
  });

  it('paginates across more than two pages with next_cursor', async () => {
    const config = lava.config();
    const ids = new Set<string>();
    for (let i = 0; i < 7; i++) ids.add((await createCustomer(config, { reference_id: `page_${i}` })).customer_id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await listCustomers(config, cursor ? { limit: 3, cursor } : { limit: 3 });
      pages++;
      expect(page.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.data.map((c) => c.customer_id));
      if (!page.has_more) {
        expect(page.next_cursor).toBeNull();
        break;
      }
      cursor = page.next_cursor ?? undefined;
    }
    expect(pages).toBeGreaterThan(2);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of ids) expect(seen).toContain(id);
  });

  it('sends limit only when given, and the wire format of each operation', async () => {
    const config = lava.config();
    lava.double.resetRequests();
    await listCustomers(config);
    await listCustomers(config, { limit: 5 });
    const [plain, limited] = lava.double.requests;
    expect(plain?.query).toEqual({});
    expect(limited?.query).toEqual({ limit: '5' });
    const c = await createCustomer(config, { name: 'Wire' }, { idempotencyKey: 'idem-123' });
    const post = lava.double.requests.at(-1);
    expect(post?.method).toBe('POST');
    expect(post?.path).toBe('/v1/customers');
    expect(post?.headers['idempotency-key']).toBe('idem-123');
    expect(post?.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(post?.body ?? '')).toEqual({ name: 'Wire' });
    await updateCustomer(config, c.customer_id, { name: null });
    expect(lava.double.requests.at(-1)?.method).toBe('PATCH');
    expect(JSON.parse(lava.double.requests.at(-1)?.body ?? '')).toEqual({ name: null });
  });
});

describe('customer input validation sends nothing', () => {
  const cases: [string, () => Promise<unknown>, string][] = [
    ['empty id', () => getCustomer(lava.config(), ''), 'id'],
    ['number id', () => getCustomer(lava.config(), 42 as unknown as string), 'id'],
    ['dot-segment id', () => deleteCustomer(lava.config(), '..'), 'id'],
    ['limit 0', () => listCustomers(lava.config(), { limit: 0 }), 'params.limit'],
    ['limit 101', () => listCustomers(lava.config(), { limit: 101 }), 'params.limit'],
    ['fractional limit', () => listCustomers(lava.config(), { limit: 2.5 }), 'params.limit'],
    ['bad email', () => createCustomer(lava.config(), { email: 'not-an-email' }), 'params.email'],
    ['bad phone', () => createCustomer(lava.config(), { phone: '4155550100' }), 'params.phone'],
    ['con_ reference id', () => createCustomer(lava.config(), { reference_id: 'con_x' }), 'params.reference_id'],
    ['unknown field', () => createCustomer(lava.config(), { nickname: 'x' } as never), 'params.nickname'],
    ['metadata array', () => updateCustomer(lava.config(), 'con_1', { metadata: [] as never }), 'params.metadata'],
  ];
  for (const [name, call, field] of cases) {
    it(`${name} → LavaValidationError naming ${field}, nothing sent`, async () => {
      lava.double.resetRequests();
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(LavaValidationError);
      expect(isLavaValidationError(error)).toBe(true);
      expect(isLavaApiError(error)).toBe(false);
      expect((error as LavaValidationError).field).toBe(field);
      expect((error as LavaValidationError).message).toContain(field);
      expect(lava.double.requestCount()).toBe(0);
    });
  }
});

describe('path segments are percent-encoded', () => {
  for (const id of ['../secret_keys', 'a/b', 'x?y', '%2e%2e', 'a#b', 'caf\u00e9 bar']) {
    it(`id ${JSON.stringify(id)} stays one segment and reaches the customer route`, async () => {
      const config = lava.config();
      const reference = `ref ${id}`;
      await createCustomer(config, { reference_id: reference });
      lava.double.resetRequests();
      const found = await getCustomer(config, reference);
      expect(found.reference_id).toBe(reference);
      const sent = lava.double.requests[0];
      expect(sent?.path.split('/')).toHaveLength(4);
      expect(sent?.path).toBe(`/v1/customers/${encodeURIComponent(reference)}`);
      const missing = await rejectionOf(() => getCustomer(config, id));
      expect((missing as LavaApiError).status).toBe(404);
      expect(lava.double.requests[1]?.path).toBe(`/v1/customers/${encodeURIComponent(id)}`);
    });
  }
});
