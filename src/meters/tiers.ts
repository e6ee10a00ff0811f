import * as v from 'valibot';

// The tiers argument shared by createMeter and updateMeter. Pure-marked so it drops out of a
// bundle that imports neither.

const NON_NEGATIVE_DECIMAL = /^\d+(\.\d+)?$/;

/** One tier as sent: `start` (the quantity it applies from) and `rate`, both decimal strings. */
export const TierInputSchema = /* @__PURE__ */ v.strictObject({
  start: v.pipe(v.string(), v.regex(NON_NEGATIVE_DECIMAL, 'must be a non-negative decimal string such as "0"')),
  rate: v.pipe(v.string(), v.regex(NON_NEGATIVE_DECIMAL, 'must be a non-negative decimal string such as "0.50"')),
});

/** A meter's tiers: at least one, the first starting at `"0"`, each `start` above the previous. */
export const TiersSchema = /* @__PURE__ */ v.pipe(
  v.array(TierInputSchema),
  v.minLength(1, 'must contain at least one tier'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const tiers = dataset.value;
    for (let i = 0; i < tiers.length; i++) {
      const tier = tiers[i] as { start: string };
      const start = Number(tier.start);
      const previous = i === 0 ? undefined : Number((tiers[i - 1] as { start: string }).start);
      const problem =
        i === 0
          ? start === 0
            ? undefined
            : 'the first tier must start at "0"'
          : start > (previous as number)
            ? undefined
            : "must be greater than the previous tier's start (tiers ascend)";
      if (problem === undefined) continue;
      addIssue({
        message: problem,
        path: [
          { type: 'array', origin: 'value', input: tiers, key: i, value: tier },
          { type: 'object', origin: 'value', input: tier, key: 'start', value: tier.start },
        ],
      });
      return;
    }
  }),
);

/** One tier as sent to `createMeter` or `updateMeter`. */
export interface TierInput extends v.InferInput<typeof TierInputSchema> {}
