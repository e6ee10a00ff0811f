import type { LavaConfig } from '../config.js';
import { apiErrorFromBody } from '../core/errors.js';
import { type GatewayOptions, sendGateway } from './send.js';
import { createSseParser, type SseEvent } from './sse.js';

/** A streamed gateway answer: iterate it for the events, or read `response` yourself (not both). */
export interface GatewayStream<T = unknown> extends AsyncIterable<SseEvent<T>> {
  /** The raw response (status, headers; its body is what the iteration reads). */
  readonly response: Response;
}

/**
 * Sends a streaming request through Lava's gateway (same options as `gateway()`) and yields the
 * provider's Server-Sent Events as their bytes arrive. Ask the provider for a stream as usual:
 * `stream: true` in the body (OpenAI, Anthropic) or `:streamGenerateContent?alt=sse` (Gemini).
 * OpenAI's `data: [DONE]` ends the iteration. `break` (or aborting `signal`) cancels the upstream
 * body; a connection cut mid-stream throws `LavaNetworkError`. `timeout` bounds the wait for the
 * response headers and then each wait for the next chunk (a stalled stream throws
 * `LavaTimeoutError`; time you spend between events does not count). Never retried.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param url - The provider URL to call (e.g. `https://api.openai.com/v1/chat/completions`), not a Lava URL.
 * @param options - Who pays (`customer_id`, `meter_slug`, `provider_key`, `disable_billing`), the request (`method`, `headers`, `body`, `format`), and `signal`, `timeout`.
 * @throws {LavaApiError} when the answer is not a 2xx, or is JSON instead of a stream (before any event).
 * @example
 * ```ts
 * const stream = await gatewayStream(config, 'https://api.openai.com/v1/chat/completions', {
 *   customer_id: 'con_123',
 *   meter_slug: 'chat',
 *   body: { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Hi' }] },
 * })
 * for await (const { json } of stream) process.stdout.write(json?.choices[0]?.delta?.content ?? '')
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: the default lets `json?.choices` read without a cast.
export async function gatewayStream<T = any>(
  config: LavaConfig,
  url: string,
  options: GatewayOptions = {},
): Promise<GatewayStream<T>> {
  const { response, target, text, fail, within, done } = await sendGateway(config, url, options, false);
  // A JSON answer means the request did not ask for a stream: say so rather than yield nothing.
  if (/json/.test(response.headers.get('content-type') ?? '')) {
    const message = 'expected an event stream, got JSON: ask the provider for a stream (stream: true, alt=sse)';
    // Read under the timeout too: a JSON body that stalls must not hang the call.
    throw apiErrorFromBody(target, response.status, message, await within(text()), response.headers);
  }
  async function* events(): AsyncGenerator<SseEvent<T>> {
    const body = response.body;
    if (!body) return done();
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parse = createSseParser();
    let finished = false;
    try {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await within(reader.read());
        } catch (error) {
          finished = true;
          throw fail(error);
        }
        if (chunk.done) {
          // A last event without its blank line is incomplete and dropped, as the SSE rules say.
          finished = true;
          return;
        }
        for (const event of parse(decoder.decode(chunk.value, { stream: true }))) {
          if (event.data === '[DONE]') {
            // Let the provider finish its answer (and Lava record it) rather than cut it short.
            finished = true;
            try {
              while (!(await within(reader.read())).done) {}
            } catch {}
            return;
          }
          yield event as SseEvent<T>;
        }
      }
    } finally {
      done();
      if (!finished) await reader.cancel().catch(() => {});
    }
  }
  return { response, [Symbol.asyncIterator]: events };
}
