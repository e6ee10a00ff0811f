// The runnable examples, run against the double: each handler or script is called as an
// application would call it (the usage report as a command, through `npx tsx`), and the assertions
// read its real output. `tsc -p examples/tsconfig.json` (a step of `npm test`) type-checks them all.
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAndStream, lavaOpenAIProvider } from '../../examples/ai-sdk.js';
import worker, { type Env } from '../../examples/cloudflare-worker.js';
import { POST } from '../../examples/edge-route.js';
import { startCheckoutServer } from '../../examples/node-checkout-server.js';
import { ask, lavaOpenAI } from '../../examples/openai-sdk.js';
import { createPlan, createRequest, createWebhook, listRequests, type WebhookEvent } from '../../src/index.js';
import { makeCustomer, makeMeter } from '../gateway/fixtures.js';
import { useDouble } from '../helpers.js';

const root = new URL('../../', import.meta.url).pathname;

async function readChunks(response: Response): Promise<string[]> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(decoder.decode(value, { stream: true }));
  }
}

describe('gateway examples', () => {
  const lava = useDouble();
  let meterSlug = '';
  let customerId = '';
  let brokeCustomerId = '';

  beforeAll(async () => {
    const config = lava.config();
    const meter = await makeMeter(config);
    meterSlug = meter.meter_slug;
    customerId = await makeCustomer(config, lava.double, meter.meter_id);
    brokeCustomerId = await makeCustomer(config, lava.double, meter.meter_id, '0.00');
  });

  const callsOf = async (customer: string) =>
    (await listRequests(lava.config(), { customer_id: customer, limit: 100 })).data.length;

  it('cloudflare-worker.ts streams the answer as plain text chunks and bills the customer', async () => {
    const env: Env = {
      LAVA_SECRET_KEY: lava.double.secretKey,
      LAVA_BASE_URL: lava.double.baseUrl,
      LAVA_METER_SLUG: meterSlug,
    };
    const before = await callsOf(customerId);
    const response = await worker.fetch(
      new Request('https://worker.example/', {
        method: 'POST',
        body: JSON.stringify({ prompt: 'Hello from a Worker', customer_id: customerId }),
      }),
      env,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const chunks = await readChunks(response);
    expect(chunks.join('')).toBe('Echo: Hello from a Worker');
    expect(chunks.length).toBeGreaterThan(1);
    expect(await callsOf(customerId)).toBe(before + 1);

    const refused = await worker.fetch(
      new Request('https://worker.example/', {
        method: 'POST',
        body: JSON.stringify({ prompt: 'Hi', customer_id: brokeCustomerId }),
      }),
      env,
    );
    expect(refused.status).toBe(402);
    expect(await refused.text()).toMatch(/^Lava: .*credit/);
  });

  it('cloudflare-worker.ts runs on workerd itself (bundled as wrangler does, no nodejs_compat) and streams', async () => {
    const bundled = await build({
      entryPoints: [`${root}examples/cloudflare-worker.ts`],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['browser', 'module', 'main'],
      alias: { '@lava/fn': `${root}src/index.ts` },
      logLevel: 'silent',
    });
    const miniflare = new Miniflare({
      modules: true,
      script: bundled.outputFiles[0]?.text ?? '',
      compatibilityDate: '2025-09-01',
      bindings: {
        LAVA_SECRET_KEY: lava.double.secretKey,
        LAVA_BASE_URL: lava.double.baseUrl,
        LAVA_METER_SLUG: meterSlug,
      },
    });
    try {
      const response = await miniflare.dispatchFetch('http://worker.local/', {
        method: 'POST',
        body: JSON.stringify({ prompt: 'Hello from workerd', customer_id: customerId }),
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('Echo: Hello from workerd');
    } finally {
      await miniflare.dispose();
    }
  }, 60_000);

  it('edge-route.ts answers a chat turn from the environment config, and 402 when out of credit', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      LAVA_SECRET_KEY: lava.double.secretKey,
      LAVA_BASE_URL: lava.double.baseUrl,
      LAVA_METER_SLUG: meterSlug,
    });
    try {
      const chat = (customer: string) =>
        POST(
          new Request('https://app.example/api/chat', {
            method: 'POST',
            headers: { 'x-customer-id': customer },
            body: JSON.stringify({ message: 'Hello edge' }),
          }),
        );
      const ok = await chat(customerId);
      expect(ok.status).toBe(200);
      const answer = (await ok.json()) as { reply: string; tokens: number };
      expect(answer.reply).toBe('Echo: Hello edge');
      expect(answer.tokens).toBeGreaterThan(0);

      const broke = await chat(brokeCustomerId);
      expect(broke.status).toBe(402);
      expect(await broke.json()).toEqual({ error: 'Out of credit: top up to keep chatting.' });
    } finally {
      process.env = saved;
    }
  });

  it('openai-sdk.ts: the OpenAI SDK through createLavaFetch, plain and streamed', async () => {
    const before = await callsOf(customerId);
    const openai = lavaOpenAI(lava.config(), { customer_id: customerId, meter_slug: meterSlug });
    expect(await ask(openai, 'Hello OpenAI SDK')).toEqual({
      answer: 'Echo: Hello OpenAI SDK',
      streamed: 'Echo: Hello OpenAI SDK',
    });
    expect(await callsOf(customerId)).toBe(before + 2);
  });

  it('ai-sdk.ts: the Vercel AI SDK through createLavaFetch, generateText and streamText', async () => {
    const before = await callsOf(customerId);
    const provider = lavaOpenAIProvider(lava.config(), { customer_id: customerId, meter_slug: meterSlug });
    const result = await generateAndStream(provider, 'Hello AI SDK');
    expect(result.generated).toBe('Echo: Hello AI SDK');
    expect(result.streamed).toBe('Echo: Hello AI SDK');
    expect(result.outputTokens).toBeGreaterThan(0);
    expect(await callsOf(customerId)).toBe(before + 2);
  });
});

describe('node-checkout-server.ts', () => {
  const lava = useDouble();
  let server: Awaited<ReturnType<typeof startCheckoutServer>> | undefined;
  const events: WebhookEvent[] = [];
  let secret = '';

  beforeAll(async () => {
    const config = lava.config();
    const plan = await createPlan(config, { name: 'Pro', period_amount: '20.00', billing_interval: 'month' });
    secret = (await createWebhook(config, { name: 'app', url: 'https://app.example/webhooks' })).webhook_secret;
    server = await startCheckoutServer({
      config,
      webhookSecret: secret,
      planId: plan.plan_id,
      originUrl: 'https://app.example',
      onEvent: (event) => {
        events.push(event);
      },
    });
  });
  afterAll(() => server?.close());

  it('creates a checkout session for the plan and returns its token', async () => {
    const res = await fetch(`${server?.url}/checkout`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(200);
    const { checkout_session_token } = (await res.json()) as { checkout_session_token: string };
    const sessions = [...lava.double.merchant.checkoutSessions.values()];
    expect(sessions.map((s) => s.checkout_session_token)).toContain(checkout_session_token);
  });

  it('accepts a delivery signed with the webhook secret and refuses a forged one', async () => {
    const body = JSON.stringify({
      event: 'customer.created',
      data: {
        customer_id: 'con_from_webhook',
        reference_id: null,
        contact: { phone: '', email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' },
        subscription: null,
        metadata: null,
        created_at: '2026-01-01T00:00:00Z',
      },
    });
    const deliver = (signature: string) =>
      fetch(`${server?.url}/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-webhook-signature': signature },
        body,
      });
    const ok = await deliver(createHmac('sha256', secret).update(body).digest('hex'));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ received: true });
    expect(events).toMatchObject([
      { known: true, event: 'customer.created', data: { customer_id: 'con_from_webhook' } },
    ]);

    const forged = await deliver(createHmac('sha256', 'not-the-secret').update(body).digest('hex'));
    expect(forged.status).toBe(401);
    expect(events).toHaveLength(1);
  });
});

describe('usage-report.ts (run as a command)', () => {
  const lava = useDouble();

  it('prints one line per customer with its request count and tokens, and Lava totals', async () => {
    const config = lava.config();
    const meter = await makeMeter(config);
    const ada = await makeCustomer(config, lava.double, meter.meter_id);
    const alan = await makeCustomer(config, lava.double, meter.meter_id);
    for (const [i, customer] of [ada, ada, ada, alan].entries()) {
      await createRequest(config, {
        request_id: `report-${i}`,
        customer_id: customer,
        meter_slug: meter.meter_slug,
        input_tokens: 1000,
        output_tokens: 500,
      });
    }
    const { stdout } = await promisify(execFile)(
      'node_modules/.bin/tsx',
      ['--tsconfig', 'examples/tsconfig.json', 'examples/usage-report.ts', '1'],
      {
        cwd: root,
        env: { ...process.env, LAVA_SECRET_KEY: lava.double.secretKey, LAVA_BASE_URL: lava.double.baseUrl },
      },
    );
    const line = (customer: string) =>
      stdout
        .split('\n')
        .find((l) => l.startsWith(customer))
        ?.split(/\s+/);
    expect(line(ada)?.slice(1, 3)).toEqual(['3', '4500']);
    expect(line(alan)?.slice(1, 3)).toEqual(['1', '1500']);
    expect(stdout).toContain("Lava's totals: 4 requests, 6000 tokens");
  });
});
