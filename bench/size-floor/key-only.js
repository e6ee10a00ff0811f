// Size-floor prototype 1 (not product code): config + token with nothing checked but what the
// issue itself requires of the token. It shows the least `{ createConfig, generateForwardToken }`
// can weigh. It lacks, against src/: a printable-key check (a runtime's Headers error would then
// quote the key), typed errors for malformed options, base URL checks and normalisation, the
// env lookup outside Node, keyHint, the error brand and toJSON.
export class LavaError extends Error {
  name = 'LavaError';
}
export class LavaValidationError extends LavaError {
  name = 'LavaValidationError';
  constructor(field, message) {
    super(`Invalid ${field}: ${message}`);
    this.field = field;
  }
}
const check = (ok, field, message) => {
  if (!ok) throw new LavaValidationError(field, message);
};
const SECRET = Symbol.for('@lava/fn.secretKey');
export function createConfig(options = {}) {
  const {
    secretKey = globalThis.process?.env?.LAVA_SECRET_KEY,
    baseUrl,
    timeout = 30_000,
    fetch,
    headers = {},
  } = options;
  check(typeof secretKey === 'string' && secretKey, 'secretKey', 'is required: pass it or set LAVA_SECRET_KEY');
  return Object.freeze({
    baseUrl:
      baseUrl ?? (secretKey.startsWith('aks_test_') ? 'https://sandbox-api.lavapayments.com/' : 'https://api.lava.so/'),
    timeout,
    headers,
    fetch,
    [SECRET]: () => secretKey,
  });
}
export function generateForwardToken(config, options = {}) {
  const { customer_id, meter_slug, provider_key, disable_billing } = options;
  check(customer_id == null || meter_slug != null, 'meter_slug', 'is required with customer_id');
  check(!disable_billing || customer_id != null, 'disable_billing', 'requires customer_id and meter_slug');
  const json = JSON.stringify({ secret_key: config[SECRET](), customer_id, meter_slug, provider_key, disable_billing });
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)));
}
