// Size-floor prototype 2 (not product code): prototype 1 plus what the brief's standards ask of
// any input: a typed error naming the field for a malformed option, a key that cannot leak through
// a runtime's own error (printable ASCII only), errors recognised across bundles (a registered
// brand) and serialisable with their message. Still lacking against src/: base URL checks and
// normalisation, timeout/retry/fetch/headers checks, the env lookup outside Node, keyHint.
const BRAND = Symbol.for('@lava/fn.error');
export class LavaError extends Error {
  name = 'LavaError';
  get [BRAND]() {
    return this.name;
  }
  toJSON() {
    return { ...this, message: this.message };
  }
}
export class LavaValidationError extends LavaError {
  name = 'LavaValidationError';
  constructor(issues) {
    const { field, message } = issues[0];
    super(`Invalid ${field}: ${message}`);
    Object.assign(this, { field, issues });
  }
}
const check = (ok, field, message) => {
  if (!ok) throw new LavaValidationError([{ field, message }]);
};
const SECRET = Symbol.for('@lava/fn.secretKey');
const readEnv = (name) => {
  try {
    return globalThis.process?.env?.[name];
  } catch {}
};
export function createConfig(options = {}) {
  check(options && typeof options === 'object', 'options', 'must be an object');
  const { secretKey = readEnv('LAVA_SECRET_KEY'), baseUrl, timeout = 30_000, retry = 2, fetch, headers = {} } = options;
  check(
    typeof secretKey === 'string' && /^[!-~]+$/.test(secretKey),
    'options.secretKey',
    'must be a printable ASCII key: pass it or set LAVA_SECRET_KEY',
  );
  return Object.freeze({
    baseUrl:
      baseUrl ?? (secretKey.startsWith('aks_test_') ? 'https://sandbox-api.lavapayments.com/' : 'https://api.lava.so/'),
    timeout,
    retry,
    headers,
    fetch,
    [SECRET]: () => secretKey,
  });
}
export function generateForwardToken(config, options = {}) {
  const read = config?.[SECRET];
  check(typeof read === 'function', 'config', 'must be made by createConfig()');
  check(options && typeof options === 'object', 'options', 'must be an object');
  const { customer_id, meter_slug, provider_key, disable_billing } = options;
  for (const name of ['customer_id', 'meter_slug', 'provider_key']) {
    const value = options[name];
    check(value == null || (typeof value === 'string' && value), `options.${name}`, 'must be a non-empty string');
  }
  check(customer_id == null || meter_slug != null, 'options.meter_slug', 'is required with customer_id');
  check(
    disable_billing == null || typeof disable_billing === 'boolean',
    'options.disable_billing',
    'must be a boolean',
  );
  check(!disable_billing || customer_id != null, 'options.disable_billing', 'requires customer_id and meter_slug');
  const json = JSON.stringify({ secret_key: read(), customer_id, meter_slug, provider_key, disable_billing });
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)));
}
