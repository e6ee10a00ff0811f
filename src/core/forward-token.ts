import { ensure } from './errors.js';

/** The billing fields of a forward token (lava-api.md §1.5); the secret key comes from the config. */
export interface ForwardTokenOptions {
  /** The customer whose plan credit pays; requires `meter_slug`. */
  customer_id?: string | null | undefined;
  /** The meter that prices the usage. */
  meter_slug?: string | null | undefined;
  /** Your own provider credential (BYOK): the request is marked `unmanaged`. */
  provider_key?: string | null | undefined;
  /** With `customer_id` + `meter_slug`: track the customer but charge nothing (you pay). */
  disable_billing?: boolean | undefined;
}

/**
 * Internal: checks the billing fields and encodes the token exactly as the official SDK does — the
 * JSON keys in the order `secret_key, customer_id, meter_slug, provider_key, disable_billing`,
 * `undefined` omitted and `null` kept, UTF-8, standard base64.
 */
export function encodeForwardToken(secretKey: string, options: ForwardTokenOptions, argument: string): string {
  ensure(options && typeof options === 'object', argument, 'must be an object');
  const { customer_id, meter_slug, provider_key, disable_billing } = options;
  const ids = { customer_id, meter_slug, provider_key };
  for (const name in ids) {
    const value = ids[name as keyof typeof ids];
    ensure(value == null || (typeof value === 'string' && value), `${argument}.${name}`, 'must be a non-empty string');
  }
  ensure(customer_id == null || meter_slug != null, `${argument}.meter_slug`, 'is required with customer_id');
  ensure(
    disable_billing == null || typeof disable_billing === 'boolean',
    `${argument}.disable_billing`,
    'must be a boolean',
  );
  // customer_id already implies meter_slug here.
  ensure(!disable_billing || customer_id != null, `${argument}.disable_billing`, 'requires customer_id and meter_slug');
  const json = JSON.stringify({ secret_key: secretKey, customer_id, meter_slug, provider_key, disable_billing });
  // btoa reads Latin-1, so only ASCII JSON (the usual case: ids and keys) is its own UTF-8; any
  // other goes through its bytes. Tokens are short: spreading them as arguments stays far below
  // any engine's limit.
  return btoa(/[^\0-\x7f]/.test(json) ? String.fromCharCode(...new TextEncoder().encode(json)) : json);
}
