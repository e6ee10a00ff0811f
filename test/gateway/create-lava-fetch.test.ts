// createLavaFetch against the double: its own routing rules with plain calls, then the real vendor
// SDKs (openai, @anthropic-ai/sdk, ai + @ai-sdk/openai) doing a completion and a stream each.

import { createOpenAI } from '@ai-sdk/openai';
import Anthropic from '@anthropic-ai/sdk';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createCheckoutSession,
  createLavaFetch,
  createMeter,
  createPlan,
  decodeForwardToken,
  isLavaValidationError,
  type LavaConfig,
  providerUrl,
} from '../../src/index.js';
import type { RecordedRequest } from '../double/index.js';
import type { RequestRecord } from '../double/state.js';
import { rejectionOf, useDouble } from '../helpers.js';

const lava = useDouble();

const DUMMY_KEYS = ['sk-dummy-openai-key', 'sk-ant-dummy-anthropic-key', 'dummy-google-key', 'dummy-ai-sdk-key'];

beforeEach(() => {
  lava.double.resetRequests();
});

/** The gateway calls the double received (not the REST ones). */
function gatewayCalls(): RecordedRequest[] {
  return lava.double.requests.filter((r) => r.path === '/v1/forward' || r.path.startsWith('/v1/rewrite/'));
}

function onlyCall(): RecordedRequest {
  const calls = gatewayCalls();
  expect(calls).toHaveLength(1);
  return calls[0] as RecordedRequest;
}

/** No dummy vendor key anywhere in what the double received: headers, query or path. */
function expectNoVendorKey(call: RecordedRequest) {
  const seen = JSON.stringify([call.headers, call.query, call.path]);
  for (const key of DUMMY_KEYS) expect(seen).not.toContain(key);
}

/** The token a recorded call authenticated with, decoded. */
function tokenOf(call: RecordedRequest) {
  const header = String(call.headers.authorization ?? '');
  expect(header).toMatch(/^Bearer /);
  return decodeForwardToken(header.slice(7));
}

/** A meter and a customer subscribed (through checkout) to a plan with $5 credit that includes it. */
async function subscribedCustomer(config: LavaConfig): Promise<{ customerId: string; meterSlug: string }> {
  const meter = await createMeter(config, {
    name: 'Fetch adapter tokens',
    rate_type: 'fixed',
    tier_type: 'tokens_1m',
    tiers: [{ start: '0', rate: '1000.00' }],
  });
  const plan = await createPlan(config, {
    name: 'Fetch adapter plan',
    period_amount: '0.00',
    billing_interval: 'month',
    included_credit: '5.00',
    meter_ids: [meter.meter_id],
  });
  const session = await createCheckoutSession(config, {
    checkout_mode: 'subscription',
    origin_url: 'https://app.example.com',
    plan_id: plan.plan_id,
  });
  const res = await fetch(`${lava.double.baseUrl}__double/checkout_sessions/${session.checkout_session_id}/complete`, {
    method: 'POST',
    headers: { authorization: `Bearer ${lava.double.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Ada Lovelace', email: 'ada@example.com' }),
  });
  expect(res.status).toBe(200);
  const { customer_id } = (await res.json()) as { customer_id: string };
  return { customerId: customer_id, meterSlug: meter.meter_slug };
}

/** The customer's remaining credit in the double, in 1e-10 USD units. */
function creditOf(customerId: string): bigint {
  const { merchant } = lava.double;
  const subscriptionId = merchant.customers.get(customerId)?._subscription_id;
  const subscription = subscriptionId ? merchant.subscriptions.get(subscriptionId) : undefined;
  if (!subscription) throw new Error(`no subscription for ${customerId}`);
  return subscription._cycle_remaining + subscription._bundle_remaining;
}

/** Streams are recorded once they end, a moment after the client read the last byte. */
async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

/** The Request records made since `before` existed, once there is one (calls are recorded as they end). */
async function recordsSince(before: number): Promise<RequestRecord[]> {
  await eventually(() => recorded().length > before);
  return recorded().slice(before);
}

/** The Request records the double made for the default merchant, newest last. */
function recorded(): RequestRecord[] {
  return [...lava.double.merchant.requests.values()];
}

const chatBody = (content: string, extra: object = {}) =>
  JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra });

describe('createLavaFetch routing', () => {
  it('sends a provider URL to v1/forward with a forward token in place of the SDK key', async () => {
    const config = lava.config();
    const lavaFetch = createLavaFetch(config);
    const before = recorded().length;
    const res = await lavaFetch('https://api.openai.com/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: 'Bearer sk-dummy-openai-key', 'content-type': 'application/json', 'x-custom': 'kept' },
      body: chatBody('routing test'),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).choices[0].message.content).toBe('Echo: routing test');
    const call = onlyCall();
    expect(call.path).toBe('/v1/forward');
    expect(call.query.u).toBe('https://api.openai.com/v1/chat/completions');
    expect(call.headers['x-custom']).toBe('kept');
    expect(tokenOf(call)).toEqual({ secret_key: lava.double.secretKey });
    expectNoVendorKey(call);
    expect(await recordsSince(before)).toMatchObject([
      { provider: 'openai', model: 'gpt-4o-mini', status: 'completed' },
    ]);
  });

  it("puts the token options into the token: the customer's plan credit pays", async () => {
    const config = lava.config();
    const { customerId, meterSlug } = await subscribedCustomer(config);
    const credit = creditOf(customerId);
    lava.double.resetRequests();
    const lavaFetch = createLavaFetch(config, { customer_id: customerId, meter_slug: meterSlug });
    const res = await lavaFetch('https://api.openai.com/v1/chat/completions', {
      method: 'POST',
      body: chatBody('billed'),
    });
    expect(res.status).toBe(200);
    await res.text();
    expect(tokenOf(onlyCall())).toEqual({
      secret_key: lava.double.secretKey,
      customer_id: customerId,
      meter_slug: meterSlug,
    });
    await eventually(() => recorded().at(-1)?.customer_id === customerId);
    expect(creditOf(customerId)).toBeLessThan(credit);
  });

  it('removes x-api-key, x-goog-api-key, xi-api-key and the key query parameter', async () => {
    const lavaFetch = createLavaFetch(lava.config());
    const res = await lavaFetch(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse&key=dummy-google-key',
      {
        method: 'POST',
        headers: {
          'x-goog-api-key': 'dummy-google-key',
          'x-api-key': 'dummy-google-key',
          'xi-api-key': 'dummy-google-key',
        },
        body: JSON.stringify({ contents: [{ parts: [{ text: 'gemini' }] }] }),
      },
    );
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const texts = [...(await res.text()).matchAll(/^data: (.*)$/gm)].map(
      (m) => JSON.parse(m[1] as string).candidates[0].content.parts[0].text,
    );
    expect(texts.join('')).toBe('Echo: gemini');
    const call = onlyCall();
    expect(call.query.u).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse',
    );
    for (const name of ['x-goog-api-key', 'x-api-key', 'xi-api-key']) expect(call.headers[name]).toBeUndefined();
    expectNoVendorKey(call);
  });

  it('leaves a URL already aimed at Lava as it is (providerUrl, unencoded u), replacing only the auth', async () => {
    const config = lava.config();
    const lavaFetch = createLavaFetch(config, {});
    const url = `${providerUrl(config, 'openai')}/chat/completions`;
    const res = await lavaFetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-dummy-openai-key' },
      body: chatBody('already lava'),
    });
    expect((await res.json()).choices[0].message.content).toBe('Echo: already lava');
    const call = onlyCall();
    expect(call.path).toBe('/v1/forward');
    expect(call.query.u).toBe('https://api.openai.com/v1/chat/completions');
    expect(tokenOf(call)).toEqual({ secret_key: lava.double.secretKey });
    expectNoVendorKey(call);
  });

  it('puts back a path an SDK joined onto a providerUrl base in front of its query', async () => {
    const config = lava.config();
    const lavaFetch = createLavaFetch(config);
    const base = encodeURIComponent('https://generativelanguage.googleapis.com/v1beta');
    const url = `${config.baseUrl}v1/forward/models/gemini-2.0-flash:streamGenerateContent?u=${base}&alt=sse&key=dummy-google-key`;
    const res = await lavaFetch(url, {
      method: 'POST',
      body: JSON.stringify({ contents: [{ parts: [{ text: 'joined' }] }] }),
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const call = onlyCall();
    expect(call.path).toBe('/v1/forward');
    expect(call.query.u).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse',
    );
    expectNoVendorKey(call);
  });

  it('leaves a rewrite URL as it is', async () => {
    const config = lava.config();
    const lavaFetch = createLavaFetch(config);
    const res = await lavaFetch(`${config.baseUrl}v1/rewrite/openai/api.anthropic.com/v1/messages`, {
      method: 'POST',
      body: chatBody('rewritten', { model: 'claude-sonnet-4-5' }),
    });
    const json = await res.json();
    expect(json.object).toBe('chat.completion');
    expect(json.id).toMatch(/^msg_01/);
    expect(onlyCall().path).toBe('/v1/rewrite/openai/api.anthropic.com/v1/messages');
  });

  it('sends a Request object with a streamed body: method, headers and body arrive intact', async () => {
    const lavaFetch = createLavaFetch(lava.config());
    const bytes = new TextEncoder().encode(chatBody('from a stream'));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 10));
        controller.enqueue(bytes.slice(10));
        controller.close();
      },
    });
    const request = new Request('https://api.openai.com/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'sk-dummy-openai-key', 'openai-beta': 'x' },
      body,
      duplex: 'half',
    } as RequestInit);
    const res = await lavaFetch(request);
    expect((await res.json()).choices[0].message.content).toBe('Echo: from a stream');
    const call = onlyCall();
    expect(call.method).toBe('POST');
    expect(call.body).toBe(chatBody('from a stream'));
    expect(call.headers['openai-beta']).toBe('x');
    expectNoVendorKey(call);
  });

  it('lets init override a Request as fetch does: its headers replace, its undefined members do not', async () => {
    const lavaFetch = createLavaFetch(lava.config());
    const request = new Request('https://api.openai.com/v1/chat/completions', {
      method: 'POST',
      headers: { 'x-from-request': '1' },
      body: chatBody('from the request'),
    });
    // JavaScript SDKs pass members they do not set as undefined.
    const init = {
      headers: { 'x-from-init': '1' },
      body: chatBody('from init'),
      method: undefined,
      signal: undefined,
    } as unknown as RequestInit;
    const res = await lavaFetch(request, init);
    expect((await res.json()).choices[0].message.content).toBe('Echo: from init');
    const call = onlyCall();
    expect(call.method).toBe('POST');
    expect(call.headers['x-from-init']).toBe('1');
    expect(call.headers['x-from-request']).toBeUndefined();
  });

  it('sends a ReadableStream init body without the caller setting duplex', async () => {
    const lavaFetch = createLavaFetch(lava.config());
    const body = new Blob([chatBody('stream init')]).stream();
    const res = await lavaFetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body });
    expect((await res.json()).choices[0].message.content).toBe('Echo: stream init');
  });

  it('passes GET requests through (the provider model list)', async () => {
    const lavaFetch = createLavaFetch(lava.config());
    const res = await lavaFetch(new URL('https://api.openai.com/v1/models'));
    expect((await res.json()).object).toBe('list');
    expect(onlyCall().method).toBe('GET');
  });

  it('hands back an error response unchanged and never retries it', async () => {
    const lavaFetch = createLavaFetch(lava.config());
    lava.double.injectFault({ match: { path: '/v1/forward' }, status: 503, times: 3 });
    try {
      const res = await lavaFetch('https://api.openai.com/v1/chat/completions', {
        method: 'POST',
        body: chatBody('x'),
      });
      expect(res.status).toBe(503);
      expect((await res.json()).error.code).toBe('injected');
      expect(lava.double.requestCount({ path: '/v1/forward' })).toBe(1);
    } finally {
      lava.double.clearFaults();
    }
    const upstream = await lavaFetch('https://api.anthropic.com/v1/messages', { method: 'POST', body: '{}' });
    expect(upstream.status).toBe(400);
    expect((await upstream.json()).type).toBe('error');
  });

  it('stops the upstream stream when the signal aborts', async () => {
    const lavaFetch = createLavaFetch(lava.config());
    const before = recorded().length;
    const controller = new AbortController();
    const res = await lavaFetch('https://api.openai.com/v1/chat/completions', {
      method: 'POST',
      body: chatBody('x', { model: 'lava-double-bytes-500000000', stream: true }),
      signal: controller.signal,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    expect((await reader.read()).done).toBe(false);
    controller.abort();
    const error = await rejectionOf(async () => {
      for (;;) if ((await reader.read()).done) return;
    });
    expect((error as Error).name).toBe('AbortError');
    // The double recorded only what it wrote before the abort: far from the 125 M tokens of the whole answer.
    const [record] = await recordsSince(before);
    expect(record?.model_usage.output_tokens).toBeGreaterThan(0);
    expect(record?.model_usage.output_tokens).toBeLessThan(10_000_000);
  });

  it('sends the config headers, with the SDK headers winning', async () => {
    const lavaFetch = createLavaFetch(
      lava.config({ headers: { 'x-lava-metadata': '{"feature":"chat"}', 'x-both': 'config' } }),
    );
    const before = recorded().length;
    await lavaFetch('https://api.openai.com/v1/chat/completions', {
      method: 'POST',
      headers: { 'x-both': 'sdk' },
      body: chatBody('meta'),
    });
    const call = onlyCall();
    expect(call.headers['x-both']).toBe('sdk');
    expect((await recordsSince(before)).map((r) => r.metadata)).toEqual([{ feature: 'chat' }]);
  });

  it('leaves non-http URLs to the underlying fetch untouched', async () => {
    const lavaFetch = createLavaFetch(lava.config());
    const res = await lavaFetch('data:text/plain,hello');
    expect(await res.text()).toBe('hello');
    expect(lava.double.requestCount()).toBe(0);
  });

  it('uses config.fetch when one is given', async () => {
    const seen: string[] = [];
    const config = lava.config({
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    await createLavaFetch(config)('https://api.openai.com/v1/chat/completions', {
      method: 'POST',
      body: chatBody('x'),
    });
    expect(seen).toEqual([
      `${config.baseUrl}v1/forward?u=${encodeURIComponent('https://api.openai.com/v1/chat/completions')}`,
    ]);
  });

  it('refuses bad token options at creation, naming the field, and sends nothing', async () => {
    const error = await rejectionOf(async () => createLavaFetch(lava.config(), { customer_id: 'con_1' }));
    expect(isLavaValidationError(error)).toBe(true);
    expect((error as { field: string }).field).toBe('tokenOptions.meter_slug');
    const disable = await rejectionOf(async () => createLavaFetch(lava.config(), { disable_billing: true }));
    expect((disable as { field: string }).field).toBe('tokenOptions.disable_billing');
    const config = await rejectionOf(async () => createLavaFetch({} as LavaConfig));
    expect((config as { field: string }).field).toBe('config');
    expect(lava.double.requestCount()).toBe(0);
  });

  it('keeps the secret key and the token out of the function itself', () => {
    const lavaFetch = createLavaFetch(lava.config());
    expect(String(lavaFetch)).not.toContain(lava.double.secretKey);
    expect(JSON.stringify(lavaFetch)).toBeUndefined();
  });
});

describe('with the openai SDK', () => {
  const client = () =>
    new OpenAI({ apiKey: 'sk-dummy-openai-key', fetch: createLavaFetch(lava.config()), maxRetries: 0 });

  it('completes a chat', async () => {
    const before = recorded().length;
    const completion = await client().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello from openai' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: Hello from openai');
    const call = onlyCall();
    expect(call.query.u).toBe('https://api.openai.com/v1/chat/completions');
    expectNoVendorKey(call);
    expect(await recordsSince(before)).toMatchObject([
      { provider: 'openai', model: 'gpt-4o-mini', response_id: completion.id, status: 'completed' },
    ]);
  });

  it('streams a chat', async () => {
    const before = recorded().length;
    const stream = await client().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Stream from openai please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let chunks = 0;
    let usage: { completion_tokens: number } | undefined;
    for await (const chunk of stream) {
      chunks += 1;
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('Echo: Stream from openai please');
    expect(chunks).toBeGreaterThan(3);
    expect(usage?.completion_tokens).toBe(8);
    expectNoVendorKey(onlyCall());
    expect(await recordsSince(before)).toMatchObject([
      { provider: 'openai', model_usage: { output_tokens: 8 }, status: 'completed' },
    ]);
  });
  it('works with a providerUrl base URL too (the URL already aims at Lava, only the auth changes)', async () => {
    const config = lava.config();
    const openai = new OpenAI({
      apiKey: 'sk-dummy-openai-key',
      baseURL: providerUrl(config, 'openai'),
      fetch: createLavaFetch(config),
      maxRetries: 0,
    });
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'via providerUrl' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: via providerUrl');
    const call = onlyCall();
    expect(call.query.u).toBe('https://api.openai.com/v1/chat/completions');
    expectNoVendorKey(call);
  });
  it("talks to Claude through a rewrite base URL, streamed, in OpenAI's shape", async () => {
    const config = lava.config();
    const openai = new OpenAI({
      apiKey: 'sk-dummy-openai-key',
      baseURL: `${config.baseUrl}v1/rewrite/openai/api.anthropic.com/v1/messages`,
      fetch: createLavaFetch(config),
      maxRetries: 0,
    });
    const before = recorded().length;
    const stream = await openai.chat.completions.create({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'Claude in OpenAI shape' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Echo: Claude in OpenAI shape');
    const call = onlyCall();
    expect(call.path).toBe('/v1/rewrite/openai/api.anthropic.com/v1/messages/chat/completions');
    expectNoVendorKey(call);
    expect(await recordsSince(before)).toMatchObject([{ provider: 'anthropic', model: 'claude-sonnet-4-5' }]);
  });
});

describe('with the @anthropic-ai/sdk SDK', () => {
  const client = () =>
    new Anthropic({ apiKey: 'sk-ant-dummy-anthropic-key', fetch: createLavaFetch(lava.config()), maxRetries: 0 });

  it('creates a message', async () => {
    const before = recorded().length;
    const message = await client().messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Hello from anthropic' }],
    });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Echo: Hello from anthropic' });
    const call = onlyCall();
    expect(call.query.u).toBe('https://api.anthropic.com/v1/messages');
    expect(call.headers['anthropic-version']).toBeDefined();
    expectNoVendorKey(call);
    expect(await recordsSince(before)).toMatchObject([
      { provider: 'anthropic', model: 'claude-sonnet-4-5', response_id: message.id, status: 'completed' },
    ]);
  });

  it('works with a providerUrl base URL too', async () => {
    const config = lava.config();
    const anthropic = new Anthropic({
      apiKey: 'sk-ant-dummy-anthropic-key',
      baseURL: providerUrl(config, 'anthropic').replace(/\/v1$/, ''),
      fetch: createLavaFetch(config),
      maxRetries: 0,
    });
    const message = await anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'anthropic via providerUrl' }],
    });
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Echo: anthropic via providerUrl' });
    expect(onlyCall().query.u).toBe('https://api.anthropic.com/v1/messages');
  });

  it('streams a message', async () => {
    const before = recorded().length;
    const stream = client().messages.stream({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Stream from anthropic' }],
    });
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const final = await stream.finalMessage();
    expect(deltas.join('')).toBe('Echo: Stream from anthropic');
    expect(deltas.length).toBeGreaterThan(2);
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage.output_tokens).toBe(7);
    expectNoVendorKey(onlyCall());
    expect(await recordsSince(before)).toMatchObject([{ provider: 'anthropic', model_usage: { output_tokens: 7 } }]);
  });
});

describe('with the AI SDK (ai + @ai-sdk/openai)', () => {
  const provider = () => createOpenAI({ apiKey: 'dummy-ai-sdk-key', fetch: createLavaFetch(lava.config()) });

  it('generates text (Responses API, the provider default)', async () => {
    const before = recorded().length;
    const result = await generateText({
      model: provider()('gpt-4o-mini'),
      prompt: 'Hello from the AI SDK',
      maxRetries: 0,
    });
    expect(result.text).toBe('Echo: Hello from the AI SDK');
    const call = onlyCall();
    expect(call.query.u).toBe('https://api.openai.com/v1/responses');
    expectNoVendorKey(call);
    expect(await recordsSince(before)).toMatchObject([
      { provider: 'openai', model: 'gpt-4o-mini', status: 'completed' },
    ]);
  });

  it('streams text (Responses API)', async () => {
    const result = streamText({ model: provider()('gpt-4o-mini'), prompt: 'Stream from the AI SDK', maxRetries: 0 });
    const parts: string[] = [];
    for await (const part of result.textStream) parts.push(part);
    expect(parts.join('')).toBe('Echo: Stream from the AI SDK');
    expect(parts.length).toBeGreaterThan(2);
    expect((await result.usage).outputTokens).toBe(7);
    expectNoVendorKey(onlyCall());
  });

  it('streams text through chat completions (provider.chat)', async () => {
    const result = streamText({
      model: provider().chat('gpt-4o-mini'),
      prompt: 'Chat stream via AI SDK',
      maxRetries: 0,
    });
    let text = '';
    for await (const part of result.textStream) text += part;
    expect(text).toBe('Echo: Chat stream via AI SDK');
    const call = onlyCall();
    expect(call.query.u).toBe('https://api.openai.com/v1/chat/completions');
    expectNoVendorKey(call);
  });
});
