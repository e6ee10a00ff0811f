// A Node server for a subscription product: `POST /checkout` creates a Lava checkout session for a
// plan and returns the token your front end opens (`@lavapayments/checkout`); `POST /webhooks`
// verifies Lava's deliveries with the handler of `webhook-handler.ts` and records each event.
//
//   LAVA_SECRET_KEY=aks_test_… LAVA_WEBHOOK_SECRET=… LAVA_PLAN_ID=… \
//     npx tsx --tsconfig examples/tsconfig.json examples/node-checkout-server.ts
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createCheckoutSession, createConfig, isLavaApiError, type LavaConfig, type WebhookEvent } from '@lava/fn';
import { createWebhookHandler } from './webhook-handler.js';

export interface CheckoutServerOptions {
  config: LavaConfig;
  /** The `webhook_secret` that `createWebhook` returned. */
  webhookSecret: string;
  /** The plan new customers subscribe to. */
  planId: string;
  /** Where the checkout is embedded; must be the origin of the page that opens it. */
  originUrl: string;
  /** Called once per verified delivery. */
  onEvent?: (event: WebhookEvent) => void | Promise<void>;
  port?: number;
}

/** Starts the server on 127.0.0.1; resolves with its URL and a `close()`. */
export async function startCheckoutServer(
  options: CheckoutServerOptions,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const webhooks = createWebhookHandler(options.webhookSecret, async (event) => {
    console.log(`webhook ${event.event}${event.known ? '' : ' (not a documented event)'}`);
    await options.onEvent?.(event);
  });

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end('Internal error');
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && url.pathname === '/checkout') {
      // A returning customer sends its Lava id to subscribe again; a new one sends nothing.
      const { customer_id } = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { customer_id?: string };
      try {
        const session = await createCheckoutSession(options.config, {
          checkout_mode: 'subscription',
          plan_id: options.planId,
          origin_url: options.originUrl,
          ...(customer_id !== undefined && { customer_id }),
        });
        return send(res, 200, { checkout_session_token: session.checkout_session_token });
      } catch (error) {
        if (isLavaApiError(error)) return send(res, error.status === 404 ? 404 : 502, { error: error.message });
        throw error;
      }
    }
    if (url.pathname === '/webhooks') {
      // The webhook handler is a fetch handler: hand it a `Request` with the raw bytes.
      const body = req.method === 'POST' ? await readBody(req) : undefined;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const answer = await webhooks(
        new Request(url, { method: req.method ?? 'GET', headers, ...(body && { body: new Uint8Array(body) }) }),
      );
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      return void res.end(Buffer.from(await answer.arrayBuffer()));
    }
    send(res, 404, { error: 'not found' });
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = process.env;
  const { url } = await startCheckoutServer({
    config: createConfig(),
    webhookSecret: env.LAVA_WEBHOOK_SECRET ?? '',
    planId: env.LAVA_PLAN_ID ?? '',
    originUrl: env.ORIGIN_URL ?? 'http://localhost:3000',
    port: Number(env.PORT ?? 8787),
  });
  console.log(`listening on ${url}: POST /checkout, POST /webhooks`);
}
