// Types of the login flow. No runtime code and no Node types here, so the non-Node stand-in
// (src/node-unsupported.ts) can declare the very same signatures.
import type { FetchFunction } from '../config.js';

/**
 * What `POST /v1/auth/callback` returns for a redeemed code: the merchant's active secret key and
 * the ids around it. The official SDK 11.2.0 types the first five; a documented revision of the
 * endpoint also returns a wallet key and omits `account_id`, so those three may be absent.
 * Unknown fields Lava adds are kept.
 */
export interface LavaCredentials {
  /** The merchant secret key (`aks_live_…` / `aks_test_…`); pass it to `createConfig({ secretKey })`. */
  readonly secret_key: string;
  readonly secret_key_id: string;
  readonly merchant_id: string;
  readonly wallet_id: string;
  readonly account_id?: string;
  /** A wallet key (`lava_wk_…`) when Lava returns one. */
  readonly wallet_key_id?: string;
  readonly wallet_key?: string;
}

/** Options of `exchangeAuthCode()`. */
export interface ExchangeAuthCodeOptions {
  /** The one-time code the Lava app sent to the loopback callback. Single use, valid for 60 s. */
  code: string;
  /** Lava's API root (`https://api.lava.so/` or the official SDK's `…/v1/` form). Default: production. */
  baseUrl?: string;
  /** The `fetch` to use. Default: the global `fetch`. */
  fetch?: FetchFunction;
  /** Aborts the exchange. */
  signal?: AbortSignal;
  /** Milliseconds to wait for Lava's answer. Default 30 000. */
  timeout?: number;
}

/** Options of `login()`. Every field is optional. */
export interface LoginOptions {
  /** The Lava web app that authorises the login. Default `https://www.lava.so`. */
  baseUrl?: string;
  /**
   * Lava's API root for the code exchange. Default: follows `baseUrl` — a `localhost`/`127.0.0.1`
   * app means the same origin, an app host containing `sandbox` the sandbox API, else production.
   */
  apiBaseUrl?: string;
  /** Milliseconds to wait for the browser to come back. Default 120 000. */
  timeoutMs?: number;
  /** Cancels the login: the loopback server closes and `login()` rejects with reason `aborted`. */
  signal?: AbortSignal;
  /**
   * Shows the authorisation page to the user. Default: the platform's opener (`open`, `explorer`,
   * `xdg-open`) started with `execFile`, never through a shell. A rejection ends the login.
   */
  openBrowser?: (url: string) => void | Promise<void>;
  /** The `fetch` used for the code exchange. Default: the global `fetch`. */
  fetch?: FetchFunction;
}
