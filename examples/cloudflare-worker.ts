// A Cloudflare Worker that streams a model's answer to the browser as it is generated, billed to
// the customer through Lava's gateway. `POST /` with `{"prompt": "…", "customer_id": "con_…"}`
// answers `text/plain` chunks as they arrive. The key lives in the Worker's secrets
// (`wrangler secret put LAVA_SECRET_KEY`); no `nodejs_compat` flag is needed.
import { createConfig, type GatewayStream, gatewayStream, isLavaApiError, isLavaValidationError } from '@lava/fn';

export interface Env {
  LAVA_SECRET_KEY: string;
  /** Optional: another Lava API root, e.g. a local double in tests. */
  LAVA_BASE_URL?: string;
  /** The meter that prices these calls. */
  LAVA_METER_SLUG: string;
}

/** The chunk shape of OpenAI's streamed chat completions, as far as this Worker reads it. */
interface ChatChunk {
  choices: { delta: { content?: string } }[];
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method !== 'POST') return new Response('POST a JSON prompt', { status: 405 });
    const { prompt, customer_id } = (await request.json()) as { prompt?: string; customer_id?: string };
    if (!prompt || !customer_id) return new Response('prompt and customer_id are required', { status: 400 });

    const config = createConfig({
      secretKey: env.LAVA_SECRET_KEY,
      ...(env.LAVA_BASE_URL && { baseUrl: env.LAVA_BASE_URL }),
    });
    let stream: GatewayStream<ChatChunk>;
    try {
      stream = await gatewayStream<ChatChunk>(config, 'https://api.openai.com/v1/chat/completions', {
        customer_id,
        meter_slug: env.LAVA_METER_SLUG,
        body: { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: prompt }] },
        // The client going away cancels the upstream call (and stops the billing of more tokens).
        signal: request.signal,
      });
    } catch (error) {
      // Lava refused before streaming (no credit: 402, unknown customer: 404, …): say so plainly.
      if (isLavaApiError(error)) return new Response(`Lava: ${error.message}`, { status: error.status });
      if (isLavaValidationError(error)) return new Response(`Bad request: ${error.field}`, { status: 400 });
      throw error;
    }

    const encoder = new TextEncoder();
    const events = stream[Symbol.asyncIterator]();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        // Forward the next piece of text the moment it arrives; events without text (the role,
        // the finish reason) are skipped, since a pull that enqueues nothing is not called again.
        for (;;) {
          const next = await events.next();
          if (next.done) return controller.close();
          const text = next.value.json?.choices[0]?.delta.content;
          if (text) return controller.enqueue(encoder.encode(text));
        }
      },
      async cancel() {
        await events.return?.();
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
  },
};
