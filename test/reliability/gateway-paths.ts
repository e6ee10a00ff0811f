// The gateway's rows of the fault matrix: `gateway()` and `gatewayStream()` through the double's
// forward endpoint and its fake OpenAI. Every gateway call is sent exactly once, whatever happens.
import { gateway, gatewayStream, type LavaConfig } from '../../src/index.js';
import { type Expectation, type FaultCase, LARGE_BYTES, type PathCase } from './matrix.js';

const OPENAI_CHAT = 'https://api.openai.com/v1/chat/completions';
const FORWARD = { method: 'POST', path: '/v1/forward' };
const chat = (stream: boolean) => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Say hello' }],
  ...(stream ? { stream: true } : {}),
});

function fail(message: string): never {
  throw new Error(message);
}

const isCompletion = (value: unknown) => {
  const choices = (value as { choices?: unknown }).choices;
  if (!Array.isArray(choices) || choices.length === 0) fail(`not a chat completion: ${JSON.stringify(value)}`);
};

/** Reads a whole stream into its events, as a caller's `for await` would. */
async function drain(config: LavaConfig, signal?: AbortSignal): Promise<unknown[]> {
  const stream = await gatewayStream(config, OPENAI_CHAT, { body: chat(true), ...(signal ? { signal } : {}) });
  const events: unknown[] = [];
  for await (const event of stream) events.push(event.json);
  return events;
}

const someChunks = (events: unknown) => {
  const list = events as { object?: string }[];
  if (list.length < 2 || !list.every((e) => e?.object === 'chat.completion.chunk')) {
    fail(`expected chat.completion.chunk events, got ${JSON.stringify(list).slice(0, 200)}`);
  }
};

/** One large SSE chunk event, then [DONE]. */
function largeSse(size: number): string {
  const chunk = { object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'x'.repeat(size) } }] };
  return `data: ${JSON.stringify(chunk)}\n\ndata: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`;
}

const apiError = (status: number): Expectation => ({ error: 'LavaApiError', status, requests: 1, maxMs: 1_500 });
const value = (check: (v: unknown) => void, maxMs = 1_500): Expectation => ({ value: check, requests: 1, maxMs });

export const GATEWAY_PATHS: PathCase[] = [
  {
    name: 'gateway()',
    retry: 'once',
    async setup() {
      return {
        match: FORWARD,
        call: (c, signal) => gateway(c, OPENAI_CHAT, { body: chat(false), ...(signal ? { signal } : {}) }),
        isAnswer: isCompletion,
        successBody: (size) =>
          JSON.stringify({
            id: 'chatcmpl-large',
            object: 'chat.completion',
            choices: [{ index: 0, message: { role: 'assistant', content: 'x'.repeat(size) }, finish_reason: 'stop' }],
          }),
      };
    },
    overrides: {
      // gateway() documents an empty answer as `null` (a provider may legitimately send none).
      '200 with an empty body': { value: (v) => v === null || fail('expected null'), requests: 1, maxMs: 1_000 },
      '204 No Content': { value: (v) => v === null || fail('expected null'), requests: 1, maxMs: 1_000 },
    },
  },
  {
    name: 'gatewayStream()',
    retry: 'once',
    stream: true,
    async setup() {
      return {
        match: FORWARD,
        call: (c, signal) => drain(c, signal),
        isAnswer: someChunks,
        successBody: (size) => largeSse(size),
        successType: 'text/event-stream',
      };
    },
    overrides: {
      // A JSON answer to a stream call (the provider was not asked for a stream, or a proxy answered)
      // is a LavaApiError with that answer, never an empty iteration.
      '200 with malformed JSON': apiError(200),
      '200 with an empty body': apiError(200),
      '204 No Content': apiError(204),
      'a very large body (4 MiB of JSON)': value((events) => {
        const size = JSON.stringify(events).length;
        if (size < LARGE_BYTES) fail(`the large stream came back with ${size} characters`);
      }, 8_000),
    },
  },
];

/** Faults in the middle of a stream: the double routes the call, then breaks it after two events. */
export const STREAM_FAULTS: FaultCase[] = [
  {
    name: 'a JSON answer (not a stream) that stalls mid-way',
    timeout: 300,
    fault: (c) => ({
      match: c.match,
      status: 200,
      body: '{"choices":[{"index":0}]}',
      stallAfterBytes: 5,
      times: 1_000,
    }),
    idempotent: { error: 'LavaTimeoutError', requests: 1, minMs: 280, maxMs: 1_500 },
    once: { error: 'LavaTimeoutError', requests: 1, minMs: 280, maxMs: 1_500 },
  },
  {
    name: 'stream reset after 2 events',
    fault: (c) => ({ match: c.match, breakStream: { afterEvents: 2, mode: 'reset' }, times: 1_000 }),
    idempotent: { error: 'LavaNetworkError', requests: 1, maxMs: 1_500 },
    once: { error: 'LavaNetworkError', requests: 1, maxMs: 1_500 },
  },
  {
    name: 'stream stalled after 2 events',
    timeout: 300,
    fault: (c) => ({ match: c.match, breakStream: { afterEvents: 2, mode: 'stall' }, times: 1_000 }),
    // The stream's timeout is an idle timeout: no byte for `timeout` ms ends it.
    idempotent: { error: 'LavaTimeoutError', requests: 1, minMs: 280, maxMs: 1_500 },
    once: { error: 'LavaTimeoutError', requests: 1, minMs: 280, maxMs: 1_500 },
  },
];
