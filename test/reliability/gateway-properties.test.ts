// The gateway's options are checked by hand (no valibot on the edge path): any options object at
// all gives a LavaValidationError before sending, or a sent request, and never any other throw.
// The same for the per-call headers of REST operations.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type GatewayOptions,
  gateway,
  gatewayStream,
  isLavaError,
  isLavaValidationError,
  listCustomers,
} from '../../src/index.js';
import { useDouble } from '../helpers.js';
import { RUNS } from './runs.js';
import { guardProcess } from './support.js';

guardProcess();
const lava = useDouble();
const URL_ = 'https://api.openai.com/v1/chat/completions';

const odd = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, '', 0, -1, Number.NaN, true, [], {}, 'openai', 'x y', 'GET', 5),
  fc.anything({ maxDepth: 1 }),
);
const options = fc.record(
  {
    method: odd,
    headers: fc.oneof(odd, fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 })),
    body: fc.oneof(odd, fc.constant({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })),
    customer_id: odd,
    meter_slug: odd,
    provider_key: odd,
    disable_billing: odd,
    format: odd,
    timeout: fc.oneof(odd, fc.constant(2_000)),
  },
  { requiredKeys: [] },
);

describe(`gateway options (${RUNS} runs each)`, () => {
  for (const [name, call] of [
    ['gateway', gateway],
    ['gatewayStream', gatewayStream],
  ] as const) {
    it(`${name}: any options give a validation error (nothing sent), an answer, or one of our errors`, async () => {
      const config = lava.config({ timeout: 2_000 });
      await fc.assert(
        fc.asyncProperty(options, async (opts) => {
          const before = lava.double.requests.length;
          const outcome = await (call as (c: typeof config, u: string, o: GatewayOptions) => Promise<unknown>)(
            config,
            URL_,
            opts as GatewayOptions,
          ).then(
            () => undefined,
            (error: unknown) => error,
          );
          if (outcome === undefined) return;
          expect(isLavaError(outcome), `${JSON.stringify(opts)} → ${String(outcome)}`).toBe(true);
          if (isLavaValidationError(outcome)) {
            expect(outcome.field).toMatch(/^(options|url)(\.|$)/);
            expect(lava.double.requests.length).toBe(before);
          }
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('REST per-call headers: any names and values are sent, or refused as options.headers before sending', async () => {
    const config = lava.config({ retry: 0 });
    const anyHeaders = fc.dictionary(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
      {
        maxKeys: 3,
      },
    );
    await fc.assert(
      fc.asyncProperty(anyHeaders, async (headers) => {
        const before = lava.double.requests.length;
        const outcome = await listCustomers(config, {}, { headers }).then(
          () => undefined,
          (error: unknown) => error,
        );
        if (outcome === undefined) return;
        expect(isLavaValidationError(outcome), `${JSON.stringify(headers)} → ${String(outcome)}`).toBe(true);
        expect((outcome as { field: string }).field).toBe('options.headers');
        expect(lava.double.requests.length).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('config headers: any names and values make a config whose calls are sent, or are refused by createConfig', async () => {
    const anyHeaders = fc.dictionary(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
      {
        maxKeys: 3,
      },
    );
    await fc.assert(
      fc.asyncProperty(anyHeaders, async (headers) => {
        let config: ReturnType<typeof lava.config>;
        try {
          config = lava.config({ retry: 0, headers });
        } catch (error) {
          expect(isLavaValidationError(error), `${JSON.stringify(headers)} → ${String(error)}`).toBe(true);
          expect((error as { field: string }).field).toMatch(/^options\.headers/);
          return;
        }
        const before = lava.double.requests.length;
        await listCustomers(config);
        expect(lava.double.requests.length).toBe(before + 1);
      }),
      { numRuns: RUNS },
    );
  });
});
