// The double's gateway routes on their own: URL forms, credentials, metadata and refusals, through
// plain fetch (the SDK always sends one well-formed shape; vendor SDKs and curl send the others).
import { describe, expect, it } from 'vitest';
import { generateForwardToken, providerUrl } from '../../src/index.js';
import { forwardTarget, rewriteTarget } from '../double/routes/gateway.js';
import { useDouble } from '../helpers.js';
import { chatBody, OPENAI_CHAT, recorded } from './fixtures.js';

const ctx = useDouble();

const post = (url: string, headers: Record<string, string>, body: unknown = chatBody('route')) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('forwardTarget (pure)', () => {
  const target = (query: string) => forwardTarget(new URL(`http://lava/v1/forward?${query}`));

  it('reads an encoded u, with other parameters around it', () => {
    const { upstream, params } = target(`metadata=%7B%7D&u=${encodeURIComponent('https://x.test/a?b=1&c=2')}&key=k`);
    expect(upstream).toBe('https://x.test/a?b=1&c=2');
    expect(params.get('key')).toBe('k');
    expect(params.get('metadata')).toBe('{}');
  });

  it("reads a raw u to the end of the query, keeping its own '?' and '&' but not Lava's key/metadata", () => {
    const { upstream, params } = target('u=https://x.test/v1/m:stream?alt=sse&foo=a+b&key=tok%3D&metadata=%7B%7D');
    expect(upstream).toBe('https://x.test/v1/m:stream?alt=sse&foo=a+b');
    expect(params.get('key')).toBe('tok=');
    expect(params.get('metadata')).toBe('{}');
  });

  it('a missing u is a 400', () => {
    expect(() => target('x=1')).toThrow(/Missing query parameter u/);
  });
});

describe('rewriteTarget (pure)', () => {
  it("adds https:// to a scheme-less provider URL and keeps the query minus Lava's key and metadata", () => {
    expect(rewriteTarget('api.anthropic.com/v1/messages', new URLSearchParams('key=t&alt=sse&metadata=%7B%7D'))).toBe(
      'https://api.anthropic.com/v1/messages?alt=sse',
    );
    expect(rewriteTarget('http://127.0.0.1:9/v1/x', new URLSearchParams())).toBe('http://127.0.0.1:9/v1/x');
  });
});

describe('the double gateway', () => {
  it('accepts the bare secret key as bearer (merchant mode)', async () => {
    const res = await post(`${providerUrl(ctx.config(), 'openai')}/chat/completions`, {
      authorization: `Bearer ${ctx.double.secretKey}`,
    });
    expect(res.status).toBe(200);
    expect(recorded(ctx.double).at(-1)).toMatchObject({
      provider_key_type: 'managed',
      endpoint: `POST ${OPENAI_CHAT}`,
    });
  });

  it.each(['x-api-key', 'x-goog-api-key', 'xi-api-key'])('accepts a forward token in %s', async (header) => {
    const res = await post(`${providerUrl(ctx.config(), 'openai')}/chat/completions`, {
      [header]: generateForwardToken(ctx.config()),
    });
    expect(res.status).toBe(200);
  });

  it("401 in Lava's error body without any credential, or with a token for an unknown key", async () => {
    const url = `${providerUrl(ctx.config(), 'openai')}/chat/completions`;
    for (const headers of [
      {},
      { authorization: `Bearer ${btoa('{"secret_key":"aks_test_nope"}')}` },
      { authorization: 'Basic abc' },
    ]) {
      const res = await post(url, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { status: 401, code: 'unauthorized' } });
    }
  });

  it('metadata also comes from the metadata query parameter; bad metadata is a 400', async () => {
    const token = generateForwardToken(ctx.config());
    const url = `${ctx.double.baseUrl}v1/forward?u=${encodeURIComponent(OPENAI_CHAT)}&metadata=${encodeURIComponent('{"run":"q1"}')}`;
    expect((await post(url, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect(recorded(ctx.double).at(-1)?.metadata).toEqual({ run: 'q1' });
    const bad = await post(`${providerUrl(ctx.config(), 'openai')}/chat/completions`, {
      authorization: `Bearer ${token}`,
      'x-lava-metadata': 'not json',
    });
    expect(bad.status).toBe(400);
  });

  it("a forward token's customer_id without meter_slug is refused", async () => {
    const token = btoa(JSON.stringify({ secret_key: ctx.double.secretKey, customer_id: 'con_x' }));
    const res = await post(`${providerUrl(ctx.config(), 'openai')}/chat/completions`, {
      authorization: `Bearer ${token}`,
    });
    expect(res.status).toBe(400);
  });

  it('402 when the merchant wallet is empty for a merchant-paid call, but BYOK still goes through', async () => {
    const merchant = ctx.double.merchant;
    const saved = merchant._wallet_balance;
    merchant._wallet_balance = 0n;
    try {
      const url = `${providerUrl(ctx.config(), 'openai')}/chat/completions`;
      const refused = await post(url, { authorization: `Bearer ${generateForwardToken(ctx.config())}` });
      expect(refused.status).toBe(402);
      const byok = await post(url, {
        authorization: `Bearer ${generateForwardToken(ctx.config(), { provider_key: 'sk-own' })}`,
      });
      expect(byok.status).toBe(200);
    } finally {
      merchant._wallet_balance = saved;
    }
  });

  it("a merchant-paid managed call draws the provider cost from the merchant's wallet", async () => {
    const before = ctx.double.merchant._wallet_balance;
    await post(`${providerUrl(ctx.config(), 'openai')}/chat/completions`, {
      authorization: `Bearer ${generateForwardToken(ctx.config())}`,
    });
    const cost = recorded(ctx.double).at(-1)?.cost ?? '0';
    expect(Number(cost)).toBeGreaterThan(0);
    expect(before - ctx.double.merchant._wallet_balance).toBe(BigInt(Math.round(Number(cost) * 1e10)));
  });
});
