// Properties over real HTTP, against one keep-alive double: ids stay one path segment and
// round-trip, metadata_filters decode back to the same pairs, and any answer at all (status, body,
// content type) gives a value or one of our errors, nothing else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RequestMetadataSchema } from '../../src/core/metadata.js';
import {
  createCustomer,
  getCustomer,
  isLavaApiError,
  isLavaError,
  isLavaNetworkError,
  isLavaValidationError,
  LavaApiError,
  listRequests,
} from '../../src/index.js';
import { parseMetadataFilters } from '../double/routes/requests.js';
import { useDouble } from '../helpers.js';
import { validOf } from './arbitrary.js';
import { RUNS } from './runs.js';
import { guardProcess } from './support.js';

guardProcess();
const lava = useDouble();
const last = () => lava.double.requests[lava.double.requests.length - 1];

/** Ids of every kind: any Unicode text, and the characters that would break a path. */
const anyId = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
  fc
    .array(fc.constantFrom('/', '?', '#', '%', '.', '%2F', '..', ' ', '&', '=', '+', 'a', 'é', '😀'), {
      minLength: 1,
      maxLength: 8,
    })
    .map((parts) => parts.join('')),
);
/** Any UTF-16 string, lone surrogates included. */
const utf16 = fc.string({ unit: fc.nat({ max: 0xffff }).map((c) => String.fromCharCode(c)), minLength: 1 });

describe(`HTTP properties (${RUNS} runs each)`, () => {
  it('any string id stays exactly one path segment and round-trips through the double', async () => {
    const config = lava.config({ retry: 0 });
    await fc.assert(
      fc.asyncProperty(anyId, async (id) => {
        const outcome = await getCustomer(config, id).then(
          (customer) => customer,
          (error: unknown) => error,
        );
        if (id === '.' || id === '..') {
          // Dot segments would be resolved away by URL parsing: refused by design, nothing sent.
          expect(isLavaValidationError(outcome)).toBe(true);
          return;
        }
        const sent = last();
        const segments = sent?.path.split('/') ?? [];
        expect(segments).toHaveLength(4);
        expect(segments.slice(0, 3)).toEqual(['', 'v1', 'customers']);
        expect(decodeURIComponent(segments[3] as string)).toBe(id);
        // An id nobody has is a 404 from the double for exactly that id.
        expect(outcome).toBeInstanceOf(LavaApiError);
        expect((outcome as LavaApiError).status).toBe(404);
      }),
      { numRuns: RUNS },
    );
  });

  it('a reference id of any characters finds its customer again through the path', async () => {
    const config = lava.config({ retry: 0 });
    const referenceId = anyId.filter((id) => id !== '.' && id !== '..' && !id.startsWith('con_') && id.length <= 255);
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(referenceId, async (id) => {
        const created = await createCustomer(config, { reference_id: id });
        const found = await getCustomer(config, id);
        expect(found.customer_id).toBe(created.customer_id);
        expect(found.reference_id).toBe(id);
        seen.add(id);
      }),
      { numRuns: RUNS },
    );
    expect(seen.size).toBeGreaterThan(RUNS / 2);
  });

  it('an id of any UTF-16 string (lone surrogates too) is sent as one segment or refused as invalid', async () => {
    const config = lava.config({ retry: 0 });
    await fc.assert(
      fc.asyncProperty(utf16, async (id) => {
        const before = lava.double.requests.length;
        const outcome = await getCustomer(config, id).then(
          (customer) => customer,
          (error: unknown) => error,
        );
        // A customer (an earlier property may have given it this reference id) or one of our errors.
        const customer = typeof (outcome as { customer_id?: unknown }).customer_id === 'string';
        expect(customer || isLavaError(outcome), `${JSON.stringify(id)}: ${String(outcome)}`).toBe(true);
        if (isLavaValidationError(outcome)) {
          expect(outcome.field).toBe('id');
          expect(lava.double.requests.length).toBe(before);
        } else {
          expect(last()?.path.split('/')).toHaveLength(4);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('metadata_filters: any record encodes to what the double decodes back to the same pairs', async () => {
    const config = lava.config({ retry: 0 });
    await fc.assert(
      fc.asyncProperty(validOf(RequestMetadataSchema), async (filters) => {
        const page = await listRequests(config, { metadata_filters: filters as Record<string, string> });
        expect(Array.isArray(page.data)).toBe(true);
        const query = new URLSearchParams(last()?.query);
        expect(parseMetadataFilters(query)).toEqual(Object.entries(filters as Record<string, string>));
      }),
      { numRuns: RUNS },
    );
  });

  it('metadata keys valibot would drop silently (constructor, prototype, __proto__) are refused, not lost', async () => {
    const config = lava.config({ retry: 0 });
    for (const key of ['constructor', 'prototype', '__proto__']) {
      const filters = JSON.parse(`{"${key}":"chat"}`) as Record<string, string>;
      const before = lava.double.requests.length;
      const listed = await listRequests(config, { metadata_filters: filters }).catch((error: unknown) => error);
      expect(isLavaValidationError(listed), `${key}: ${String(listed)}`).toBe(true);
      expect((listed as { field: string }).field).toBe('params.metadata_filters');
      const created = await createCustomer(config, { metadata: filters }).catch((error: unknown) => error);
      expect((created as { field?: string }).field).toBe('params.metadata');
      expect(lava.double.requests.length).toBe(before);
    }
  });

  it('any status, body and content type gives a value or one of our errors, never anything else', async () => {
    const config = lava.config({ retry: 0 });
    const { customer_id: id } = await createCustomer(config, { name: 'Answer Fuzz' });
    const match = { method: 'GET', path: `/v1/customers/${id}` };
    const answer = fc.record({
      // 421 is left out: fetch itself resends once on it (the Fetch standard); the matrix covers it.
      status: fc
        .oneof(
          fc.constantFrom(200, 201, 204, 400, 401, 402, 404, 407, 409, 429, 500, 502, 503),
          fc.integer({ min: 200, max: 599 }),
        )
        .filter((status) => status !== 421),
      body: fc.oneof(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.json({ maxDepth: 3 }),
        fc.constantFrom('', '<html>oops</html>', '{"error":"x"}', '{"error":{"message":1,"code":[]}}', 'null'),
      ),
      contentType: fc.constantFrom('application/json', 'text/html', 'text/plain', 'application/octet-stream', ''),
    });
    await fc.assert(
      fc.asyncProperty(answer, async ({ status, body, contentType }) => {
        lava.double.injectFault({ match, status, body: status === 204 ? '' : body, contentType, retryAfter: 0 });
        const outcome = await getCustomer(config, id).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
        lava.double.clearFaults();
        if ('error' in outcome) {
          expect(isLavaError(outcome.error), String(outcome.error)).toBe(true);
          if (status === 407) {
            // fetch treats 407 Proxy Authentication Required as a network error (Fetch standard).
            expect(isLavaNetworkError(outcome.error), String(outcome.error)).toBe(true);
          } else if (status >= 300) {
            expect(isLavaApiError(outcome.error), String(outcome.error)).toBe(true);
            expect((outcome.error as LavaApiError).status).toBe(status);
          }
        } else {
          // A 2xx with a JSON body is returned as it came.
          expect(status < 300 && body !== '').toBe(true);
          expect(outcome.value).toEqual(JSON.parse(body));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
