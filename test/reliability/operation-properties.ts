// Property-based input testing of every REST operation, over real HTTP to one keep-alive double
// per test file (the operations are split over two files so that two workers share the work):
// arguments generated from the operation's own schemas always pass validation and are sent;
// the same arguments with one field made wrong always raise LavaValidationError naming that field
// (or a field inside it), and nothing is sent.
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { IdSchema } from '../../src/core/id.js';
import { isLavaApiError, isLavaValidationError, type LavaValidationError } from '../../src/index.js';
import { TiersSchema } from '../../src/meters/tiers.js';
import { useDouble } from '../helpers.js';
import { type Overrides, setAt, slotsOf, validOf, wrongValues } from './arbitrary.js';
import { discoverOperations, type Operation } from './operations.js';
import { RUNS } from './runs.js';
import { guardProcess } from './support.js';

const allOperations = await discoverOperations();

const ascendingTiers = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.stringMatching(/^\d{1,4}(\.\d{1,4})?$/)), {
    maxLength: 4,
  })
  .map((steps) => {
    let start = 0;
    const tiers = [{ start: '0', rate: '1.5' }];
    for (const [step, rate] of steps) {
      start += step;
      tiers.push({ start: String(start), rate });
    }
    return tiers;
  });

const overrides: Overrides = new Map<unknown, fc.Arbitrary<unknown>>([
  [IdSchema, fc.string({ unit: 'binary', minLength: 1, maxLength: 24 })],
  [TiersSchema, ascendingTiers],
]);

/**
 * Rules some operations check beyond their schema (and document), so schema-valid arguments must
 * also keep them to count as valid.
 */
const EXTRA_RULES: Record<string, (args: unknown[]) => boolean> = {
  // The auto top-up bundle is an index into the credit_bundles given.
  createPlan: ([params]) => {
    const p = params as { default_auto_top_up_bundle_index?: number | null; credit_bundles?: unknown[] };
    const index = p.default_auto_top_up_bundle_index;
    return typeof index !== 'number' || index < (p.credit_bundles?.length ?? 0);
  },
  // The fields each checkout mode needs, and the other mode's field it must not carry.
  createCheckoutSession: ([params]) => {
    const p = params as Record<string, unknown>;
    return p.checkout_mode === 'subscription'
      ? p.plan_id !== undefined && p.credit_bundle_id === undefined
      : p.customer_id !== undefined && p.credit_bundle_id !== undefined && p.plan_id === undefined;
  },
};

function argumentsOf(op: Operation): fc.Arbitrary<unknown[]> {
  const arb = fc.tuple(...op.args.map((arg) => validOf(arg.schema, overrides)));
  const rule = EXTRA_RULES[op.name];
  return rule ? arb.filter(rule) : arb;
}

/** Valid arguments, then one of them (or one field inside one) replaced by a wrong value. */
export function brokenArgumentsOf(op: Operation, wrong: fc.Arbitrary<unknown> = wrongValues) {
  return argumentsOf(op)
    .chain((args) => {
      const slots = args.flatMap((value, index) => {
        const arg = op.args[index] as Operation['args'][number];
        return [{ path: [], schema: arg.schema }, ...slotsOf(arg.schema, value)].map((slot) => ({ index, slot }));
      });
      return fc.record({ args: fc.constant(args), at: fc.constantFrom(...slots), wrong });
    })
    .filter(({ at, wrong }) => 'unknownKey' in at.slot || !v.is(at.slot.schema as v.GenericSchema, wrong))
    .map(({ args, at, wrong }) => {
      const broken = [...args];
      broken[at.index] = setAt(args[at.index], at.slot.path, wrong);
      const field = [op.args[at.index]?.name, ...at.slot.path].join('.');
      return { args: broken, field };
    });
}

/** Defines the properties of part `part` of `parts` of the operations (each test file gets its own double). */
export function defineOperationProperties(part: number, parts: number): void {
  guardProcess();
  const lava = useDouble();
  // Every `parts`-th operation (in name order), so the parts take about as long as one another.
  const operations = allOperations.filter((_, index) => index % parts === part - 1);
  const sent = () => lava.double.requests.length;
  describe(`REST operations, part ${part} of ${parts} (${operations.length} operations, ${RUNS} runs per property)`, () => {
    for (const op of operations) {
      const takesArguments = op.args.length > 0;
      it(`${op.name}: generated valid arguments pass validation and reach the double`, async () => {
        const config = lava.config({ retry: 0 });
        await fc.assert(
          fc.asyncProperty(argumentsOf(op), async (args) => {
            const before = sent();
            const outcome = await op.fn(config, ...args).then(
              () => undefined,
              (error: unknown) => error,
            );
            if (outcome !== undefined) {
              // The double may refuse for its own reasons (404 for an unknown id, 400, 409), but the
              // call was sent and answered as an API error, never as a validation error or a crash.
              expect(isLavaValidationError(outcome), String(outcome)).toBe(false);
              expect(isLavaApiError(outcome), String(outcome)).toBe(true);
              expect((outcome as { status: number }).status, String(outcome)).toBeLessThan(500);
            }
            expect(sent() - before).toBe(1);
          }),
          { numRuns: takesArguments ? RUNS : Math.min(RUNS, 20) },
        );
      });

      if (!takesArguments) continue;
      it(`${op.name}: an argument with one wrong field raises LavaValidationError naming it; nothing is sent`, async () => {
        const config = lava.config();
        await fc.assert(
          fc.asyncProperty(brokenArgumentsOf(op), async ({ args, field }) => {
            const before = sent();
            const error = await op.fn(config, ...args).then(
              (value) => ({ resolved: value }),
              (caught: unknown) => caught,
            );
            expect(isLavaValidationError(error), `${field}: ${String((error as Error).message ?? error)}`).toBe(true);
            const named = (error as LavaValidationError).field;
            expect(named === field || named.startsWith(`${field}.`), `expected ${field}, got ${named}`).toBe(true);
            expect(sent()).toBe(before);
          }),
          { numRuns: RUNS },
        );
      });
    }
  });
}

/** Every operation found, for the coverage check. */
export const OPERATIONS = allOperations;
