import { type FetchFunction, type LavaConfig, readSecretKey } from '../config.js';
import { encodeForwardToken, type ForwardTokenOptions } from '../core/forward-token.js';

// The credentials vendor SDKs send their own API key in (OpenAI/Google-compatible, Anthropic,
// Google, ElevenLabs). Lava reads every one of them as its credential, so none may survive.
const SDK_KEY_HEADERS = ['authorization', 'x-api-key', 'x-goog-api-key', 'xi-api-key'];

type Init = RequestInit & { duplex?: 'half' };

/** The raw query without any `key=` parameter (Google's API key), every other byte untouched. */
function withoutKeyParam(search: string): string {
  const kept = search
    .slice(1)
    .split('&')
    .filter((part) => part !== '' && !/^key(=|$)/.test(part));
  return kept.length ? `?${kept.join('&')}` : '';
}

/**
 * A `fetch` for vendor SDKs (OpenAI, Anthropic, the AI SDK, Google…) that sends every request through
 * Lava's gateway: a request aimed at a provider URL goes to `<baseUrl>v1/forward?u=<that URL>`
 * with a forward token built from `tokenOptions` (so the billing mode is the token's); a request
 * already aimed at Lava (a {@link providerUrl} or rewrite base URL) keeps its URL — except that a
 * path an SDK joined in front of a `providerUrl`'s query is moved behind its upstream. Either way the
 * SDK's own key (`Authorization`, `x-api-key`, `x-goog-api-key`, `xi-api-key`, `?key=`) is removed
 * and the token sent instead, so give the SDK any placeholder key. Method, headers, body, streams
 * and `signal` pass through untouched, and the response is the provider's, unchanged.
 *
 * It never retries; vendor SDKs retry failed calls themselves, which can bill an AI call twice —
 * set their `maxRetries: 0` if that matters.
 *
 * @param config - A config from {@link createConfig}: key, base URL, timeout and retries.
 * @param tokenOptions - Who pays: `{ customer_id, meter_slug }`, `{ meter_slug }`, or `{}` (you); plus `provider_key`, `disable_billing`.
 * @throws {LavaValidationError} at creation, for a config not made by `createConfig` or bad `tokenOptions`.
 * @example
 * ```ts
 * import OpenAI from 'openai'
 * const openai = new OpenAI({
 *   apiKey: 'unused',
 *   fetch: createLavaFetch(config, { customer_id: 'con_123', meter_slug: 'chat' }),
 * })
 * const completion = await openai.chat.completions.create({
 *   model: 'gpt-4o-mini',
 *   messages: [{ role: 'user', content: 'Hi' }],
 * })
 * ```
 */
export function createLavaFetch(config: LavaConfig, tokenOptions: ForwardTokenOptions = {}): FetchFunction {
  const bearer = `Bearer ${encodeForwardToken(readSecretKey(config), tokenOptions, 'tokenOptions')}`;
  return async (input, init) => {
    const request =
      typeof input === 'object' && typeof (input as Request).method === 'string' ? (input as Request) : undefined;
    const url = new URL(request ? request.url : String(input));
    const send = config.fetch ?? globalThis.fetch;
    // data:, blob: and the like never reach a provider: nothing to route or authenticate.
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return send(input, init);

    // fetch(request, init): what init gives wins; an `undefined` member means "not given".
    const options: Init = request
      ? {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: request.signal,
          redirect: request.redirect,
        }
      : {};
    for (const [name, value] of Object.entries(init ?? {})) {
      if (value !== undefined) (options as Record<string, unknown>)[name] = value;
    }
    const headers = new Headers(config.headers);
    for (const [name, value] of new Headers(options.headers)) headers.set(name, value);
    for (const name of SDK_KEY_HEADERS) headers.delete(name);
    headers.set('authorization', bearer);
    options.headers = headers;
    // Node's fetch refuses a stream body without it; other runtimes ignore it.
    if (typeof (options.body as ReadableStream | null)?.getReader === 'function') options.duplex = 'half';

    url.search = withoutKeyParam(url.search);
    const forward = `${config.baseUrl}v1/forward`;
    const params = url.searchParams;
    let upstream = url.href;
    if (url.href.startsWith(`${forward}/`) && params.has('u')) {
      // An SDK (openai ≥ 5) joined its path onto a providerUrl base in front of the query
      // (`…/forward/chat/completions?u=…/v1`): the path and the other parameters belong to the upstream.
      const joined = new URL(`${params.get('u')}${url.pathname.slice(new URL(forward).pathname.length)}`);
      params.delete('u');
      for (const [name, value] of params) joined.searchParams.append(name, value);
      upstream = joined.href;
    } else if (url.href.startsWith(config.baseUrl)) return send(url.href, options);
    return send(`${forward}?u=${encodeURIComponent(upstream)}`, options);
  };
}
