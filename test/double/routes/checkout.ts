// Checkout sessions, lava-api.md §3.2 and §6. Completing one is a double-only control endpoint
// (./control.ts), standing in for Lava's hosted checkout.
import { activeSubscription } from '../billing.js';
import { DoubleError, merchantOf, objectBody, optionalString, type Route, type RouteContext } from '../http.js';
import { type CheckoutSessionRecord, type CustomerRecord, type Merchant, newId, newSecret, nowIso } from '../state.js';
import { findCustomer } from './customers.js';
import { findPlan } from './plans.js';

/** The session as the API shows it. */
export function checkoutSessionView(session: CheckoutSessionRecord) {
  return {
    checkout_session_id: session.checkout_session_id,
    checkout_session_token: session.checkout_session_token,
    checkout_mode: session.checkout_mode,
    origin_url: session.origin_url,
    ...(session.customer_id !== undefined ? { customer_id: session.customer_id } : {}),
    ...(session.plan_id !== undefined ? { plan_id: session.plan_id } : {}),
    ...(session.credit_bundle_id !== undefined ? { credit_bundle_id: session.credit_bundle_id } : {}),
    created_at: session.created_at,
    ...(session.completed_at !== undefined ? { completed_at: session.completed_at } : {}),
  };
}

/** Finds a live credit bundle the customer may buy: one of the plan of its active subscription. */
export function purchasableBundle(merchant: Merchant, customerId: string, bundleId: string) {
  const bundle = merchant.creditBundles.get(bundleId);
  if (!bundle || bundle._deleted) throw new DoubleError(404, `Credit bundle ${bundleId} not found`);
  const subscription = activeSubscription(merchant, customerId);
  if (!subscription || subscription.plan_id !== bundle.plan_id) {
    throw new DoubleError(
      400,
      `Customer ${customerId} is not subscribed to plan ${bundle.plan_id}, which credit bundle ${bundleId} belongs to`,
      'bundle_not_on_plan',
    );
  }
  return { bundle, subscription };
}

/** The address the double serves checkout from, as the token's `base` (its own origin). */
function checkoutBase(ctx: RouteContext): string {
  const host = ctx.req.headers.host ?? '127.0.0.1';
  return `http://${host}/`;
}

function create(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const body = objectBody(ctx);
  for (const key of Object.keys(body)) {
    if (!['checkout_mode', 'origin_url', 'customer_id', 'plan_id', 'credit_bundle_id'].includes(key)) {
      throw new DoubleError(400, `Unknown field: ${key}`);
    }
  }
  const mode = body.checkout_mode;
  if (mode !== 'subscription' && mode !== 'credit_bundle') {
    throw new DoubleError(400, 'checkout_mode must be one of subscription, credit_bundle');
  }
  const origin = body.origin_url;
  let originOk = false;
  if (typeof origin === 'string') {
    try {
      const url = new URL(origin);
      originOk = url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      originOk = false;
    }
  }
  if (!originOk) throw new DoubleError(400, 'origin_url must be an absolute http(s) URL');
  const customerParam = optionalString(body, 'customer_id');
  const planParam = optionalString(body, 'plan_id');
  const bundleParam = optionalString(body, 'credit_bundle_id');
  // Missing fields are a 400 before any lookup can be a 404.
  if (mode === 'subscription' && !planParam) {
    throw new DoubleError(400, 'plan_id is required when checkout_mode is subscription');
  }
  if (mode === 'credit_bundle' && (!customerParam || !bundleParam)) {
    throw new DoubleError(400, 'customer_id and credit_bundle_id are required when checkout_mode is credit_bundle');
  }
  const customer = customerParam !== undefined ? findCustomer(merchant, customerParam) : undefined;
  const infix = merchant.mode === 'test' ? 'test_' : '';
  const secret = newSecret(`css_${merchant.mode}_`);
  const session: CheckoutSessionRecord = {
    checkout_session_id: newId(`cs_${infix}`),
    checkout_session_token: btoa(JSON.stringify({ secret, base: checkoutBase(ctx) })),
    checkout_mode: mode,
    origin_url: origin as string,
    created_at: nowIso(),
    _secret: secret,
  };
  if (customer) session.customer_id = customer.customer_id;
  if (mode === 'subscription') {
    session.plan_id = findPlan(merchant, planParam as string).plan_id;
  } else {
    purchasableBundle(merchant, (customer as CustomerRecord).customer_id, bundleParam as string);
    session.credit_bundle_id = bundleParam as string;
  }
  merchant.checkoutSessions.set(session.checkout_session_id, session);
  return { status: 201, json: checkoutSessionView(session) };
}

export const routes: Route[] = [{ method: 'POST', pattern: 'checkout_sessions', handler: create }];
