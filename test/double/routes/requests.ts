// Requests, lava-api.md §3.4: metered calls, recorded by the gateway or reported with
// `POST requests`. Decisions where the docs are silent:
// - `POST requests` is idempotent on `request_id`: the same id returns the record already stored
//   (200, not 201), whatever the rest of the body says, and charges nothing again.
// - A reported request has no provider cost (Lava never saw the provider's bill), so percentage
//   meters price it at 0; its provider is `custom` and its endpoint `POST /v1/requests`.
// - The charge is taken from the customer's plan credit (auto top-up included); when the credit
//   does not cover it the usage is still recorded, since it already happened.
// - `customer_id` (body and filters) may be the customer's reference id, as in the REST paths.
// - `metadata_filters` is the JSON of `[key, value]` pairs; every pair must match exactly (AND).
import { chargeCustomer } from '../billing.js';
import { DoubleError, merchantOf, objectBody, paginate, type Route, type RouteContext } from '../http.js';
import { findMeter, recordRequest, type UsageAmounts } from '../pricing.js';
import { type Merchant, type RequestRecord, toUnits } from '../state.js';
import { findCustomer } from './customers.js';

const COUNTS = [
  'input_tokens',
  'output_tokens',
  'input_characters',
  'output_characters',
  'input_seconds',
  'output_seconds',
] as const;
const FIELDS = new Set<string>(['request_id', 'customer_id', 'meter_slug', 'metadata', ...COUNTS]);

/** Parses `metadata_filters` (JSON of `[key, value]` pairs), or a 400. */
export function parseMetadataFilters(query: URLSearchParams): [string, string][] {
  const raw = query.get('metadata_filters');
  if (raw === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const pairs = Array.isArray(parsed) ? parsed : [undefined];
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      throw new DoubleError(400, 'metadata_filters must be a JSON array of [key, value] string pairs');
    }
  }
  return pairs as [string, string][];
}

/** The filters of `GET requests` and `GET usage`, as one predicate. */
export function requestFilter(merchant: Merchant, query: URLSearchParams): (record: RequestRecord) => boolean {
  const customerQuery = query.get('customer_id');
  // An unknown customer matches nothing rather than failing: a filter is not a lookup.
  let customerId: string | undefined;
  if (customerQuery !== null) {
    try {
      customerId = findCustomer(merchant, customerQuery).customer_id;
    } catch {
      customerId = customerQuery;
    }
  }
  const meterId = query.get('meter_id');
  const filters = parseMetadataFilters(query);
  return (record) =>
    (customerId === undefined || record.customer_id === customerId) &&
    (meterId === null || record.meter_id === meterId) &&
    filters.every(([key, value]) => record.metadata[key] === value);
}

function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw new DoubleError(400, `${field} is required`);
  return value;
}

function parseMetadata(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DoubleError(400, 'metadata must be an object of strings');
  }
  const entries = Object.entries(value);
  if (entries.length > 100) throw new DoubleError(400, 'metadata may have at most 100 pairs');
  for (const [key, item] of entries) {
    if (!/^[A-Za-z0-9_]{1,255}$/.test(key)) throw new DoubleError(400, `metadata key ${key} is not allowed`);
    if (typeof item !== 'string' || item.length === 0 || item.length > 255) {
      throw new DoubleError(400, `metadata.${key} must be a string of 1-255 characters`);
    }
  }
  return value as Record<string, string>;
}

function create(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const body = objectBody(ctx);
  for (const key of Object.keys(body)) if (!FIELDS.has(key)) throw new DoubleError(400, `Unknown field: ${key}`);
  const requestId = requiredString(body, 'request_id');
  const customerRef = requiredString(body, 'customer_id');
  const meterSlug = requiredString(body, 'meter_slug');
  const usage: UsageAmounts = {};
  for (const field of COUNTS) {
    const value = body[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new DoubleError(400, `${field} must be a non-negative integer`);
    }
    usage[field] = value;
  }
  const metadata = parseMetadata(body.metadata);
  const existing = merchant.requests.get(requestId);
  if (existing) return { status: 200, json: existing };
  const customer = findCustomer(merchant, customerRef);
  const meter = findMeter(merchant, meterSlug);
  if (!meter) throw new DoubleError(404, `Meter ${meterSlug} not found`);
  const record = recordRequest(merchant, {
    request_id: requestId,
    customer_id: customer.customer_id,
    meter,
    provider: 'custom',
    provider_key_type: 'unmanaged',
    endpoint: 'POST /v1/requests',
    usage,
    providerCostUnits: 0n,
    ...(metadata ? { metadata } : {}),
  });
  chargeCustomer(merchant, customer.customer_id, toUnits(record.charge.amount));
  return { status: 201, json: record };
}

export const routes: Route[] = [
  { method: 'POST', pattern: 'requests', handler: create },
  {
    method: 'GET',
    pattern: 'requests',
    handler: (ctx) => {
      const merchant = merchantOf(ctx);
      const matching = [...merchant.requests.values()].filter(requestFilter(merchant, ctx.query));
      return { json: paginate(matching, ctx.query, (r) => r.request_id) };
    },
  },
  {
    method: 'GET',
    pattern: 'requests/:id',
    handler: (ctx) => {
      const id = ctx.params.id as string;
      const record = merchantOf(ctx).requests.get(id);
      if (!record) throw new DoubleError(404, `Request ${id} not found`);
      return { json: record };
    },
  },
];
