// The double's login pages and code exchange on their own (the login tests use them end to end).
import { describe, expect, it } from 'vitest';
import { useDouble } from '../helpers.js';

const lava = useDouble();
const at = (path: string) => new URL(path, lava.double.baseUrl);
const post = (path: string, body: unknown, type = 'application/json') =>
  fetch(at(path), {
    method: 'POST',
    headers: { 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    redirect: 'manual',
  });

describe('double: /auth/connect and POST /v1/auth/callback', () => {
  it('the connect page needs a state and a valid port, and escapes what it echoes', async () => {
    for (const query of ['', '?state=s', '?port=80', '?state=s&port=0', '?state=s&port=70000', '?state=s&port=1.5']) {
      expect((await fetch(at(`/auth/connect${query}`))).status).toBe(400);
    }
    const evil = encodeURIComponent('"><script>alert(1)</script>');
    const page = await fetch(at(`/auth/connect?state=${evil}&port=4000`));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
    expect(html).toContain(lava.double.merchant.merchant_id);
  });

  it('Authorize redirects to the loopback callback with a code and the state; the code redeems once', async () => {
    const form = new URLSearchParams({ state: 'st', port: '4321', decision: 'allow' }).toString();
    const redirect = await post('/auth/connect', form, 'application/x-www-form-urlencoded');
    expect(redirect.status).toBe(303);
    const location = new URL(redirect.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe('http://127.0.0.1:4321/callback');
    expect(location.searchParams.get('state')).toBe('st');
    const code = location.searchParams.get('code') ?? '';
    expect(code).toMatch(/^lac_[0-9a-f]{32}$/);

    const first = await post('/v1/auth/callback', { code });
    expect(first.status).toBe(200);
    const credentials = (await first.json()) as Record<string, string>;
    expect(Object.keys(credentials).sort()).toEqual(
      ['account_id', 'merchant_id', 'secret_key', 'secret_key_id', 'wallet_id', 'wallet_key', 'wallet_key_id'].sort(),
    );
    expect(credentials.secret_key).toBe(lava.double.secretKey);
    const replay = await post('/v1/auth/callback', { code });
    expect(replay.status).toBe(400);
    const body = (await replay.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_code');
    expect(body.error.message).not.toContain(code);
  });

  it('Deny redirects with error=access_denied and no code', async () => {
    const form = new URLSearchParams({ state: 'st', port: '4321', decision: 'deny' }).toString();
    const location = new URL(
      (await post('/auth/connect', form, 'application/x-www-form-urlencoded')).headers.get('location') ?? '',
    );
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('auth/callback needs no Authorization but a code; age-codes validates its input', async () => {
    expect((await post('/v1/auth/callback', {})).status).toBe(400);
    expect((await post('/v1/auth/callback', { code: 'lac_nope' })).status).toBe(400);
    expect((await post('/__double/auth/age-codes', { ms: -1 })).status).toBe(400);
    expect((await post('/__double/auth/age-codes', { ms: 'soon' })).status).toBe(400);
  });
});
