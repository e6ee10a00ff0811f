import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createConfig,
  gatewayStream,
  isLavaAbortError,
  isLavaApiError,
  isLavaNetworkError,
  isLavaTimeoutError,
  isLavaValidationError,
  type LavaConfig,
  type SseEvent,
} from '../../src/index.js';
import { type LavaDouble, startLavaDouble } from '../double/index.js';
import { rejectionOf } from '../helpers.js';
import {
  ANTHROPIC_MESSAGES,
  chatBody,
  creditOf,
  eventually,
  makeCustomer,
  makeMeter,
  OPENAI_CHAT,
  recorded,
} from './fixtures.js';

const GAP_MS = 40;
let double: LavaDouble;
let config: LavaConfig;

beforeAll(async () => {
  double = await startLavaDouble({ streamGapMs: GAP_MS });
  config = createConfig({ secretKey: double.secretKey, baseUrl: double.baseUrl });
});
afterAll(() => double.close());

const streamBody = (content: string, extra: Record<string, unknown> = {}) =>
  chatBody(content, { stream: true, ...extra });
const deltaOf = (event: SseEvent) =>
  (event.json as { choices?: { delta?: { content?: string } }[] } | undefined)?.choices?.[0]?.delta?.content ?? '';

describe('gatewayStream()', () => {
  it('OpenAI style: events arrive one by one while the upstream is still writing; [DONE] ends the iteration', async () => {
    const before = recorded(double).length;
    const started = performance.now();
    const stream = await gatewayStream(config, OPENAI_CHAT, { body: streamBody('one two three four five') });
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const arrivals: number[] = [];
    let text = '';
    let recordedAtFirstEvent = -1;
    for await (const event of stream) {
      if (arrivals.length === 0) recordedAtFirstEvent = recorded(double).length - before;
      arrivals.push(performance.now() - started);
      expect(event.event).toBe('message');
      expect(event.data).not.toBe('[DONE]');
      text += deltaOf(event);
    }
    expect(text).toBe('Echo: one two three four five');
    // The upstream records its Request only when it has finished writing: at the first event it had not.
    expect(recordedAtFirstEvent).toBe(0);
    expect(recorded(double).length - before).toBe(1);
    expect(arrivals.length).toBeGreaterThanOrEqual(4);
    const first = arrivals[0] as number;
    const lastAt = arrivals.at(-1) as number;
    expect(lastAt - first).toBeGreaterThanOrEqual(GAP_MS * (arrivals.length - 2));
    // Events are spaced as the upstream wrote them, not delivered in one burst at the end (most gaps
    // stay near the upstream's; a loaded machine may merge an odd pair into one read).
    const gaps = arrivals.slice(1).map((at, i) => at - (arrivals[i] as number));
    expect(gaps.filter((gap) => gap >= GAP_MS / 2).length).toBeGreaterThanOrEqual(Math.ceil(gaps.length / 2));
  });

  it('sends accept: text/event-stream unless the caller chose one, and the same request as gateway()', async () => {
    const stream = await gatewayStream(config, OPENAI_CHAT, { body: streamBody('h') });
    for await (const _ of stream) {
      // drain
    }
    const request = double.requests.at(-1);
    expect(request?.headers.accept).toBe('text/event-stream');
    expect(request?.path).toBe('/v1/forward');
    expect(request?.query.u).toBe(OPENAI_CHAT);
    expect(JSON.parse(request?.body ?? '')).toEqual(streamBody('h'));
  });

  it('Anthropic style: named events (message_start … message_stop)', async () => {
    const stream = await gatewayStream(config, ANTHROPIC_MESSAGES, {
      headers: { 'anthropic-version': '2023-06-01' },
      body: {
        model: 'claude-3-5-haiku-latest',
        max_tokens: 100,
        stream: true,
        messages: [{ role: 'user', content: 'Hi Claude' }],
      },
    });
    const names: string[] = [];
    let text = '';
    for await (const event of stream) {
      names.push(event.event);
      const delta = (event.json as { delta?: { text?: string } }).delta;
      if (event.event === 'content_block_delta') text += delta?.text ?? '';
    }
    expect(names[0]).toBe('message_start');
    expect(names.at(-1)).toBe('message_stop');
    expect(names).toContain('content_block_delta');
    expect(text).toBe('Echo: Hi Claude');
  });

  it('Gemini style: streamGenerateContent?alt=sse', async () => {
    const url =
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse';
    const stream = await gatewayStream(config, url, {
      body: { contents: [{ role: 'user', parts: [{ text: 'Hi Gemini' }] }] },
    });
    let text = '';
    let events = 0;
    for await (const event of stream) {
      events += 1;
      const parts = (event.json as { candidates?: { content?: { parts?: { text?: string }[] } }[] }).candidates?.[0]
        ?.content?.parts;
      text += parts?.map((p) => p.text ?? '').join('') ?? '';
    }
    expect(events).toBeGreaterThan(1);
    expect(text).toBe('Echo: Hi Gemini');
  });

  it('a streamed customer call is billed once the stream ends', async () => {
    const meter = await makeMeter(config);
    const customer = await makeCustomer(config, double, meter.meter_id);
    const before = creditOf(double, customer);
    const stream = await gatewayStream(config, OPENAI_CHAT, {
      customer_id: customer,
      meter_slug: meter.meter_slug,
      body: streamBody('bill the stream', { stream_options: { include_usage: true } }),
    });
    for await (const _ of stream) {
      // drain
    }
    await eventually(() => creditOf(double, customer) < before);
    expect(recorded(double).at(-1)?.customer_id).toBe(customer);
  });

  it('break cancels the upstream body: the double sees the connection close and stops writing', async () => {
    const total = 20_000_000;
    const before = recorded(double).length;
    const stream = await gatewayStream(config, OPENAI_CHAT, {
      body: streamBody('x', { model: `lava-double-bytes-${total}` }),
    });
    let received = 0;
    for await (const event of stream) {
      received += deltaOf(event).length;
      if (received > 0) break;
    }
    // The fake upstream finishes (and records) only when its caller went away, long before 20 MB at one piece per gap.
    await eventually(() => recorded(double).length > before, 2_000);
    const request = recorded(double).at(-1);
    expect(request?.model_usage.output_characters ?? total).toBeLessThan(total / 10);
    expect(stream.response.bodyUsed).toBe(true);
  });

  it('aborting the signal mid-stream throws LavaAbortError from the iteration', async () => {
    const controller = new AbortController();
    const stream = await gatewayStream(config, OPENAI_CHAT, {
      body: streamBody('a b c d e f g h i j k l m n o p'),
      signal: controller.signal,
    });
    let events = 0;
    const error = await rejectionOf(async () => {
      for await (const _ of stream) {
        events += 1;
        if (events === 2) controller.abort();
      }
    });
    expect(isLavaAbortError(error)).toBe(true);
    expect(events).toBe(2);
  });

  it('a connection cut mid-stream is a LavaNetworkError, not a silent end', async () => {
    double.injectFault({ match: { path: '/v1/forward' }, breakStream: { afterEvents: 2, mode: 'reset' } });
    const stream = await gatewayStream(config, OPENAI_CHAT, {
      body: streamBody('cut me off somewhere in the middle please'),
    });
    let events = 0;
    const error = await rejectionOf(async () => {
      for await (const _ of stream) events += 1;
    });
    expect(isLavaNetworkError(error)).toBe(true);
    expect(events).toBe(2);
  });

  it('a body shorter than its Content-Length is a LavaNetworkError too', async () => {
    const body = 'data: {"a":1}\n\ndata: {"a":2}\n\ndata: {"a":3}\n\n';
    double.injectFault({
      match: { path: '/v1/forward' },
      status: 200,
      contentType: 'text/event-stream',
      body,
      truncateAfterBytes: 20,
    });
    const stream = await gatewayStream(config, OPENAI_CHAT, { body: streamBody('x') });
    const seen: unknown[] = [];
    const error = await rejectionOf(async () => {
      for await (const event of stream) seen.push(event.json);
    });
    expect(isLavaNetworkError(error)).toBe(true);
    expect(seen).toEqual([{ a: 1 }]);
  });

  it('a non-2xx before the stream is a LavaApiError with the provider body, raised by gatewayStream itself', async () => {
    const error = await rejectionOf(() =>
      gatewayStream(config, OPENAI_CHAT, { body: streamBody('x', { model: 'lava-double-error-503' }) }),
    );
    expect(isLavaApiError(error) && error.status).toBe(503);
    expect(isLavaApiError(error) && typeof (error.body as { error: object }).error).toBe('object');
  });

  it('a JSON answer (no stream asked for) is a LavaApiError carrying the answer, not an empty iteration', async () => {
    const error = await rejectionOf(() => gatewayStream(config, OPENAI_CHAT, { body: chatBody('no stream flag') }));
    expect(isLavaApiError(error) && error.status).toBe(200);
    expect(isLavaApiError(error) && error.message).toMatch(/expected an event stream/);
    expect(isLavaApiError(error) && (error.body as { object: string }).object).toBe('chat.completion');
  });

  it('the timeout bounds the wait for the headers and each silence, not the whole stream', async () => {
    const timeout = 300; // several gaps, so a loaded machine does not trip it
    const started = performance.now();
    const stream = await gatewayStream(config, OPENAI_CHAT, {
      body: streamBody('a slow but steady stream of many small words that takes longer than the timeout'),
      timeout,
    });
    let events = 0;
    for await (const _ of stream) events += 1;
    expect(events).toBeGreaterThan(10);
    expect(performance.now() - started).toBeGreaterThan(timeout);
  });

  it('a stream that stalls mid-way times out with LavaTimeoutError', async () => {
    double.injectFault({ match: { path: '/v1/forward' }, breakStream: { afterEvents: 1, mode: 'stall' } });
    const stream = await gatewayStream(config, OPENAI_CHAT, { body: streamBody('stall after one'), timeout: 150 });
    let events = 0;
    const error = await rejectionOf(async () => {
      for await (const _ of stream) events += 1;
    });
    expect(isLavaTimeoutError(error)).toBe(true);
    expect(events).toBe(1);
  });

  it('validates like gateway() and sends nothing', async () => {
    double.resetRequests();
    const error = await rejectionOf(() => gatewayStream(config, OPENAI_CHAT, { customer_id: 'con_1' }));
    expect(isLavaValidationError(error) && error.field).toBe('options.meter_slug');
    expect(double.requestCount()).toBe(0);
  });
});
