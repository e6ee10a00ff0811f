// Customers, lava-api.md §3.3.
import { DoubleError, merchantOf, objectBody, paginate, type Route, type RouteContext } from '../http.js';
import { type CustomerRecord, type Merchant, newId, nowIso } from '../state.js';
import { subscriptionView } from './subscription-view.js';

const E164 = /^\+[1-9]\d{1,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Finds a live customer by Lava id or reference id, or throws a 404. */
export function findCustomer(merchant: Merchant, idOrReference: string): CustomerRecord {
  const byId = merchant.customers.get(idOrReference);
  if (byId && !byId._deleted) return byId;
  for (const customer of merchant.customers.values()) {
    if (!customer._deleted && customer.reference_id === idOrReference) return customer;
  }
  throw new DoubleError(404, `Customer ${idOrReference} not found`);
}

/** The customer as the API shows it, with the summary of its current subscription. */
export function customerView(merchant: Merchant, customer: CustomerRecord) {
  const subscription = customer._subscription_id ? merchant.subscriptions.get(customer._subscription_id) : undefined;
  const plan = subscription ? merchant.plans.get(subscription.plan_id) : undefined;
  return {
    customer_id: customer.customer_id,
    reference_id: customer.reference_id,
    contact: { ...customer.contact },
    subscription:
      subscription && plan
        ? {
            subscription_id: subscription.subscription_id,
            plan_id: plan.plan_id,
            name: plan.name,
            status: subscription.status,
          }
        : null,
    metadata: customer.metadata,
    created_at: customer.created_at,
  };
}

function splitName(name: string): { first_name: string; last_name: string } {
  const trimmed = name.trim();
  const space = trimmed.indexOf(' ');
  return space === -1
    ? { first_name: trimmed, last_name: '' }
    : { first_name: trimmed.slice(0, space), last_name: trimmed.slice(space + 1).trim() };
}

type Field = 'reference_id' | 'email' | 'phone' | 'name' | 'metadata';

/** Validates the customer fields of a create/update body the way Lava's API does (400 + message). */
function checkFields(body: Record<string, unknown>, nullable: boolean): void {
  const allowed: Field[] = ['reference_id', 'email', 'phone', 'name', 'metadata'];
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key as Field)) throw new DoubleError(400, `Unknown field: ${key}`);
  }
  for (const field of allowed) {
    const value = body[field];
    if (value === undefined || (value === null && nullable)) continue;
    if (field === 'metadata') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new DoubleError(400, 'metadata must be an object');
      }
      continue;
    }
    if (typeof value !== 'string') throw new DoubleError(400, `${field} must be a string`);
    if (field === 'reference_id' && (value.length === 0 || value.length > 255 || value.startsWith('con_'))) {
      throw new DoubleError(400, 'reference_id must be 1-255 characters and must not start with con_');
    }
    if (field === 'email' && !EMAIL.test(value)) throw new DoubleError(400, 'email is not a valid email address');
    if (field === 'phone' && !E164.test(value)) throw new DoubleError(400, 'phone must be in E.164 format');
    if (field === 'name' && value.length > 255) throw new DoubleError(400, 'name must be at most 255 characters');
  }
}

function create(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const body = objectBody(ctx);
  checkFields(body, false);
  const reference = body.reference_id as string | undefined;
  if (reference !== undefined) {
    for (const existing of merchant.customers.values()) {
      if (!existing._deleted && existing.reference_id === reference) {
        return { status: 200, json: customerView(merchant, existing) };
      }
    }
  }
  const name = splitName((body.name as string | undefined) ?? '');
  const customer: CustomerRecord = {
    customer_id: newId(merchant.mode === 'test' ? 'con_test_' : 'con_'),
    reference_id: reference ?? null,
    contact: {
      phone: (body.phone as string | undefined) ?? '',
      email: (body.email as string | undefined) ?? '',
      ...name,
    },
    metadata: (body.metadata as Record<string, unknown> | undefined) ?? null,
    created_at: nowIso(),
    _subscription_id: null,
    _deleted: false,
  };
  merchant.customers.set(customer.customer_id, customer);
  return { status: 201, json: customerView(merchant, customer) };
}

function update(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const customer = findCustomer(merchant, ctx.params.id as string);
  const body = objectBody(ctx);
  checkFields(body, true);
  if (body.reference_id !== undefined && body.reference_id !== null) {
    for (const other of merchant.customers.values()) {
      if (other !== customer && !other._deleted && other.reference_id === body.reference_id) {
        throw new DoubleError(409, `reference_id ${body.reference_id} is used by another customer`);
      }
    }
  }
  if (body.reference_id !== undefined) customer.reference_id = body.reference_id as string | null;
  if (body.email !== undefined) customer.contact.email = (body.email as string | null) ?? '';
  if (body.phone !== undefined) customer.contact.phone = (body.phone as string | null) ?? '';
  if (body.name !== undefined) Object.assign(customer.contact, splitName((body.name as string | null) ?? ''));
  if (body.metadata !== undefined) customer.metadata = body.metadata as Record<string, unknown> | null;
  return { json: customerView(merchant, customer) };
}

export const routes: Route[] = [
  { method: 'POST', pattern: 'customers', handler: create },
  {
    method: 'GET',
    pattern: 'customers',
    handler: (ctx) => {
      const merchant = merchantOf(ctx);
      const live = [...merchant.customers.values()].filter((c) => !c._deleted);
      const page = paginate(live, ctx.query, (c) => c.customer_id);
      return { json: { ...page, data: page.data.map((c) => customerView(merchant, c)) } };
    },
  },
  {
    method: 'GET',
    pattern: 'customers/:id',
    handler: (ctx) => {
      const merchant = merchantOf(ctx);
      return { json: customerView(merchant, findCustomer(merchant, ctx.params.id as string)) };
    },
  },
  { method: 'PATCH', pattern: 'customers/:id', handler: update },
  {
    method: 'GET',
    pattern: 'customers/:id/subscription',
    handler: (ctx) => {
      const merchant = merchantOf(ctx);
      const customer = findCustomer(merchant, ctx.params.id as string);
      const subscription = customer._subscription_id
        ? merchant.subscriptions.get(customer._subscription_id)
        : undefined;
      return { json: { subscription: subscription ? subscriptionView(merchant, subscription.subscription_id) : null } };
    },
  },
  {
    method: 'DELETE',
    pattern: 'customers/:id',
    handler: (ctx) => {
      const merchant = merchantOf(ctx);
      const customer = findCustomer(merchant, ctx.params.id as string);
      customer._deleted = true;
      return { json: { success: true } };
    },
  },
];
