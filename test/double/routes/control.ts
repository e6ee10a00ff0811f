// Double-only control endpoints under `/__double/` (a prefix the SDK never uses). They stand in for
// what happens outside the API: a customer going through Lava's hosted checkout.
import { addBundleCredit, startSubscription } from '../billing.js';
import { DoubleError, merchantOf, objectBody, optionalString, type Route, type RouteContext } from '../http.js';
import { type CustomerRecord, type Merchant, newId, nowIso } from '../state.js';
import { checkoutSessionView, purchasableBundle } from './checkout.js';
import { findCustomer } from './customers.js';
import { findPlan } from './plans.js';

/** The customer the hosted checkout signs up: an existing one by reference id, else a new one. */
function checkoutCustomer(merchant: Merchant, body: Record<string, unknown>): CustomerRecord {
  for (const key of Object.keys(body)) {
    if (!['email', 'phone', 'name', 'reference_id'].includes(key)) throw new DoubleError(400, `Unknown field: ${key}`);
  }
  const reference = optionalString(body, 'reference_id');
  if (reference !== undefined) {
    for (const existing of merchant.customers.values()) {
      if (!existing._deleted && existing.reference_id === reference) return existing;
    }
  }
  const name = (optionalString(body, 'name') ?? '').trim();
  const space = name.indexOf(' ');
  const customer: CustomerRecord = {
    customer_id: newId(merchant.mode === 'test' ? 'con_test_' : 'con_'),
    reference_id: reference ?? null,
    contact: {
      // Hosted checkout verifies a phone number (OTP), so a customer made by it always has one.
      phone: optionalString(body, 'phone') ?? '+15555550100',
      email: optionalString(body, 'email') ?? '',
      first_name: space === -1 ? name : name.slice(0, space),
      last_name: space === -1 ? '' : name.slice(space + 1).trim(),
    },
    metadata: null,
    created_at: nowIso(),
    _subscription_id: null,
    _deleted: false,
  };
  merchant.customers.set(customer.customer_id, customer);
  return customer;
}

function complete(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const id = ctx.params.id as string;
  const session = merchant.checkoutSessions.get(id);
  if (!session) throw new DoubleError(404, `Checkout session ${id} not found`);
  if (session.completed_at !== undefined) {
    throw new DoubleError(409, `Checkout session ${id} is already completed`, 'already_completed');
  }
  const body = objectBody(ctx);
  if (session.checkout_mode === 'subscription') {
    const plan = findPlan(merchant, session.plan_id as string);
    const customer =
      session.customer_id !== undefined
        ? findCustomer(merchant, session.customer_id)
        : checkoutCustomer(merchant, body);
    startSubscription(merchant, customer, plan);
    session.customer_id = customer.customer_id;
  } else {
    const { bundle, subscription } = purchasableBundle(
      merchant,
      session.customer_id as string,
      session.credit_bundle_id as string,
    );
    addBundleCredit(subscription, bundle.credit_amount);
  }
  session.completed_at = nowIso();
  return { json: checkoutSessionView(session) };
}

export const routes: Route[] = [
  { method: 'POST', pattern: '/__double/checkout_sessions/:id/complete', auth: 'secret', handler: complete },
];
