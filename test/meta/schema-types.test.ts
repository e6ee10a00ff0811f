// Response and argument types are inferred from the valibot schemas the SDK validates with
// (`interface Customer extends v.InferOutput<typeof CustomerSchema> {}`), so they cannot drift.
// The two string unions below are written out for the API reference (TypeDoc cannot show an
// inferred union); the compiler holds them to their schemas here: `tsc` fails on any difference.
import type * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type RateType, RateTypeSchema, type TierType, TierTypeSchema } from '../../src/meters/shapes.js';

describe('hand-written unions equal their schemas', () => {
  it('TierType and RateType are exactly what the schemas accept', () => {
    expectTypeOf<TierType>().toEqualTypeOf<v.InferOutput<typeof TierTypeSchema>>();
    expectTypeOf<RateType>().toEqualTypeOf<v.InferOutput<typeof RateTypeSchema>>();
    // And at run time: the schemas' option lists are the unions' members.
    const tiers: readonly TierType[] = ['tokens_1m', 'characters_1m', 'minutes', 'requests'];
    const rates: readonly RateType[] = ['fixed', 'percentage'];
    expect([...TierTypeSchema.options].sort()).toEqual([...tiers].sort());
    expect([...RateTypeSchema.options].sort()).toEqual([...rates].sort());
  });
});
