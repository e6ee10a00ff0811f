import * as v from 'valibot';

// Argument pieces shared by the plan operations. Factories rather than top-level schemas: an
// unused function costs nothing, while a schema built at module scope stays in every bundle that
// imports this module.

/** A non-negative decimal amount as Lava takes it, e.g. `"49.00"`. */
export function decimalAmount() {
  return v.pipe(v.string(), v.regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal string such as "49.00"'));
}

/** `full` keeps unused credit at the end of a cycle, `none` drops it. */
export function rolloverType() {
  return v.picklist(['full', 'none'], 'must be "full" or "none"');
}

/** A non-empty display name. */
export function planName() {
  return v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(255, 'must be at most 255 characters'));
}

/** A list of meter ids to link. */
export function meterIds() {
  return v.array(v.pipe(v.string(), v.minLength(1, 'must not be empty')));
}
