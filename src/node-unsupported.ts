// What `@lava/fn/node` resolves to where Node's http server and child processes do not exist
// (workerd, Vercel edge, browsers): the whole main entry, plus stand-ins for the login functions
// that fail with an error naming the alternative instead of a bundler error about `node:http`.

import type { ExchangeAuthCodeOptions, LavaCredentials, LoginOptions } from './auth/types.js';
import { LavaLoginError } from './core/errors.js';

export type { ExchangeAuthCodeOptions, LavaCredentials, LoginOptions } from './auth/types.js';
export { isLavaLoginError, LavaLoginError, type LoginFailure } from './core/errors.js';
export * from './index.js';

function unsupported(name: string): LavaLoginError {
  return new LavaLoginError(
    'unsupported_runtime',
    `${name}() needs Node.js (or Bun or Deno): it runs a local callback server and opens a browser, which this runtime cannot. ` +
      'Here, pass a secret key explicitly instead: createConfig({ secretKey }) with a key from the Lava dashboard or from `npx lava-fn login` run on your machine.',
  );
}

/**
 * Not available on this runtime: always rejects with a {@link LavaLoginError} (`reason:
 * 'unsupported_runtime'`) that says to pass a secret key explicitly.
 *
 * @throws {LavaLoginError} always, with `reason: 'unsupported_runtime'`.
 * @example
 * ```ts
 * // On workerd or the edge, use a key from the environment instead of login():
 * const config = createConfig({ secretKey: env.LAVA_SECRET_KEY })
 * ```
 */
export async function login(_options?: LoginOptions): Promise<LavaCredentials> {
  throw unsupported('login');
}

/**
 * Not available on this runtime: always rejects with a {@link LavaLoginError} (`reason:
 * 'unsupported_runtime'`) that says to pass a secret key explicitly.
 *
 * @throws {LavaLoginError} always, with `reason: 'unsupported_runtime'`.
 * @example
 * ```ts
 * // On workerd or the edge, use a key from the environment instead:
 * const config = createConfig({ secretKey: env.LAVA_SECRET_KEY })
 * ```
 */
export async function exchangeAuthCode(_options: ExchangeAuthCodeOptions): Promise<LavaCredentials> {
  throw unsupported('exchangeAuthCode');
}
