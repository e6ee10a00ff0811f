// The browser login's two halves (lava-api.md §4): the Lava *app* page a person sees
// (`/auth/connect`, with an Authorize button for the signed-in merchant) and the *API* endpoint that
// redeems the one-time code (`POST /v1/auth/callback`). Plus a double-only control to age codes,
// so the 60-second expiry is tested without waiting a minute.
import type { ServerResponse } from 'node:http';
import { DoubleError, objectBody, type Route, type RouteContext } from '../http.js';
import { type DoubleState, type Merchant, newId, newSecret } from '../state.js';

/** Codes are single-use and expire after 60 s [docs]. */
export const AUTH_CODE_TTL_MS = 60_000;

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

function sendPage(res: ServerResponse, status: number, title: string, body: string) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
  });
  res.end(html);
}

function signedInMerchant(state: DoubleState): Merchant {
  const chosen = state.signedInMerchantId ? state.merchants.get(state.signedInMerchantId) : undefined;
  const merchant = chosen ?? state.merchants.values().next().value;
  if (!merchant) throw new DoubleError(500, 'double has no merchant to sign in');
  return merchant;
}

/** The state and port the CLI put in the URL (or the form), or undefined when either is unusable. */
function readHandOff(params: URLSearchParams): { state: string; port: number } | undefined {
  const state = params.get('state') ?? '';
  const port = Number(params.get('port'));
  if (state === '' || state.length > 512 || !Number.isInteger(port) || port < 1 || port > 65_535) return undefined;
  return { state, port };
}

function connectPage(ctx: RouteContext): undefined {
  const handOff = readHandOff(ctx.query);
  if (!handOff) {
    sendPage(ctx.res, 400, 'Invalid login link', '<p>The link needs a state and a port.</p>');
    return undefined;
  }
  const merchant = signedInMerchant(ctx.state);
  const hidden = `<input type="hidden" name="state" value="${escapeHtml(handOff.state)}"><input type="hidden" name="port" value="${handOff.port}">`;
  sendPage(
    ctx.res,
    200,
    'Authorize @lava/fn',
    `<p>Signed in as merchant <code id="merchant">${escapeHtml(merchant.merchant_id)}</code>.</p>` +
      `<p>A program on this computer asks for your Lava secret key.</p>` +
      `<form method="post" action="/auth/connect">${hidden}` +
      `<button type="submit" name="decision" value="allow" id="authorize">Authorize</button> ` +
      `<button type="submit" name="decision" value="deny" id="deny">Deny</button></form>`,
  );
  return undefined;
}

function decide(ctx: RouteContext): undefined {
  const form = new URLSearchParams(ctx.rawBody.toString('utf8'));
  const handOff = readHandOff(form);
  if (!handOff) {
    sendPage(ctx.res, 400, 'Invalid login form', '<p>The form needs a state and a port.</p>');
    return undefined;
  }
  const callback = new URL(`http://127.0.0.1:${handOff.port}/callback`);
  if (form.get('decision') === 'allow') {
    const code = newSecret('lac_', 16);
    const merchant = signedInMerchant(ctx.state);
    ctx.state.authCodes.set(code, { merchant_id: merchant.merchant_id, issued_at: Date.now(), used: false });
    callback.searchParams.set('code', code);
  } else {
    callback.searchParams.set('error', 'access_denied');
  }
  callback.searchParams.set('state', handOff.state);
  ctx.res.writeHead(303, { location: callback.href, 'content-length': 0, 'cache-control': 'no-store' });
  ctx.res.end();
  return undefined;
}

function redeem(ctx: RouteContext) {
  const body = objectBody(ctx);
  const code = body.code;
  if (typeof code !== 'string' || code === '') throw new DoubleError(400, 'code is required');
  const record = ctx.state.authCodes.get(code);
  // The code is never echoed: it is a credential until it is spent.
  if (!record || record.used)
    throw new DoubleError(400, 'Authorization code is invalid or already used', 'invalid_code');
  record.used = true;
  if (Date.now() - record.issued_at > AUTH_CODE_TTL_MS) {
    throw new DoubleError(400, 'Authorization code expired', 'expired_code');
  }
  const merchant = ctx.state.merchants.get(record.merchant_id);
  if (!merchant) throw new DoubleError(400, 'Authorization code is invalid or already used', 'invalid_code');
  // The merchant's active secret key (the oldest one still active), or a new one when all are revoked.
  let active = [...merchant.secretKeys.values()].find((key) => !key._deleted);
  if (!active) active = ctx.state.issueSecretKey(merchant, 'Login');
  let walletKey = merchant.walletKeys[0];
  if (!walletKey) {
    walletKey = { wallet_key_id: newId('wk_'), wallet_key: newSecret('lava_wk_') };
    merchant.walletKeys.push(walletKey);
  }
  return {
    json: {
      wallet_id: merchant.wallet_id,
      secret_key_id: active.secret_key_id,
      secret_key: active._key,
      merchant_id: merchant.merchant_id,
      account_id: merchant.account_id,
      wallet_key_id: walletKey.wallet_key_id,
      wallet_key: walletKey.wallet_key,
    },
  };
}

/** Double-only: moves every outstanding code `ms` milliseconds into the past. */
function ageCodes(ctx: RouteContext) {
  const ms = objectBody(ctx).ms;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new DoubleError(400, 'ms must be a number ≥ 0');
  let aged = 0;
  for (const record of ctx.state.authCodes.values()) {
    if (record.used) continue;
    record.issued_at -= ms;
    aged++;
  }
  return { json: { aged } };
}

export const routes: Route[] = [
  { method: 'GET', pattern: '/auth/connect', auth: 'none', handler: connectPage },
  { method: 'POST', pattern: '/auth/connect', auth: 'none', handler: decide },
  { method: 'POST', pattern: 'auth/callback', auth: 'none', handler: redeem },
  { method: 'POST', pattern: '/__double/auth/age-codes', auth: 'none', handler: ageCodes },
];
