// The gateway, lava-api.md §2.1–2.2: `v1/forward?u=<provider URL>` (any method) and
// `v1/rewrite/{format}/{provider URL}`. It authenticates a bare secret key or a forward token
// (Authorization, x-api-key, x-goog-api-key, xi-api-key or the `key` query parameter), applies the
// token's billing mode, hands the call to a fake upstream (../providers) and records what it
// answered as a Request, charging the customer's plan credit or the merchant's wallet.
//
// Decisions where the docs are silent (see the tests for each):
// - A customer with no credit left (and no auto top-up bundle) is refused with 402 before the
//   upstream is called; a call that then costs more than the credit left takes what is left.
// - Merchant-paid calls (merchant, meter-only, disable_billing) with managed keys draw the provider
//   cost from the merchant's wallet, and are refused with 402 when it is empty. BYOK calls cost the
//   merchant's wallet nothing (the provider bills the merchant's own key).
// - The customer id in a token may also be the customer's reference id, as in the REST paths.
import type { IncomingHttpHeaders } from 'node:http';
import { activeSubscription, chargeCustomer, creditRemaining } from '../billing.js';
import { DoubleError, type Route, type RouteContext } from '../http.js';
import { findMeter, recordRequest } from '../pricing.js';
import { answerRewrite, answerUpstream, type UpstreamCall, type UpstreamResult } from '../providers/index.js';
import type { ClientFormat } from '../providers/rewrite.js';
import { type Merchant, type MeterRecord, toUnits } from '../state.js';
import { findCustomer } from './customers.js';

/** The billing fields of a forward token, once decoded and checked. */
export interface ForwardBilling {
  merchant: Merchant;
  customer_id: string | undefined;
  meter: MeterRecord | undefined;
  provider_key: string | undefined;
  disable_billing: boolean;
}

/** Query parameters that belong to Lava, not to the provider URL of an unencoded `u`. */
const LAVA_PARAMS = new Set(['key', 'metadata']);

/**
 * The provider URL of a forward call and Lava's own query parameters. `u` may be percent-encoded
 * (the official `gateway()`) or raw (`lava.providers.openai + '/chat/completions'`): a raw one runs
 * to the end of the query, its own `?` and `&` included, except trailing Lava parameters (`&key=`).
 */
export function forwardTarget(url: URL): { upstream: string; params: URLSearchParams } {
  const raw = url.search.slice(1);
  const found = /(?:^|&)u=/.exec(raw);
  if (!found) throw new DoubleError(400, 'Missing query parameter u: the provider URL');
  const value = raw.slice(found.index + found[0].length);
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const params = new URLSearchParams(raw);
    return { upstream: params.get('u') ?? '', params };
  }
  const params = new URLSearchParams(raw.slice(0, found.index));
  const kept: string[] = [];
  for (const [i, part] of value.split('&').entries()) {
    const name = decodeURIComponent(part.split('=')[0] ?? '');
    if (i > 0 && LAVA_PARAMS.has(name)) {
      for (const [k, v] of new URLSearchParams(part)) params.append(k, v);
    } else kept.push(part);
  }
  return { upstream: kept.join('&'), params };
}

/**
 * The provider URL of a rewrite call, with or without its scheme (§2.2), with the caller's query
 * minus Lava's own parameters (`key`, `metadata`). A vendor SDK's own suffix (`/v1/chat/completions`)
 * is stripped by the fake upstream, which knows the provider's endpoints.
 */
export function rewriteTarget(rest: string, search: URLSearchParams): string {
  const target = /^[a-z][a-z0-9+.-]*:\/\//i.test(rest) ? rest : `https://${rest}`;
  const query = new URLSearchParams(search);
  for (const name of LAVA_PARAMS) query.delete(name);
  const qs = query.toString();
  return qs ? `${target}?${qs}` : target;
}

function credentialOf(ctx: RouteContext, params: URLSearchParams): string | undefined {
  if (ctx.req.headers.authorization !== undefined) return ctx.bearer;
  for (const name of ['x-api-key', 'x-goog-api-key', 'xi-api-key']) {
    const value = ctx.req.headers[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return params.get('key') ?? undefined;
}

function decodeToken(credential: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(credential)) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(credential, 'base64').toString('utf8'));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function optionalField(token: Record<string, unknown>, field: string): string | undefined {
  const value = token[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') throw new DoubleError(401, `Invalid forward token: ${field}`);
  return value;
}

/** Authenticates a gateway call and resolves its billing mode (401 for anything malformed). */
export function authenticateGateway(ctx: RouteContext, params: URLSearchParams): ForwardBilling {
  const credential = credentialOf(ctx, params);
  if (!credential) throw new DoubleError(401, 'Missing Authorization header: expected "Bearer <forward token>"');
  const direct = ctx.state.merchantBySecretKey(credential);
  if (direct) {
    return {
      merchant: direct,
      customer_id: undefined,
      meter: undefined,
      provider_key: undefined,
      disable_billing: false,
    };
  }
  const token = decodeToken(credential);
  const secret = token?.secret_key;
  if (!token || typeof secret !== 'string') throw new DoubleError(401, 'Invalid API key or forward token');
  const merchant = ctx.state.merchantBySecretKey(secret);
  if (!merchant) throw new DoubleError(401, 'Invalid API key in forward token');
  const customerRef = optionalField(token, 'customer_id');
  const meterSlug = optionalField(token, 'meter_slug');
  const providerKey = optionalField(token, 'provider_key');
  const disable = token.disable_billing;
  if (disable !== undefined && typeof disable !== 'boolean') {
    throw new DoubleError(401, 'Invalid forward token: disable_billing');
  }
  if (customerRef !== undefined && meterSlug === undefined) {
    throw new DoubleError(400, 'customer_id requires meter_slug');
  }
  if (disable === true && (customerRef === undefined || meterSlug === undefined)) {
    throw new DoubleError(400, 'disable_billing requires customer_id and meter_slug');
  }
  const meter = meterSlug === undefined ? undefined : findMeter(merchant, meterSlug);
  if (meterSlug !== undefined && !meter) throw new DoubleError(404, `Meter ${meterSlug} not found`);
  const customer = customerRef === undefined ? undefined : findCustomer(merchant, customerRef);
  return {
    merchant,
    customer_id: customer?.customer_id,
    meter,
    provider_key: providerKey,
    disable_billing: disable === true,
  };
}

function metadataOf(ctx: RouteContext, params: URLSearchParams): Record<string, string> {
  const header = ctx.req.headers['x-lava-metadata'];
  const raw = typeof header === 'string' ? header : (params.get('metadata') ?? undefined);
  if (raw === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new DoubleError(400, 'x-lava-metadata must be a JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DoubleError(400, 'x-lava-metadata must be a JSON object');
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!/^[A-Za-z0-9_]{1,255}$/.test(key)) throw new DoubleError(400, `Invalid metadata key: ${key}`);
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (text.length < 1 || text.length > 255) throw new DoubleError(400, `Invalid metadata value for ${key}`);
    out[key] = text;
  }
  return out;
}

const LAVA_HEADERS = new Set(['authorization', 'x-api-key', 'x-goog-api-key', 'xi-api-key', 'x-lava-metadata', 'host']);

/** The headers the upstream sees: Lava's credentials replaced by the provider key (managed or BYOK). */
function upstreamHeaders(headers: IncomingHttpHeaders, providerKey: string | undefined): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!LAVA_HEADERS.has(name)) out[name] = value;
  out.authorization = `Bearer ${providerKey ?? 'lava-managed-provider-key'}`;
  return out;
}

/** Whether charging would buy the subscription's auto top-up bundle (then an empty credit is no refusal). */
function canTopUp(merchant: Merchant, customerId: string): boolean {
  const subscription = activeSubscription(merchant, customerId);
  const bundleId = subscription?.auto_top_up_bundle_id;
  const bundle = bundleId ? merchant.creditBundles.get(bundleId) : undefined;
  return bundle !== undefined && !bundle._deleted && bundle.plan_id === subscription?.plan_id;
}

async function handleGateway(ctx: RouteContext, upstream: string, params: URLSearchParams, format?: ClientFormat) {
  const billing = authenticateGateway(ctx, params);
  const { merchant, customer_id, meter, provider_key, disable_billing } = billing;
  const metadata = metadataOf(ctx, params);
  let url: URL;
  try {
    url = new URL(upstream);
  } catch {
    throw new DoubleError(400, `Invalid provider URL: ${upstream}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DoubleError(400, 'Provider URL must be http(s)');
  const charged = customer_id !== undefined && !disable_billing;
  if (charged && creditRemaining(merchant, customer_id) <= 0n && !canTopUp(merchant, customer_id)) {
    throw new DoubleError(402, `Customer ${customer_id} has no credit left`, 'insufficient_credit');
  }
  const walletPaid = !charged && provider_key === undefined;
  if (walletPaid && merchant._wallet_balance <= 0n) {
    throw new DoubleError(402, 'Insufficient wallet balance', 'insufficient_balance');
  }

  const aborter = new AbortController();
  ctx.res.once('close', () => {
    if (!ctx.res.writableFinished) aborter.abort();
  });
  const call: UpstreamCall = {
    method: ctx.method,
    url,
    headers: upstreamHeaders(ctx.req.headers, provider_key),
    body: ctx.rawBody,
    streamGapMs: ctx.streamGapMs,
    signal: aborter.signal,
  };
  const result: UpstreamResult = format
    ? await answerRewrite(format, call, ctx.res)
    : await answerUpstream(call, ctx.res);
  const ok = result.status < 400;
  const record = recordRequest(merchant, {
    ...(customer_id !== undefined ? { customer_id } : {}),
    ...(meter !== undefined ? { meter } : {}),
    provider: result.provider,
    provider_key_type: provider_key === undefined ? 'managed' : 'unmanaged',
    endpoint: `${ctx.method} ${url.origin}${url.pathname}`,
    ...(result.model !== undefined ? { model: result.model } : {}),
    ...(result.response_id !== undefined ? { response_id: result.response_id } : {}),
    usage: ok ? result.usage : {},
    providerCostUnits: ok ? result.providerCostUnits : 0n,
    metadata,
    status: ok ? 'completed' : 'error',
  });
  if (!ok) {
    // A failed call is recorded but costs nothing.
    record.charge = { amount: '0.0000000000', rate_type: record.charge.rate_type, breakdown: [] };
    return undefined;
  }
  if (charged) {
    const amount = toUnits(record.charge.amount);
    if (!chargeCustomer(merchant, customer_id, amount).ok) {
      chargeCustomer(merchant, customer_id, creditRemaining(merchant, customer_id));
    }
  }
  if (walletPaid) merchant._wallet_balance -= result.providerCostUnits;
  return undefined;
}

const FORMATS = new Set(['openai', 'anthropic', 'google', 'bedrock']);

export const routes: Route[] = [
  {
    method: '*',
    pattern: 'forward',
    auth: 'custom',
    handler: (ctx) => {
      const { upstream, params } = forwardTarget(ctx.url);
      return handleGateway(ctx, upstream, params);
    },
  },
  {
    method: '*',
    pattern: 'rewrite/:format/*',
    auth: 'custom',
    handler: (ctx) => {
      const format = ctx.params.format as ClientFormat;
      if (!FORMATS.has(format)) throw new DoubleError(400, `Unknown rewrite format ${format}`);
      const rest = ctx.params['*'] ?? '';
      if (rest === '') throw new DoubleError(400, 'Missing provider URL after the format');
      return handleGateway(ctx, rewriteTarget(rest, ctx.query), ctx.query, format);
    },
  },
];
