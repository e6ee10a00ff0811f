import { PRODUCTION_BASE_URL, SANDBOX_BASE_URL } from '../config.js';
import { LavaValidationError } from '../core/errors.js';

/** The Lava web app `login()` opens unless told otherwise. */
export const DEFAULT_APP_URL = 'https://www.lava.so';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function invalid(field: string, message: string): LavaValidationError {
  return new LavaValidationError([{ field, message }]);
}

/** Parses an absolute http(s) URL without credentials, query or fragment, or names `field` in the error. */
export function parseHttpUrl(raw: unknown, field: string): URL {
  if (typeof raw !== 'string' || raw === '') throw invalid(field, 'must be an absolute http(s) URL');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(field, 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(field, 'must be an absolute http(s) URL');
  if (url.username || url.password || url.search || url.hash) {
    throw invalid(field, 'must not contain credentials, a query or a fragment');
  }
  return url;
}

/**
 * The API root (with a trailing slash, without `v1/`) for a user-given API base: the root and the
 * official SDK's `…/v1/` form mean the same API, as in `createConfig`.
 */
export function normaliseApiBase(raw: unknown, field: string): string {
  const url = parseHttpUrl(raw, field);
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
  return `${url.origin}${path}/`;
}

/**
 * Which API redeems codes issued by a given app: a loopback app (a local Lava or the double) serves
 * its API on the same origin; an app host containing `sandbox` pairs with the sandbox API; every
 * other app with production. The same rule as the official SDK's login.
 */
export function apiBaseForApp(app: URL): string {
  if (LOOPBACK_HOSTS.has(app.hostname)) return `${app.origin}/`;
  if (app.hostname.includes('sandbox')) return SANDBOX_BASE_URL;
  return PRODUCTION_BASE_URL;
}
