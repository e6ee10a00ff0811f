// The wire format of the meter, request, usage, model and webhook operations, read from what the
// double received: method, percent-encoded path, query and body (lava-api.md §3.4–3.6, 3.10, 3.13).
// Each case is also sent through the official @lavapayments/nodejs 11.2.0 with a plain id, and the
// two requests must be the same on the wire.
import { Lava } from '@lavapayments/nodejs';
import { describe, expect, it } from 'vitest';
import {
  createMeter,
  createRequest,
  createWebhook,
  deleteMeter,
  deleteWebhook,
  getMeter,
  getRequest,
  getUsage,
  getWebhook,
  type LavaConfig,
  listMeters,
  listModels,
  listRequests,
  listWebhooks,
  updateMeter,
  updateWebhook,
} from '../../src/index.js';
import type { RecordedRequest } from '../double/index.js';
import { useDouble } from '../helpers.js';

const lava = useDouble();

/** An id that must travel as exactly one, percent-encoded path segment. */
const ODD = 'id/ä b?#';
const ENC = encodeURIComponent(ODD);
/** A plain id, which the official SDK (interpolating raw) sends the same way. */
const PLAIN = 'plain_1';

interface WireCase {
  call: (config: LavaConfig, id: string) => Promise<unknown>;
  official: (sdk: Lava, id: string) => Promise<unknown>;
  method: string;
  /** The path for the odd id (`ENC` where it goes). */
  path: string;
  query?: Record<string, string>;
  /** The JSON body, or `null` for a request with no body at all. */
  body: unknown;
}

const tiers = [
  { start: '0', rate: '2.50' },
  { start: '1000000', rate: '2.00' },
];
const meterParams = { name: 'Tokens', meter_slug: 'tok', rate_type: 'fixed', tier_type: 'tokens_1m', tiers } as const;
const requestParams = {
  request_id: 'ext_1',
  customer_id: 'con_1',
  meter_slug: 'tok',
  metadata: { feature: 'chat' },
  input_tokens: 10,
  output_tokens: 0,
  input_seconds: 3,
};
const filters = { feature: 'chat', plan_tier: 'pro/max & more' };
const FILTERS_JSON = '[["feature","chat"],["plan_tier","pro/max & more"]]';

const cases: Record<string, WireCase> = {
  'listMeters()': {
    call: (c) => listMeters(c),
    official: (l) => l.meters.list(),
    method: 'GET',
    path: '/v1/meters',
    query: {},
    body: null,
  },
  'listMeters(cursor, limit)': {
    call: (c) => listMeters(c, { cursor: 'prd_9', limit: 5 }),
    official: (l) => l.meters.list({ cursor: 'prd_9', limit: 5 }),
    method: 'GET',
    path: '/v1/meters',
    query: { cursor: 'prd_9', limit: '5' },
    body: null,
  },
  getMeter: {
    call: (c, id) => getMeter(c, id),
    official: (l, id) => l.meters.retrieve(id),
    method: 'GET',
    path: `/v1/meters/${ENC}`,
    body: null,
  },
  createMeter: {
    call: (c) => createMeter(c, { ...meterParams, tiers: [...tiers] }),
    official: (l) => l.meters.create({ ...meterParams, tiers: [...tiers] }),
    method: 'POST',
    path: '/v1/meters',
    body: meterParams,
  },
  updateMeter: {
    call: (c, id) => updateMeter(c, id, { name: 'Renamed', tiers: [{ start: '0', rate: '1' }] }),
    official: (l, id) => l.meters.update(id, { name: 'Renamed', tiers: [{ start: '0', rate: '1' }] }),
    method: 'PATCH',
    path: `/v1/meters/${ENC}`,
    body: { name: 'Renamed', tiers: [{ start: '0', rate: '1' }] },
  },
  deleteMeter: {
    call: (c, id) => deleteMeter(c, id),
    official: (l, id) => l.meters.delete(id),
    method: 'DELETE',
    path: `/v1/meters/${ENC}`,
    body: null,
  },
  'listRequests()': {
    call: (c) => listRequests(c),
    official: (l) => l.requests.list(),
    method: 'GET',
    path: '/v1/requests',
    query: {},
    body: null,
  },
  'listRequests(all filters)': {
    call: (c) =>
      listRequests(c, {
        cursor: 'req_9',
        limit: 20,
        customer_id: 'con_1',
        meter_id: 'prd_1',
        metadata_filters: filters,
      }),
    official: (l) =>
      l.requests.list({
        cursor: 'req_9',
        limit: 20,
        customer_id: 'con_1',
        meter_id: 'prd_1',
        metadata_filters: filters,
      }),
    method: 'GET',
    path: '/v1/requests',
    query: { cursor: 'req_9', limit: '20', customer_id: 'con_1', meter_id: 'prd_1', metadata_filters: FILTERS_JSON },
    body: null,
  },
  createRequest: {
    call: (c) => createRequest(c, requestParams),
    official: (l) => l.requests.create(requestParams),
    method: 'POST',
    path: '/v1/requests',
    body: requestParams,
  },
  getRequest: {
    call: (c, id) => getRequest(c, id),
    official: (l, id) => l.requests.retrieve(id),
    method: 'GET',
    path: `/v1/requests/${ENC}`,
    body: null,
  },
  'getUsage(start)': {
    call: (c) => getUsage(c, { start: '2025-03-01T00:00:00Z' }),
    official: (l) => l.usage.retrieve({ start: '2025-03-01T00:00:00Z' }),
    method: 'GET',
    path: '/v1/usage',
    query: { start: '2025-03-01T00:00:00Z' },
    body: null,
  },
  'getUsage(all params)': {
    call: (c) =>
      getUsage(c, {
        start: '2025-03-01',
        end: '2025-03-31',
        customer_id: 'con_1',
        meter_id: 'prd_1',
        metadata_filters: filters,
      }),
    official: (l) =>
      l.usage.retrieve({
        start: '2025-03-01',
        end: '2025-03-31',
        customer_id: 'con_1',
        meter_id: 'prd_1',
        metadata_filters: filters,
      }),
    method: 'GET',
    path: '/v1/usage',
    query: {
      start: '2025-03-01',
      end: '2025-03-31',
      customer_id: 'con_1',
      meter_id: 'prd_1',
      metadata_filters: FILTERS_JSON,
    },
    body: null,
  },
  listModels: {
    call: (c) => listModels(c),
    official: (l) => l.models.list(),
    method: 'GET',
    path: '/v1/models',
    query: {},
    body: null,
  },
  'listWebhooks(limit)': {
    call: (c) => listWebhooks(c, { limit: 3 }),
    official: (l) => l.webhooks.list({ limit: 3 }),
    method: 'GET',
    path: '/v1/webhooks',
    query: { limit: '3' },
    body: null,
  },
  getWebhook: {
    call: (c, id) => getWebhook(c, id),
    official: (l, id) => l.webhooks.retrieve(id),
    method: 'GET',
    path: `/v1/webhooks/${ENC}`,
    body: null,
  },
  createWebhook: {
    call: (c) => createWebhook(c, { name: 'hook', url: 'https://example.com/hook' }),
    official: (l) => l.webhooks.create({ name: 'hook', url: 'https://example.com/hook' }),
    method: 'POST',
    path: '/v1/webhooks',
    body: { name: 'hook', url: 'https://example.com/hook' },
  },
  updateWebhook: {
    call: (c, id) => updateWebhook(c, id, { url: 'https://example.com/v2' }),
    official: (l, id) => l.webhooks.update(id, { url: 'https://example.com/v2' }),
    method: 'PATCH',
    path: `/v1/webhooks/${ENC}`,
    body: { url: 'https://example.com/v2' },
  },
  deleteWebhook: {
    call: (c, id) => deleteWebhook(c, id),
    official: (l, id) => l.webhooks.delete(id),
    method: 'DELETE',
    path: `/v1/webhooks/${ENC}`,
    body: null,
  },
};

/** Sends one call and returns the single request the double received for it (the answer may be an error). */
async function sent(send: () => Promise<unknown>): Promise<RecordedRequest> {
  lava.double.resetRequests();
  await send().catch(() => undefined);
  expect(lava.double.requests).toHaveLength(1);
  return lava.double.requests[0] as RecordedRequest;
}

function wireOf(request: RecordedRequest) {
  return {
    method: request.method,
    path: request.path,
    query: request.query,
    body: request.body === '' ? null : JSON.parse(request.body),
  };
}

describe('wire format of the meter, request, usage, model and webhook operations', () => {
  for (const [name, wire] of Object.entries(cases)) {
    it(`${name}: ${wire.method} ${wire.path}`, async () => {
      const request = await sent(() => wire.call(lava.config({ retry: 0 }), ODD));
      expect(request.method).toBe(wire.method);
      expect(request.path).toBe(wire.path);
      expect(request.query).toEqual(wire.query ?? {});
      if (wire.body === null) expect(request.body).toBe('');
      else {
        expect(request.headers['content-type']).toMatch(/^application\/json/);
        expect(JSON.parse(request.body)).toEqual(wire.body);
      }
      expect(request.headers.authorization).toBe(`Bearer ${lava.double.secretKey}`);
    });

    it(`${name}: the same request on the wire as the official SDK`, async () => {
      const ours = wireOf(await sent(() => wire.call(lava.config({ retry: 0 }), PLAIN)));
      const sdk = new Lava(lava.double.secretKey, { baseUrl: `${lava.double.baseUrl}v1/` });
      const theirs = wireOf(await sent(() => wire.official(sdk, PLAIN)));
      expect(ours).toEqual(theirs);
    });
  }

  it('metadata_filters travels as the official SDK encodes it, byte for byte in the query string', async () => {
    const seen: string[] = [];
    const recordUrl = (input: Request | string | URL, init?: RequestInit) => {
      seen.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    await listRequests(lava.config({ fetch: recordUrl }), { metadata_filters: { feature: 'chat' } });
    expect(seen[0]).toMatch(/[?&]metadata_filters=%5B%5B%22feature%22%2C%22chat%22%5D%5D(&|$)/);
  });
});
