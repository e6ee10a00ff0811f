import { Lava } from '@lavapayments/nodejs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createConfig,
  decodeForwardToken,
  type ForwardTokenOptions,
  generateForwardToken,
  isLavaValidationError,
  type LavaConfig,
  type LavaValidationError,
} from '../../src/index.js';

const secretKey = 'aks_test_0123456789abcdef0123456789abcdef';
const config = createConfig({ secretKey, baseUrl: 'http://127.0.0.1:9/' });
const official = new Lava(secretKey, { baseUrl: 'http://127.0.0.1:9/v1/' });

function validationError(fn: () => unknown): LavaValidationError {
  try {
    fn();
  } catch (error) {
    if (isLavaValidationError(error)) return error;
    throw error;
  }
  throw new Error('expected a LavaValidationError');
}

// Every option shape the official SDK's types accept, plus explicit null/undefined/false variants.
const modes: [string, ForwardTokenOptions][] = [
  ['merchant (no options)', {}],
  ['merchant with provider_key', { provider_key: 'sk-own-openai' }],
  ['meter only', { meter_slug: 'chat-tokens' }],
  ['meter only with customer_id: null', { customer_id: null, meter_slug: 'chat-tokens' }],
  ['meter only, BYOK', { customer_id: null, meter_slug: 'chat-tokens', provider_key: 'sk-own' }],
  ['both null', { customer_id: null, meter_slug: null }],
  ['both null, BYOK', { customer_id: null, meter_slug: null, provider_key: 'sk-own' }],
  ['customer billing', { customer_id: 'con_test_abc', meter_slug: 'chat-tokens' }],
  ['customer billing, BYOK', { customer_id: 'con_test_abc', meter_slug: 'chat-tokens', provider_key: 'sk-own' }],
  ['billing disabled', { customer_id: 'con_test_abc', meter_slug: 'chat-tokens', disable_billing: true }],
  ['disable_billing: false', { customer_id: 'con_test_abc', meter_slug: 'chat-tokens', disable_billing: false }],
  [
    'billing disabled, BYOK',
    { customer_id: 'con_test_abc', meter_slug: 'm', provider_key: 'sk-own', disable_billing: true },
  ],
  ['explicit undefined fields', { customer_id: undefined, meter_slug: undefined, provider_key: undefined }],
  ['provider_key: null', { provider_key: null }],
  ['Unicode ids', { customer_id: 'con_ü€😀', meter_slug: '计量-ñ', provider_key: 'ключ' }],
  ['a lone surrogate (both encode U+FFFD)', { customer_id: 'con_\uD800x', meter_slug: 'm' }],
  ['JSON escapes', { customer_id: 'a"b\\c\n\u0001', meter_slug: '</script>' }],
];

describe('generateForwardToken', () => {
  it.each(modes)('%s: byte for byte the official SDK token', (_name, options) => {
    const ours = generateForwardToken(config, options);
    // biome-ignore lint/suspicious/noExplicitAny: the official union type does not admit every variant we test.
    const theirs = official.generateForwardToken(options as any);
    expect(ours).toBe(theirs);
    expect(ours).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
  });

  it('keeps the official field order and null/omitted semantics', () => {
    const token = generateForwardToken(config, { customer_id: null, meter_slug: 'm', provider_key: 'k' });
    expect(atob(token)).toBe(`{"secret_key":"${secretKey}","customer_id":null,"meter_slug":"m","provider_key":"k"}`);
    expect(atob(generateForwardToken(config))).toBe(`{"secret_key":"${secretKey}"}`);
  });

  it('equals the official token for arbitrary Unicode ids (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1 }),
        fc.string({ unit: 'binary', minLength: 1 }),
        fc.boolean(),
        (customer, meter, disable) => {
          const options = { customer_id: customer, meter_slug: meter, disable_billing: disable };
          expect(generateForwardToken(config, options)).toBe(official.generateForwardToken(options));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a customer_id without meter_slug is a LavaValidationError naming options.meter_slug', () => {
    const error = validationError(() => generateForwardToken(config, { customer_id: 'con_1' }));
    expect(error.field).toBe('options.meter_slug');
    const withNull = validationError(() => generateForwardToken(config, { customer_id: 'con_1', meter_slug: null }));
    expect(withNull.field).toBe('options.meter_slug');
  });

  it('disable_billing without customer_id and meter_slug is a LavaValidationError naming it', () => {
    for (const options of [
      { disable_billing: true },
      { meter_slug: 'm', disable_billing: true },
      { customer_id: null, meter_slug: 'm', disable_billing: true },
    ]) {
      expect(validationError(() => generateForwardToken(config, options)).field).toBe('options.disable_billing');
    }
  });

  it('wrongly typed fields are named', () => {
    const bad = (options: unknown) =>
      validationError(() => generateForwardToken(config, options as ForwardTokenOptions));
    expect(bad({ customer_id: 42, meter_slug: 'm' }).field).toBe('options.customer_id');
    expect(bad({ meter_slug: '' }).field).toBe('options.meter_slug');
    expect(bad({ provider_key: {} }).field).toBe('options.provider_key');
    expect(bad({ customer_id: 'c', meter_slug: 'm', disable_billing: 'yes' }).field).toBe('options.disable_billing');
    expect(bad(null).field).toBe('options');
  });

  it('never puts the secret key into a validation error', () => {
    const error = validationError(() => generateForwardToken(config, { customer_id: 'con_1' }));
    expect(String(error)).not.toContain(secretKey);
    expect(JSON.stringify(error)).not.toContain(secretKey);
  });

  it('refuses a config not made by createConfig', () => {
    const fake = { baseUrl: 'http://x/', secretKey } as unknown as LavaConfig;
    expect(validationError(() => generateForwardToken(fake, {})).field).toBe('config');
  });
});

describe('decodeForwardToken', () => {
  it('round-trips every mode, Unicode included', () => {
    for (const [, options] of modes) {
      const decoded = decodeForwardToken(generateForwardToken(config, options));
      expect(decoded.secret_key).toBe(secretKey);
      expect(decoded.customer_id).toBe(options.customer_id);
      expect(decoded.meter_slug).toBe(options.meter_slug);
      expect(decoded.provider_key).toBe(options.provider_key);
      expect(decoded.disable_billing).toBe(options.disable_billing);
    }
  });

  it('decodes the official SDK token', () => {
    const token = official.generateForwardToken({ customer_id: 'con_é', meter_slug: 'm' });
    expect(decodeForwardToken(token)).toEqual({ secret_key: secretKey, customer_id: 'con_é', meter_slug: 'm' });
  });

  it('rejects what is not a forward token, naming token', () => {
    for (const token of ['not base64!', btoa('not json'), btoa('[1,2]'), btoa('{"customer_id":"c"}'), '']) {
      expect(validationError(() => decodeForwardToken(token)).field).toBe('token');
    }
  });
});
