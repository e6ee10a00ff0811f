// The fake upstream providers, driven directly through a tiny loopback server that hands every
// request to answerUpstream (`/forward?u=<url>`) or answerRewrite (`/rewrite/<format>/<url>`).
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerRewrite, answerUpstream, providerCost, type UpstreamResult } from './providers/index.js';
import { toUnits } from './state.js';

let server: Server;
let base: string;
const results: UpstreamResult[] = [];
let gapMs = 0;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const controller = new AbortController();
    res.once('close', () => controller.abort());
    const rewrite = /^\/rewrite\/(openai|anthropic|google|bedrock)\/(.+)$/.exec(url.pathname);
    const target = rewrite ? (rewrite[2] as string) + url.search : (url.searchParams.get('u') ?? '');
    const call = {
      method: req.method ?? 'GET',
      url: new URL(/^https?:\/\//.test(target) ? target : `https://${target}`),
      headers: req.headers,
      body: Buffer.concat(chunks),
      streamGapMs: gapMs,
      signal: controller.signal,
    };
    const format = rewrite?.[1] as 'openai' | 'anthropic' | 'google' | 'bedrock' | undefined;
    results.push(await (format ? answerRewrite(format, call, res) : answerUpstream(call, res)));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function forward(upstream: string, body?: unknown, init: RequestInit = {}) {
  return fetch(`${base}/forward?u=${encodeURIComponent(upstream)}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    headers: { 'content-type': 'application/json' },
    ...init,
  });
}

function rewrite(format: string, upstream: string, body: unknown) {
  return fetch(`${base}/rewrite/${format}/${upstream}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

/** Resolves with the last UpstreamResult once the server has recorded it. */
async function lastResult(count: number): Promise<UpstreamResult> {
  for (let i = 0; i < 200 && results.length < count; i++) await new Promise((r) => setTimeout(r, 5));
  const result = results[count - 1];
  if (!result) throw new Error('no result recorded');
  return result;
}

/** Reads an SSE body into its events (`event` name where given, parsed data). */
async function sseEvents(res: Response): Promise<{ event: string | undefined; data: string; at: number }[]> {
  const events: { event: string | undefined; data: string; at: number }[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      events.push({ event, data, at: performance.now() });
      end = buffer.indexOf('\n\n');
    }
  }
  return events;
}

const chat = (content: string, extra: object = {}) => ({
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content },
  ],
  ...extra,
});

describe('OpenAI chat completions', () => {
  it('answers with an echo of the last user message, usage and a chatcmpl id', async () => {
    const before = results.length;
    const res = await forward('https://api.openai.com/v1/chat/completions', chat('Hello there, double'));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    const body = await res.json();
    expect(body.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
    expect(body.object).toBe('chat.completion');
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.choices[0].message).toMatchObject({ role: 'assistant', content: 'Echo: Hello there, double' });
    expect(body.choices[0].finish_reason).toBe('stop');
    // "Be brief.\nHello there, double" = 29 characters → 8 tokens; the 25-character reply → 7.
    expect(body.usage).toMatchObject({ prompt_tokens: 8, completion_tokens: 7, total_tokens: 15 });
    const result = await lastResult(before + 1);
    expect(result).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      response_id: body.id,
      usage: { input_tokens: 8, output_tokens: 7 },
      status: 200,
    });
    // gpt-4o-mini: $0.15 / $0.60 per million tokens.
    expect(result.providerCostUnits).toBe((8n * toUnits('0.15') + 7n * toUnits('0.60')) / 1_000_000n);
  });

  it('streams chunks with the configured gap, a usage chunk with include_usage, then [DONE]', async () => {
    gapMs = 20;
    try {
      const res = await forward(
        'https://api.openai.com/v1/chat/completions',
        chat('one two three four', { stream: true, stream_options: { include_usage: true } }),
      );
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const events = await sseEvents(res);
      expect(events.at(-1)?.data).toBe('[DONE]');
      const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data));
      const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
      expect(text).toBe('Echo: one two three four');
      expect(chunks[0].choices[0].delta.role).toBe('assistant');
      expect(chunks.at(-2).choices[0].finish_reason).toBe('stop');
      expect(chunks.at(-1).choices).toEqual([]);
      expect(chunks.at(-1).usage).toMatchObject({ completion_tokens: 6 });
      expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
      // 5 word chunks + role + finish + usage + DONE: the first to last event spans at least 8 gaps.
      const span = (events.at(-1)?.at ?? 0) - (events[0]?.at ?? 0);
      expect(span).toBeGreaterThanOrEqual(8 * 20 * 0.8);
    } finally {
      gapMs = 0;
    }
  });

  it('stamps every JSON event with its send time when x-lava-double-timestamps is sent', async () => {
    const res = await forward('https://api.openai.com/v1/chat/completions', chat('stamp me', { stream: true }), {
      headers: { 'content-type': 'application/json', 'x-lava-double-timestamps': '1' },
    });
    const events = await sseEvents(res);
    const now = performance.timeOrigin + performance.now();
    const stamps = events.slice(0, -1).map((e) => JSON.parse(e.data).lava_double_sent_at);
    expect(stamps.length).toBeGreaterThan(3);
    for (const at of stamps) expect(now - at).toBeGreaterThanOrEqual(0);
    for (const at of stamps) expect(now - at).toBeLessThan(5_000);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    const plain = await sseEvents(
      await forward('https://api.openai.com/v1/chat/completions', chat('plain', { stream: true })),
    );
    expect(plain.slice(0, -1).some((e) => 'lava_double_sent_at' in JSON.parse(e.data))).toBe(false);
  });

  it('streams without a usage chunk when include_usage is not asked for', async () => {
    const res = await forward('https://api.openai.com/v1/chat/completions', chat('hi', { stream: true }));
    const chunks = (await sseEvents(res)).slice(0, -1).map((e) => JSON.parse(e.data));
    expect(chunks.every((c) => c.choices.length === 1 && !('usage' in c))).toBe(true);
  });

  it('cuts the reply at max_tokens with finish_reason length', async () => {
    const res = await forward(
      'https://api.openai.com/v1/chat/completions',
      chat('a rather long sentence to echo back', { max_tokens: 2 }),
    );
    const body = await res.json();
    expect(body.choices[0].message.content).toBe('Echo: a ');
    expect(body.choices[0].finish_reason).toBe('length');
    expect(body.usage.completion_tokens).toBe(2);
  });

  it.each([
    [{ messages: [{ role: 'user', content: 'x' }] }, 'you must provide a model parameter', null, null],
    [{ model: 'gpt-4o' }, "Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter'],
    [chat('x', { temperature: 3 }), expect.stringContaining("'temperature'"), 'temperature', 'decimal_above_max_value'],
    [
      { model: 'gpt-4o', messages: [{ role: 'robot', content: 'x' }] },
      expect.any(String),
      'messages[0].role',
      'invalid_value',
    ],
  ])('refuses a bad body in OpenAI error shape (%#)', async (body, message, param, code) => {
    const res = await forward('https://api.openai.com/v1/chat/completions', body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { message, type: 'invalid_request_error', param, code } });
  });

  it('refuses a body that is not JSON with a 400', async () => {
    const res = await forward('https://api.openai.com/v1/chat/completions', '{not json');
    expect(res.status).toBe(400);
    expect((await res.json()).error.type).toBe('invalid_request_error');
  });

  it('answers an unknown path with OpenAI 404 and an unknown host with a provider-ish 404', async () => {
    const path = await forward('https://api.openai.com/v1/nothing-here', {});
    expect(path.status).toBe(404);
    expect((await path.json()).error).toMatchObject({
      message: 'Invalid URL (POST /v1/nothing-here)',
      code: 'unknown_url',
    });
    const host = await forward('https://api.nowhere.example/v1/chat/completions', chat('x'));
    expect(host.status).toBe(404);
    expect((await host.json()).error.code).toBe('unknown_upstream');
  });

  it('lists models on GET /v1/models', async () => {
    const res = await forward('https://api.openai.com/v1/models');
    const body = await res.json();
    expect(body.object).toBe('list');
    expect(body.data.map((m: { id: string }) => m.id)).toContain('gpt-4o-mini');
  });

  it('answers OpenAI-compatible hosts at their own base path, recorded under their provider name', async () => {
    const before = results.length;
    const res = await forward(
      'https://api.groq.com/openai/v1/chat/completions',
      chat('from groq', { model: 'llama-3.3-70b' }),
    );
    expect((await res.json()).choices[0].message.content).toBe('Echo: from groq');
    expect(await lastResult(before + 1)).toMatchObject({ provider: 'groq', model: 'llama-3.3-70b' });
    const gemini = await forward(
      'https://generativelanguage.googleapis.com/v1beta/openai/chat/completions',
      chat('compat', { model: 'gemini-2.0-flash' }),
    );
    expect((await gemini.json()).object).toBe('chat.completion');
  });

  it('fails on purpose with the status a lava-double-error-<status> model names', async () => {
    const res = await forward(
      'https://api.openai.com/v1/chat/completions',
      chat('x', { model: 'lava-double-error-429' }),
    );
    expect(res.status).toBe(429);
    expect((await res.json()).error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' });
  });
});

describe('OpenAI Responses API', () => {
  const body = { model: 'gpt-4o-mini', instructions: 'Be brief.', input: 'Say something' };

  it('answers with an output_text message and usage', async () => {
    const res = await forward('https://api.openai.com/v1/responses', body);
    const json = await res.json();
    expect(json.id).toMatch(/^resp_/);
    expect(json.status).toBe('completed');
    expect(json.output[0].content[0]).toMatchObject({ type: 'output_text', text: 'Echo: Say something' });
    expect(json.usage).toMatchObject({ input_tokens: 6, output_tokens: 5, total_tokens: 11 });
  });

  it('streams typed events ending in response.completed', async () => {
    const events = await sseEvents(await forward('https://api.openai.com/v1/responses', { ...body, stream: true }));
    const types = events.map((e) => e.event);
    expect(types.slice(0, 4)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
    ]);
    expect(types.at(-1)).toBe('response.completed');
    const text = events
      .filter((e) => e.event === 'response.output_text.delta')
      .map((e) => JSON.parse(e.data).delta)
      .join('');
    expect(text).toBe('Echo: Say something');
    const sequence = events.map((e) => JSON.parse(e.data).sequence_number);
    expect(sequence).toEqual(sequence.map((_, i) => i));
    expect(JSON.parse(events.at(-1)?.data ?? '{}').response.usage.output_tokens).toBe(5);
  });
});

describe('Anthropic messages', () => {
  const body = {
    model: 'claude-sonnet-4-5',
    max_tokens: 100,
    system: 'Be brief.',
    messages: [{ role: 'user', content: 'Hi Claude' }],
  };

  it('answers a message with text content, end_turn and usage', async () => {
    const before = results.length;
    const res = await forward('https://api.anthropic.com/v1/messages', body);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    const json = await res.json();
    expect(json).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: 'Echo: Hi Claude' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 5, output_tokens: 4 },
    });
    expect(json.id).toMatch(/^msg_01[A-Za-z0-9]{22}$/);
    const result = await lastResult(before + 1);
    expect(result).toMatchObject({
      provider: 'anthropic',
      response_id: json.id,
      usage: { input_tokens: 5, output_tokens: 4 },
    });
    expect(result.providerCostUnits).toBe(providerCost('anthropic', 'claude-sonnet-4-5', 5, 4));
    expect(result.providerCostUnits).toBe((5n * toUnits('3') + 4n * toUnits('15')) / 1_000_000n);
  });

  it('streams message_start … message_stop with text deltas', async () => {
    const events = await sseEvents(await forward('https://api.anthropic.com/v1/messages', { ...body, stream: true }));
    const names = events.map((e) => e.event);
    expect(names.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'ping']);
    expect(names.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(events.every((e) => JSON.parse(e.data).type === e.event)).toBe(true);
    const text = events
      .filter((e) => e.event === 'content_block_delta')
      .map((e) => JSON.parse(e.data).delta.text)
      .join('');
    expect(text).toBe('Echo: Hi Claude');
    const delta = JSON.parse(events.at(-2)?.data ?? '{}');
    expect(delta).toMatchObject({ delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 4 } });
  });

  it('reports stop_sequence when a stop sequence cuts the reply', async () => {
    const res = await forward('https://api.anthropic.com/v1/messages', { ...body, stop_sequences: ['Claude'] });
    const json = await res.json();
    expect(json.content[0].text).toBe('Echo: Hi ');
    expect(json).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'Claude' });
  });

  it.each([
    [{ max_tokens: 5, messages: [] }, 'model: Field required'],
    [{ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'x' }] }, 'max_tokens: Field required'],
    [{ ...body, temperature: 1.5 }, 'temperature: Input should be less than or equal to 1'],
  ])('refuses a bad body in Anthropic error shape (%#)', async (bad, message) => {
    const res = await forward('https://api.anthropic.com/v1/messages', bad);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ type: 'error', error: { type: 'invalid_request_error', message } });
  });

  it('answers an unknown path with Anthropic not_found_error', async () => {
    const res = await forward('https://api.anthropic.com/v1/complete', {});
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ type: 'error', error: { type: 'not_found_error', message: 'Not Found' } });
  });
});

describe('Gemini', () => {
  const url = 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash';
  const body = {
    systemInstruction: { parts: [{ text: 'Be brief.' }] },
    contents: [{ role: 'user', parts: [{ text: 'Hello Gemini' }] }],
    generationConfig: { temperature: 0.5 },
  };

  it('answers generateContent with candidates and usageMetadata; the model comes from the URL', async () => {
    const before = results.length;
    const json = await (await forward(`${url}:generateContent`, body)).json();
    expect(json.candidates[0]).toMatchObject({
      content: { role: 'model', parts: [{ text: 'Echo: Hello Gemini' }] },
      finishReason: 'STOP',
    });
    expect(json.usageMetadata).toMatchObject({ promptTokenCount: 6, candidatesTokenCount: 5, totalTokenCount: 11 });
    expect(json.modelVersion).toBe('gemini-2.0-flash');
    expect(await lastResult(before + 1)).toMatchObject({
      provider: 'google',
      model: 'gemini-2.0-flash',
      response_id: json.responseId,
    });
  });

  it('streams SSE data chunks with alt=sse, the finish reason on the last', async () => {
    const events = await sseEvents(await forward(`${url}:streamGenerateContent?alt=sse`, body));
    const chunks = events.map((e) => JSON.parse(e.data));
    expect(chunks.map((c) => c.candidates[0].content.parts[0].text).join('')).toBe('Echo: Hello Gemini');
    expect(chunks.at(-1).candidates[0].finishReason).toBe('STOP');
    expect(chunks.slice(0, -1).every((c) => !('finishReason' in c.candidates[0]))).toBe(true);
    expect(chunks.at(-1).usageMetadata.candidatesTokenCount).toBe(5);
  });

  it('streams a JSON array without alt=sse', async () => {
    const res = await forward(`${url}:streamGenerateContent`, body);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const chunks = JSON.parse(await res.text());
    expect(
      chunks
        .map(
          (c: { candidates: { content: { parts: { text: string }[] } }[] }) => c.candidates[0]?.content.parts[0]?.text,
        )
        .join(''),
    ).toBe('Echo: Hello Gemini');
  });

  it('refuses empty contents in Google error shape', async () => {
    const res = await forward(`${url}:generateContent`, { contents: [] });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
  });
});

describe('large and cancelled streams', () => {
  it('lava-double-bytes-<N> streams exactly N characters of content', async () => {
    const before = results.length;
    const total = 300_000;
    const res = await forward(
      'https://api.openai.com/v1/chat/completions',
      chat('x', { model: `lava-double-bytes-${total}`, stream: true }),
    );
    const chunks = (await sseEvents(res)).slice(0, -1).map((e) => JSON.parse(e.data));
    const length = chunks.reduce((sum, c) => sum + (c.choices[0]?.delta?.content?.length ?? 0), 0);
    expect(length).toBe(total);
    expect(await lastResult(before + 1)).toMatchObject({ usage: { output_tokens: total / 4 } });
  });

  it('stops writing when the caller aborts, and reports only what was sent', async () => {
    const before = results.length;
    const controller = new AbortController();
    const res = await forward(
      'https://api.anthropic.com/v1/messages',
      {
        model: 'lava-double-bytes-1000000000',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'x' }],
        stream: true,
      },
      { signal: controller.signal },
    );
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let received = 0;
    while (received < 1_000_000) received += (await reader.read()).value?.length ?? 0;
    controller.abort();
    const result = await lastResult(before + 1);
    expect(result.status).toBe(200);
    expect(result.usage.output_tokens).toBeGreaterThan(0);
    // Far less than the 250 M tokens a finished stream would have reported.
    expect(result.usage.output_tokens).toBeLessThan(10_000_000);
  });
});

describe('rewrite', () => {
  it('OpenAI client → Anthropic upstream: OpenAI shape back, Anthropic id, provider and price', async () => {
    const before = results.length;
    const res = await rewrite(
      'openai',
      'api.anthropic.com/v1/messages',
      chat('translate me', { model: 'claude-sonnet-4-5' }),
    );
    const json = await res.json();
    expect(json.object).toBe('chat.completion');
    expect(json.id).toMatch(/^msg_01/);
    expect(json.choices[0]).toMatchObject({
      message: { role: 'assistant', content: 'Echo: translate me' },
      finish_reason: 'stop',
    });
    expect(json.usage).toMatchObject({ prompt_tokens: 6, completion_tokens: 5 });
    const result = await lastResult(before + 1);
    expect(result).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-4-5' });
    expect(result.providerCostUnits).toBe(providerCost('anthropic', 'claude-sonnet-4-5', 6, 5));
  });

  it('strips the suffix the OpenAI SDK appends to a rewrite base URL, with or without a scheme', async () => {
    for (const upstream of [
      'https://api.anthropic.com/v1/messages/chat/completions',
      'api.anthropic.com/v1/messages/chat/completions',
    ]) {
      const res = await rewrite('openai', upstream, chat('suffix', { model: 'claude-sonnet-4-5' }));
      expect(res.status).toBe(200);
      expect((await res.json()).id).toMatch(/^msg_01/);
    }
  });

  it('OpenAI client → Anthropic upstream, streamed: OpenAI chunks, usage and [DONE]', async () => {
    const res = await rewrite(
      'openai',
      'api.anthropic.com/v1/messages',
      chat('stream it', { model: 'claude-sonnet-4-5', stream: true, stream_options: { include_usage: true } }),
    );
    const events = await sseEvents(res);
    expect(events.at(-1)?.data).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data));
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('Echo: stream it');
    expect(chunks.at(-1).usage.completion_tokens).toBe(4);
  });

  it('Anthropic client → OpenAI upstream: Anthropic shape back, max_tokens mapped to max_tokens stop reason', async () => {
    const before = results.length;
    const res = await rewrite('anthropic', 'https://api.openai.com/v1/chat/completions', {
      model: 'gpt-4o-mini',
      max_tokens: 2,
      system: 'Be brief.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'a long enough question' }] }],
    });
    const json = await res.json();
    expect(json).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'Echo: a ' }],
      stop_reason: 'max_tokens',
    });
    expect(json.id).toMatch(/^chatcmpl-/);
    expect(await lastResult(before + 1)).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      usage: { output_tokens: 2 },
    });
  });

  it('Anthropic client → OpenAI upstream, streamed: Anthropic events', async () => {
    const res = await rewrite('anthropic', 'api.openai.com/v1/chat/completions/v1/messages', {
      model: 'gpt-4o',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'hello' }],
      stream: true,
    });
    const events = await sseEvents(res);
    expect(events.at(-1)?.event).toBe('message_stop');
    const text = events
      .filter((e) => e.event === 'content_block_delta')
      .map((e) => JSON.parse(e.data).delta.text)
      .join('');
    expect(text).toBe('Echo: hello');
  });

  it('OpenAI client → Gemini upstream answers in OpenAI shape with Google as provider', async () => {
    const before = results.length;
    const res = await rewrite(
      'openai',
      'generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent',
      chat('to gemini', { model: 'ignored-by-gemini' }),
    );
    expect((await res.json()).choices[0].message.content).toBe('Echo: to gemini');
    expect(await lastResult(before + 1)).toMatchObject({ provider: 'google', model: 'gemini-2.0-flash' });
  });

  it("applies the upstream's rules to the translated body and answers in the client's error shape", async () => {
    const res = await rewrite(
      'openai',
      'api.anthropic.com/v1/messages',
      chat('hot', { model: 'claude-sonnet-4-5', temperature: 1.5 }),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatchObject({
      message: 'temperature: Input should be less than or equal to 1',
      type: 'invalid_request_error',
    });
  });

  it('refuses tool calls and images instead of dropping them', async () => {
    const tools = await rewrite(
      'openai',
      'api.anthropic.com/v1/messages',
      chat('x', { model: 'claude-sonnet-4-5', tools: [{ type: 'function', function: { name: 'f' } }] }),
    );
    expect(tools.status).toBe(400);
    expect((await tools.json()).error.message).toContain('tools');
    const image = await rewrite('anthropic', 'api.openai.com/v1/chat/completions', {
      model: 'gpt-4o',
      max_tokens: 10,
      messages: [
        {
          role: 'user',
          content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AA==' } }],
        },
      ],
    });
    expect(image.status).toBe(400);
    expect(await image.json()).toMatchObject({ type: 'error', error: { message: expect.stringContaining('image') } });
  });

  it('passes a same-shape rewrite through unchanged', async () => {
    const res = await rewrite('anthropic', 'api.anthropic.com/v1/messages', {
      model: 'claude-3-5-haiku',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'same' }],
    });
    const json = await res.json();
    expect(json).toMatchObject({ type: 'message', content: [{ text: 'Echo: same' }] });
    expect(json.id).toMatch(/^msg_01/);
  });

  it('refuses the google and bedrock formats towards another shape, in their own error shape', async () => {
    const google = await rewrite('google', 'api.openai.com/v1/chat/completions', { contents: [] });
    expect(google.status).toBe(400);
    expect((await google.json()).error).toMatchObject({
      status: 'INVALID_ARGUMENT',
      message: expect.stringContaining('google'),
    });
    const bedrock = await rewrite('bedrock', 'api.anthropic.com/v1/messages', {});
    expect(bedrock.status).toBe(400);
    expect(await bedrock.json()).toEqual({ message: expect.stringContaining('bedrock') });
  });

  it('answers 404 in the client shape when the rewrite URL names no completion endpoint', async () => {
    const res = await rewrite('openai', 'api.anthropic.com/v1/files', chat('x'));
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toContain('no completion endpoint');
  });
});
