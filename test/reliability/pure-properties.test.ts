// Properties of the pure functions: forward tokens, path segments and error-body parsing. No
// network: these are the unit tests the rules allow without the double.
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiErrorFromBody } from '../../src/core/errors.js';
import { path } from '../../src/core/rest.js';
import * as lava from '../../src/index.js';
import {
  createConfig,
  decodeForwardToken,
  type ForwardTokenOptions,
  generateForwardToken,
  isLavaApiError,
  isLavaValidationError,
} from '../../src/index.js';
import { OPERATIONS } from './operation-properties.js';
import { RUNS } from './runs.js';

const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
/** Any UTF-16 string, lone surrogates included (what a JavaScript string can really hold). */
const utf16 = fc.string({ unit: fc.nat({ max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 });
const secretKey = fc.stringMatching(/^aks_(test|live)_[\x21-\x7e]{1,40}$/);

/** The token options of every mode the official SDK accepts, with arbitrary Unicode values. */
const tokenOptions: fc.Arbitrary<ForwardTokenOptions> = fc.oneof(
  fc.record(
    { customer_id: text, meter_slug: text, provider_key: text, disable_billing: fc.boolean() },
    { requiredKeys: ['customer_id', 'meter_slug'] },
  ),
  fc.record({ customer_id: fc.constant(null), meter_slug: text, provider_key: text }, { requiredKeys: ['meter_slug'] }),
  fc.record({ provider_key: text }, { requiredKeys: [] }),
);

/** What the official SDK sends: standard base64 of the UTF-8 JSON, keys in its order. */
function expectedToken(key: string, o: ForwardTokenOptions): string {
  const json = JSON.stringify({
    secret_key: key,
    customer_id: o.customer_id,
    meter_slug: o.meter_slug,
    provider_key: o.provider_key,
    disable_billing: o.disable_billing,
  });
  return Buffer.from(json, 'utf8').toString('base64');
}

describe(`pure properties (${RUNS} runs each)`, () => {
  it('decodeForwardToken(generateForwardToken(c, o)) round-trips any Unicode, encoded as base64 of UTF-8 JSON', () => {
    fc.assert(
      fc.property(secretKey, tokenOptions, (key, options) => {
        const config = createConfig({ secretKey: key, baseUrl: 'http://127.0.0.1:9/' });
        const token = generateForwardToken(config, options);
        expect(token).toBe(expectedToken(key, options));
        expect(token).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
        const decoded = decodeForwardToken(token);
        expect(decoded).toEqual(JSON.parse(JSON.stringify({ secret_key: key, ...options })));
      }),
      { numRuns: RUNS },
    );
  });

  it('forward tokens of any UTF-16 string (lone surrogates too) encode as Buffer does, or are refused', () => {
    fc.assert(
      fc.property(secretKey, utf16, utf16, (key, customer, meter) => {
        const config = createConfig({ secretKey: key, baseUrl: 'http://127.0.0.1:9/' });
        const options = { customer_id: customer, meter_slug: meter };
        let token: string;
        try {
          token = generateForwardToken(config, options);
        } catch (error) {
          // Only an empty field may be refused, and then as a validation error naming it.
          expect(isLavaValidationError(error), String(error)).toBe(true);
          expect(customer === '' || meter === '').toBe(true);
          return;
        }
        expect(token).toBe(expectedToken(key, options));
      }),
      { numRuns: RUNS },
    );
  });

  it('the path tag keeps any string id exactly one segment that decodes back to it', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.constantFrom('/', '?', '#', '%', '.', '..', '%2F', 'a/../b', '?x=1#y')), (id) => {
        const built = path`customers/${id}/subscription`;
        const segments = built.split('/');
        expect(segments).toHaveLength(3);
        expect(decodeURIComponent(segments[1] as string)).toBe(id);
        expect(segments[1]).not.toMatch(/[/?#]/);
      }),
      { numRuns: RUNS },
    );
  });

  it('apiErrorFromBody turns any body, status, status text and headers into a LavaApiError', () => {
    const lavaBody = fc
      .record({
        error: fc.oneof(
          fc.string(),
          fc.record({ message: fc.anything(), code: fc.anything(), status: fc.anything(), type: fc.anything() }),
          fc.anything(),
        ),
        message: fc.anything(),
      })
      .map((b) => JSON.stringify(b));
    const body = fc.oneof(
      fc.string({ unit: 'binary' }),
      utf16,
      lavaBody,
      fc.json(),
      fc.constantFrom('', '<html><body>502</body></html>', 'null', '[]', '{"error":null}', '{"error":{"message":7}}'),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        fc.string({ maxLength: 30 }),
        body,
        fc.dictionary(fc.constantFrom('x-request-id', 'x-lava-request-id', 'request-id', 'content-type'), fc.string()),
        (status, statusText, raw, headerValues) => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(headerValues)) {
            // Header values that fetch itself would refuse never reach the parser.
            try {
              headers.set(name, value);
            } catch {}
          }
          const error = apiErrorFromBody({ method: 'GET', path: '/v1/x' }, status, statusText, raw, headers);
          expect(isLavaApiError(error)).toBe(true);
          expect(error.status).toBe(status);
          expect(typeof error.message).toBe('string');
          expect(error.message.length).toBeLessThan(600);
          expect(error.code === undefined || typeof error.code === 'string').toBe(true);
          expect(() => JSON.stringify(error)).not.toThrow();
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// Exports that are not REST operations, with where their inputs are tested instead.
const NOT_REST_OPERATIONS = new Set([
  'createConfig', // test/core/config.test.ts
  'generateForwardToken', // above
  'decodeForwardToken', // above
  'gateway', // fault matrix, abort tests
  'gatewayStream', // fault matrix, abort tests
  'createLavaFetch', // test/gateway
  'providerUrl', // test/gateway
  'createSseParser', // test/gateway
  'paginate', // pagination helpers: take a list operation
  'collectAll',
  'verifyWebhookSignature', // test/webhooks
  'checkWebhookSignature',
  'parseWebhookEvent',
]);

describe('coverage of the operation properties', () => {
  it('every REST operation exported from src/index.ts has its properties', () => {
    const exported = Object.entries(lava)
      .filter(([name, value]) => typeof value === 'function' && !/^[A-Z]/.test(name) && !/^is[A-Z]/.test(name))
      .map(([name]) => name)
      .filter((name) => !NOT_REST_OPERATIONS.has(name));
    const covered = new Set(OPERATIONS.map((op) => op.name));
    expect(exported.filter((name) => !covered.has(name))).toEqual([]);
    expect(covered.size).toBeGreaterThanOrEqual(40);
  });
});
