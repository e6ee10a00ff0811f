// Public exports of the browser login, re-exported by the `@lava/fn/node` entry only.

export { isLavaLoginError, LavaLoginError, type LoginFailure } from '../core/errors.js';
export { exchangeAuthCode } from './exchange-auth-code.js';
export { login } from './login.js';
export type { ExchangeAuthCodeOptions, LavaCredentials, LoginOptions } from './types.js';
