import { getEventListeners } from 'node:events';
import { Lava } from '@lavapayments/nodejs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createConfig,
  decodeForwardToken,
  gateway,
  gatewayStream,
  generateForwardToken,
  getRequest,
  isLavaAbortError,
  isLavaApiError,
  isLavaNetworkError,
  isLavaTimeoutError,
  isLavaValidationError,
  listRequests,
  providerUrl,
} from '../../src/index.js';
import { forwardTarget } from '../double/routes/gateway.js';
import { rejectionOf, useDouble } from '../helpers.js';
import {
  ANTHROPIC_MESSAGES,
  type ChatCompletion,
  chatBody,
  creditOf,
  makeCustomer,
  makeMeter,
  OPENAI_CHAT,
  recorded,
} from './fixtures.js';

const ctx = useDouble();
let meterSlug: string;
let meterId: string;
let customerId: string;

beforeAll(async () => {
  const meter = await makeMeter(ctx.config());
  meterSlug = meter.meter_slug;
  meterId = meter.meter_id;
  customerId = await makeCustomer(ctx.config(), ctx.double, meter.meter_id);
});

const last = () => {
  const request = ctx.double.requests.at(-1);
  if (!request) throw new Error('the double received nothing');
  return request;
};
const tokenOf = (authorization: unknown) => decodeForwardToken(String(authorization).replace(/^Bearer /, ''));

describe('gateway(): the request Lava receives', () => {
  it('forward: v1/forward?u=<encoded provider URL>, POST, a merchant token, JSON body and content type', async () => {
    const result = await gateway<ChatCompletion>(ctx.config(), OPENAI_CHAT, { body: chatBody('hi') });
    expect(result.choices[0]?.message.content).toBe('Echo: hi');
    const request = last();
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/forward');
    expect(request.query.u).toBe(OPENAI_CHAT);
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual(chatBody('hi'));
    expect(tokenOf(request.headers.authorization)).toEqual({ secret_key: ctx.double.secretKey });
  });

  it('forward: the provider URL is percent-encoded, so its own query survives', async () => {
    const url = 'https://api.openai.com/v1/models?limit=2&order=desc';
    await gateway(ctx.config(), url, { method: 'GET' });
    expect(last().method).toBe('GET');
    expect(last().query.u).toBe(url);
    expect(last().body).toBe('');
  });

  it('sends the same URL and Authorization as the official SDK for the same options', async () => {
    const official = new Lava(ctx.double.secretKey, { baseUrl: `${ctx.double.baseUrl}v1/` });
    const cases = [
      {},
      { meter_slug: meterSlug },
      { customer_id: customerId, meter_slug: meterSlug },
      { customer_id: customerId, meter_slug: meterSlug, disable_billing: true, provider_key: 'sk-own' },
      { format: 'anthropic' as const },
    ];
    for (const options of cases) {
      const url = options.format ? ANTHROPIC_MESSAGES : OPENAI_CHAT;
      const body = options.format
        ? { model: 'claude-3-5-haiku-latest', max_tokens: 50, messages: [{ role: 'user', content: 'x' }] }
        : chatBody('x');
      await official.gateway(url, { ...options, body });
      const theirs = last();
      await gateway(ctx.config(), url, { ...options, body });
      const ours = last();
      expect(ours.path).toBe(theirs.path);
      expect(ours.query).toEqual(theirs.query);
      expect(ours.headers.authorization).toBe(theirs.headers.authorization);
      expect(ours.body).toBe(theirs.body);
    }
  });

  it('rewrite: v1/rewrite/<format>/<provider URL with scheme>, answered in the caller format', async () => {
    const result = await gateway<ChatCompletion>(ctx.config(), ANTHROPIC_MESSAGES, {
      format: 'openai',
      body: chatBody('translate me'),
    });
    expect(last().path).toBe('/v1/rewrite/openai/https://api.anthropic.com/v1/messages');
    expect(result.object).toBe('chat.completion');
    expect(result.choices[0]?.message.content).toBe('Echo: translate me');
    expect(recorded(ctx.double).at(-1)?.provider).toBe('anthropic');
  });

  it('the double also accepts a scheme-less rewrite URL (the docs form)', async () => {
    const res = await fetch(`${ctx.double.baseUrl}v1/rewrite/openai/api.anthropic.com/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${generateForwardToken(ctx.config())}`, 'content-type': 'application/json' },
      body: JSON.stringify(chatBody('no scheme')),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as ChatCompletion).choices[0]?.message.content).toBe('Echo: no scheme');
  });

  it("the double accepts an unencoded u with its own '?' and '&' (providerUrl + path), and Lava's key= query", async () => {
    const token = generateForwardToken(ctx.config());
    const url = `${providerUrl(ctx.config(), 'google')}/models/gemini-2.0-flash:generateContent?alt=json&key=${encodeURIComponent(token)}`;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'gemini via key' }] }] }),
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { candidates: { content: { parts: { text: string }[] } }[] };
    expect(answer.candidates[0]?.content.parts[0]?.text).toBe('Echo: gemini via key');
    const { upstream, params } = forwardTarget(new URL(`http://x${last().path}?${new URL(url).search.slice(1)}`));
    expect(upstream).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent?alt=json',
    );
    expect(params.get('key')).toBe(token);
  });

  it("plain fetch to providerUrl(config, 'openai') + '/chat/completions' with a forward token works", async () => {
    const res = await fetch(`${providerUrl(ctx.config(), 'openai')}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${generateForwardToken(ctx.config())}`, 'content-type': 'application/json' },
      body: JSON.stringify(chatBody('plain')),
    });
    expect(res.status).toBe(200);
    expect(recorded(ctx.double).at(-1)?.endpoint).toBe(`POST ${OPENAI_CHAT}`);
  });

  it('authenticates with x-api-key (Anthropic SDK style) as well', async () => {
    const res = await fetch(`${providerUrl(ctx.config(), 'anthropic')}/messages`, {
      method: 'POST',
      headers: {
        'x-api-key': generateForwardToken(ctx.config()),
        'anthropic-version': '2023-06-01',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        model: 'claude-3-5-haiku-latest',
        max_tokens: 20,
        messages: [{ role: 'user', content: 'a' }],
      }),
    });
    expect(res.status).toBe(200);
  });
});

describe('gateway(): bodies', () => {
  const json = JSON.stringify(chatBody('raw body'));
  const asJson = { 'content-type': 'application/json' };
  const passThrough: [string, () => unknown][] = [
    ['string', () => json],
    ['Uint8Array', () => new TextEncoder().encode(json)],
    ['ArrayBuffer', () => new TextEncoder().encode(json).buffer],
    ['Blob', () => new Blob([json])],
    [
      'ReadableStream (sent with duplex: half)',
      () =>
        new ReadableStream({
          start(controller) {
            const bytes = new TextEncoder().encode(json);
            controller.enqueue(bytes.subarray(0, 10));
            controller.enqueue(bytes.subarray(10));
            controller.close();
          },
        }),
    ],
  ];

  it.each(passThrough)('%s is sent as is, with no inferred content type', async (_name, make) => {
    const result = await gateway<ChatCompletion>(ctx.config(), OPENAI_CHAT, { body: make(), headers: asJson });
    expect(result.choices[0]?.message.content).toBe('Echo: raw body');
    expect(last().body).toBe(json);
    expect(last().headers['content-type']).toBe('application/json');
  });

  it('a string body without a content type gets none from us (the runtime says text/plain)', async () => {
    await rejectionOf(() => gateway(ctx.config(), OPENAI_CHAT, { body: 'just text' }));
    expect(last().body).toBe('just text');
    expect(last().headers['content-type']).toBe('text/plain;charset=UTF-8');
  });

  it('FormData goes as multipart with the runtime boundary; URLSearchParams as a form', async () => {
    const form = new FormData();
    form.append('file', new Blob(['audio-bytes']), 'a.wav');
    form.append('model', 'whisper-1');
    await rejectionOf(() => gateway(ctx.config(), 'https://api.openai.com/v1/audio/transcriptions', { body: form }));
    expect(last().headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(last().body).toContain('audio-bytes');
    await rejectionOf(() => gateway(ctx.config(), OPENAI_CHAT, { body: new URLSearchParams({ a: '1', b: 'x y' }) }));
    expect(last().headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    expect(last().body).toBe('a=1&b=x+y');
  });

  it('an array is JSON; a number is its string; null sends no body', async () => {
    await rejectionOf(() => gateway(ctx.config(), OPENAI_CHAT, { body: [1, 'two'] }));
    expect(last().body).toBe('[1,"two"]');
    expect(last().headers['content-type']).toBe('application/json');
    await rejectionOf(() => gateway(ctx.config(), OPENAI_CHAT, { body: 42 }));
    expect(last().body).toBe('42');
    await rejectionOf(() => gateway(ctx.config(), OPENAI_CHAT, { body: null }));
    expect(last().body).toBe('');
    expect(last().headers['content-type']).toBeUndefined();
  });
});

describe('gateway(): headers', () => {
  it("drops the caller's Authorization in any case, keeps their content type and provider headers", async () => {
    const config = createConfig({
      secretKey: ctx.double.secretKey,
      baseUrl: ctx.double.baseUrl,
      headers: { 'x-app': 'demo' },
    });
    await gateway(config, ANTHROPIC_MESSAGES, {
      headers: {
        AUTHORIZATION: 'Bearer sk-caller',
        'Content-Type': 'application/json; charset=utf-8',
        'anthropic-version': '2023-06-01',
      },
      body: { model: 'claude-3-5-haiku-latest', max_tokens: 20, messages: [{ role: 'user', content: 'h' }] },
    });
    const headers = last().headers;
    expect(tokenOf(headers.authorization).secret_key).toBe(ctx.double.secretKey);
    expect(headers['content-type']).toBe('application/json; charset=utf-8');
    expect(headers['anthropic-version']).toBe('2023-06-01');
    expect(headers['x-app']).toBe('demo');
  });

  it('accepts a Headers instance and an entries array', async () => {
    await gateway(ctx.config(), OPENAI_CHAT, {
      headers: new Headers({ authorization: 'x', 'x-one': '1' }),
      body: chatBody(),
    });
    expect(last().headers['x-one']).toBe('1');
    await gateway(ctx.config(), OPENAI_CHAT, { headers: [['x-two', '2']], body: chatBody() });
    expect(last().headers['x-two']).toBe('2');
  });

  it("the caller's header wins over the config's whatever the letter case; names like `constructor` are plain headers", async () => {
    const config = createConfig({
      secretKey: ctx.double.secretKey,
      baseUrl: ctx.double.baseUrl,
      headers: { 'X-Team': 'from-config', 'Content-Type': 'text/plain', constructor: 'c', 'x-only-config': 'kept' },
    });
    await gateway(config, OPENAI_CHAT, { headers: { 'x-team': 'from-call' }, body: chatBody() });
    const headers = last().headers;
    expect(headers['x-team']).toBe('from-call');
    // The config's content type counts as the caller's choice: JSON bodies do not override it.
    expect(headers['content-type']).toBe('text/plain');
    expect(headers.constructor).toBe('c');
    expect(headers['x-only-config']).toBe('kept');
    await gatewayStream(ctx.config(), OPENAI_CHAT, { headers: { Accept: 'application/x-ndjson' }, body: chatBody() })
      .then((stream) => stream.response.body?.cancel())
      .catch(() => {});
    expect(last().headers.accept).toBe('application/x-ndjson');
  });
});

describe('gateway(): answers and errors', () => {
  it("a provider's non-2xx becomes LavaApiError carrying the provider's own body", async () => {
    const error = await rejectionOf(() =>
      gateway(ctx.config(), OPENAI_CHAT, { body: chatBody('x', { model: 'lava-double-error-429' }) }),
    );
    expect(isLavaApiError(error)).toBe(true);
    if (!isLavaApiError(error)) return;
    expect(error.status).toBe(429);
    expect(error.code).toBe('rate_limit_exceeded');
    expect((error.body as { error: { type: string } }).error.type).toBeTypeOf('string');
    expect(error.path).toBe('/v1/forward');
    expect(String(error)).not.toContain(ctx.double.secretKey);
  });

  it("a malformed token is Lava's 401 in Lava's error body", async () => {
    const res = await fetch(`${ctx.double.baseUrl}v1/forward?u=${encodeURIComponent(OPENAI_CHAT)}`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-a-token!!' },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { status: number; code: string } }).error).toMatchObject({
      status: 401,
      code: 'unauthorized',
    });
    const stranger = createConfig({ secretKey: 'aks_test_unknown_key_0000000000', baseUrl: ctx.double.baseUrl });
    const error = await rejectionOf(() => gateway(stranger, OPENAI_CHAT, { body: chatBody() }));
    expect(isLavaApiError(error) && error.status).toBe(401);
  });

  it('an unknown customer or meter is a 404 and reaches no provider', async () => {
    const before = recorded(ctx.double).length;
    const noCustomer = await rejectionOf(() =>
      gateway(ctx.config(), OPENAI_CHAT, { customer_id: 'con_test_nobody', meter_slug: meterSlug, body: chatBody() }),
    );
    expect(isLavaApiError(noCustomer) && noCustomer.status).toBe(404);
    const noMeter = await rejectionOf(() =>
      gateway(ctx.config(), OPENAI_CHAT, { meter_slug: 'no-such-meter', body: chatBody() }),
    );
    expect(isLavaApiError(noMeter) && noMeter.status).toBe(404);
    expect(recorded(ctx.double).length).toBe(before);
  });

  it('a non-JSON 2xx answer is a LavaApiError invalid_json; an empty one is null', async () => {
    ctx.double.injectFault({
      match: { path: '/v1/forward' },
      status: 200,
      body: 'not json',
      contentType: 'text/plain',
    });
    const error = await rejectionOf(() => gateway(ctx.config(), OPENAI_CHAT, { body: chatBody() }));
    expect(isLavaApiError(error) && error.code).toBe('invalid_json');
    ctx.double.injectFault({ match: { path: '/v1/forward' }, status: 200, body: '' });
    expect(await gateway(ctx.config(), OPENAI_CHAT, { body: chatBody() })).toBeNull();
  });

  it('is never retried: an injected 503 is one request and a LavaApiError', async () => {
    ctx.double.resetRequests();
    ctx.double.injectFault({ match: { path: '/v1/forward' }, status: 503, retryAfter: 0 });
    const error = await rejectionOf(() => gateway(ctx.config({ retry: 5 }), OPENAI_CHAT, { body: chatBody() }));
    expect(isLavaApiError(error) && error.status).toBe(503);
    expect(ctx.double.requestCount({ path: '/v1/forward' })).toBe(1);
  });

  it('is never retried: a connection reset is one request and a LavaNetworkError', async () => {
    ctx.double.resetRequests();
    ctx.double.injectFault({ match: { path: '/v1/forward' }, reset: true });
    const error = await rejectionOf(() => gateway(ctx.config({ retry: 5 }), OPENAI_CHAT, { body: chatBody() }));
    expect(isLavaNetworkError(error)).toBe(true);
    expect(ctx.double.requestCount({ path: '/v1/forward' })).toBe(1);
  });

  it('times out with LavaTimeoutError (per-call timeout over config.timeout), once', async () => {
    ctx.double.resetRequests();
    ctx.double.injectFault({ match: { path: '/v1/forward' }, delayMs: 400 });
    const started = Date.now();
    const error = await rejectionOf(() =>
      gateway(ctx.config({ timeout: 10_000 }), OPENAI_CHAT, { body: chatBody(), timeout: 80 }),
    );
    expect(isLavaTimeoutError(error) && error.timeout).toBe(80);
    expect(Date.now() - started).toBeLessThan(390);
    expect(ctx.double.requestCount({ path: '/v1/forward' })).toBe(1);
  });

  it('a body that stalls after the headers also times out', async () => {
    ctx.double.injectFault({ match: { path: '/v1/forward' }, status: 200, body: '{"a":1,"b":2}', stallAfterBytes: 4 });
    const error = await rejectionOf(() => gateway(ctx.config(), OPENAI_CHAT, { body: chatBody(), timeout: 100 }));
    expect(isLavaTimeoutError(error)).toBe(true);
  });

  it("the caller's signal aborts with LavaAbortError; an aborted signal sends nothing", async () => {
    ctx.double.injectFault({ match: { path: '/v1/forward' }, delayMs: 400 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const error = await rejectionOf(() =>
      gateway(ctx.config(), OPENAI_CHAT, { body: chatBody(), signal: controller.signal }),
    );
    expect(isLavaAbortError(error)).toBe(true);
    ctx.double.resetRequests();
    const again = await rejectionOf(() =>
      gateway(ctx.config(), OPENAI_CHAT, { body: chatBody(), signal: controller.signal }),
    );
    expect(isLavaAbortError(again)).toBe(true);
    expect(ctx.double.requestCount()).toBe(0);
  });

  it('a long-lived caller signal keeps nothing of finished calls (no listener, no combined signal left on it)', async () => {
    // A server's shutdown signal passed to every call: AbortSignal.any would register each call's
    // combined signal on it, and on Node 20 and 22 those were never released.
    const shutdown = new AbortController();
    for (let i = 0; i < 20; i++)
      await gateway(ctx.config(), OPENAI_CHAT, { body: chatBody(), signal: shutdown.signal });
    const stream = await gatewayStream(ctx.config(), OPENAI_CHAT, {
      body: chatBody('s', { stream: true }),
      signal: shutdown.signal,
    });
    for await (const _ of stream) break;
    await expect(
      gateway(ctx.config(), OPENAI_CHAT, {
        body: chatBody('x', { model: 'lava-double-error-429' }),
        signal: shutdown.signal,
      }),
    ).rejects.toThrow();
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
    const dependants = Object.getOwnPropertySymbols(shutdown.signal).find((s) => s.description === 'kDependantSignals');
    expect(dependants && (shutdown.signal as never as Record<symbol, Set<unknown>>)[dependants]?.size).toBeFalsy();
  });

  it('bad options are LavaValidationErrors naming the field, and nothing is sent', async () => {
    ctx.double.resetRequests();
    const cases: [string, () => Promise<unknown>][] = [
      ['options.meter_slug', () => gateway(ctx.config(), OPENAI_CHAT, { customer_id: customerId })],
      // The official SDK silently drops it; asking to disable billing where nobody is billed is a mistake.
      [
        'options.disable_billing',
        () => gateway(ctx.config(), OPENAI_CHAT, { meter_slug: meterSlug, disable_billing: true }),
      ],
      ['options.disable_billing', () => gateway(ctx.config(), OPENAI_CHAT, { disable_billing: true })],
      ['options.format', () => gateway(ctx.config(), OPENAI_CHAT, { format: 'cohere' as 'openai' })],
      ['options.timeout', () => gateway(ctx.config(), OPENAI_CHAT, { timeout: 0 })],
      // Found by a property run: comparing this object called its toString, a raw TypeError.
      ['options.timeout', () => gateway(ctx.config(), OPENAI_CHAT, { timeout: { toString: 0 } as never })],
      ['options.timeout', () => gatewayStream(ctx.config(), OPENAI_CHAT, { timeout: 2 ** 31 })],
      ['options.signal', () => gateway(ctx.config(), OPENAI_CHAT, { signal: 'stop' as never })],
      ['options', () => gatewayStream(ctx.config(), OPENAI_CHAT, null as never)],
      ['options.provider_key', () => gateway(ctx.config(), OPENAI_CHAT, { provider_key: '' })],
      ['url', () => gateway(ctx.config(), '')],
    ];
    for (const [field, call] of cases) {
      const error = await rejectionOf(call);
      expect(isLavaValidationError(error) && error.field).toBe(field);
    }
    expect(ctx.double.requestCount()).toBe(0);
  });
});

describe('gateway(): billing modes as the double records them', () => {
  it('merchant: managed key, no customer, no meter, nothing charged to any customer', async () => {
    const before = creditOf(ctx.double, customerId);
    await gateway(ctx.config(), OPENAI_CHAT, { body: chatBody('merchant') });
    const request = recorded(ctx.double).at(-1);
    expect(request).toMatchObject({
      provider: 'openai',
      provider_key_type: 'managed',
      endpoint: `POST ${OPENAI_CHAT}`,
      model: 'gpt-4o-mini',
    });
    expect(request?.customer_id).toBeUndefined();
    expect(request?.meter_id).toBeUndefined();
    expect(request?.model_usage.total_tokens).toBeGreaterThan(0);
    expect(creditOf(ctx.double, customerId)).toBe(before);
  });

  it('meter only: priced by the meter, no customer charged', async () => {
    const before = creditOf(ctx.double, customerId);
    await gateway(ctx.config(), OPENAI_CHAT, { meter_slug: meterSlug, body: chatBody('meter only') });
    const request = recorded(ctx.double).at(-1);
    expect(request?.meter_id).toBe(meterId);
    expect(request?.customer_id).toBeUndefined();
    expect(Number(request?.charge.amount)).toBeGreaterThan(0);
    expect(creditOf(ctx.double, customerId)).toBe(before);
  });

  it("customer + meter: the meter's charge comes off the customer's credit", async () => {
    const before = creditOf(ctx.double, customerId);
    await gateway(ctx.config(), OPENAI_CHAT, {
      customer_id: customerId,
      meter_slug: meterSlug,
      body: chatBody('bill me'),
    });
    const request = recorded(ctx.double).at(-1);
    expect(request).toMatchObject({ customer_id: customerId, meter_id: meterId, provider_key_type: 'managed' });
    const charged = BigInt(Math.round(Number(request?.charge.amount) * 1e10));
    expect(charged).toBeGreaterThan(0n);
    expect(before - creditOf(ctx.double, customerId)).toBe(charged);
  });

  it('the calls show up through listRequests and getRequest', async () => {
    const config = ctx.config();
    await gateway(config, OPENAI_CHAT, { customer_id: customerId, meter_slug: meterSlug, body: chatBody('listed') });
    const mine = await listRequests(config, { customer_id: customerId, limit: 100 });
    const newest = recorded(ctx.double).at(-1);
    expect(mine.data.map((r) => r.request_id)).toContain(newest?.request_id);
    const one = await getRequest(config, newest?.request_id ?? '');
    expect(one).toMatchObject({ customer_id: customerId, provider: 'openai', endpoint: `POST ${OPENAI_CHAT}` });
  });

  it('disable_billing: the customer is tracked but not charged', async () => {
    const before = creditOf(ctx.double, customerId);
    await gateway(ctx.config(), OPENAI_CHAT, {
      customer_id: customerId,
      meter_slug: meterSlug,
      disable_billing: true,
      body: chatBody('free'),
    });
    expect(recorded(ctx.double).at(-1)?.customer_id).toBe(customerId);
    expect(creditOf(ctx.double, customerId)).toBe(before);
  });

  it('provider_key: the request is unmanaged (BYOK) and the upstream sees that key', async () => {
    await gateway(ctx.config(), OPENAI_CHAT, { provider_key: 'sk-merchant-own', body: chatBody('byok') });
    expect(recorded(ctx.double).at(-1)?.provider_key_type).toBe('unmanaged');
  });

  it('metadata from x-lava-metadata is recorded on the request', async () => {
    await gateway(ctx.config(), OPENAI_CHAT, {
      headers: { 'x-lava-metadata': JSON.stringify({ feature: 'chat', user_tier: 'pro' }) },
      body: chatBody('meta'),
    });
    expect(recorded(ctx.double).at(-1)?.metadata).toEqual({ feature: 'chat', user_tier: 'pro' });
  });

  it('a failed provider call is recorded as an error and charges nothing', async () => {
    const before = creditOf(ctx.double, customerId);
    await rejectionOf(() =>
      gateway(ctx.config(), OPENAI_CHAT, {
        customer_id: customerId,
        meter_slug: meterSlug,
        body: chatBody('x', { model: 'lava-double-error-500' }),
      }),
    );
    expect(recorded(ctx.double).at(-1)).toMatchObject({ status: 'error', charge: { amount: '0.0000000000' } });
    expect(creditOf(ctx.double, customerId)).toBe(before);
  });

  it('402 once the credit is exhausted, before the provider is called', async () => {
    const config = ctx.config();
    const pricey = await makeMeter(config, '1000000.00'); // $1 per token: one call eats a $0.01 plan
    const poor = await makeCustomer(config, ctx.double, pricey.meter_id, '0.01');
    await gateway(config, OPENAI_CHAT, {
      customer_id: poor,
      meter_slug: pricey.meter_slug,
      body: chatBody('expensive'),
    });
    expect(creditOf(ctx.double, poor)).toBe(0n);
    const count = recorded(ctx.double).length;
    const error = await rejectionOf(() =>
      gateway(config, OPENAI_CHAT, { customer_id: poor, meter_slug: pricey.meter_slug, body: chatBody('again') }),
    );
    expect(isLavaApiError(error) && error.status).toBe(402);
    expect(isLavaApiError(error) && (error.body as { error: { status: number } }).error.status).toBe(402);
    expect(recorded(ctx.double).length).toBe(count);
    // The merchant can still call on its own account.
    await gateway(config, OPENAI_CHAT, { body: chatBody('merchant still fine') });
  });
});
