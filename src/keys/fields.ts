import * as v from 'valibot';

// The optional fields shared by createSpendKey and updateSpendKey. A factory, not a top-level
// schema, so this module costs nothing to an application that imports neither operation.

function cycle() {
  return v.picklist(['daily', 'weekly', 'monthly', 'total'], 'must be one of "daily", "weekly", "monthly", "total"');
}

function count() {
  return v.pipe(v.number(), v.integer('must be an integer'), v.minValue(0, 'must not be negative'));
}

function nameList() {
  return v.nullable(v.array(v.pipe(v.string(), v.minLength(1, 'must not be empty'))));
}

/** A spend key's name. */
export function spendKeyName() {
  return v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(255, 'must be at most 255 characters'));
}

/** Every optional spend-key field; `null` removes a limit or allows every model/provider. */
export function spendKeyEntries() {
  return {
    status: v.optional(v.picklist(['active', 'paused'], 'must be "active" or "paused"')),
    request_shape: v.optional(v.picklist(['openai', 'anthropic'], 'must be "openai" or "anthropic"')),
    allowed_models: v.optional(nameList()),
    allowed_providers: v.optional(nameList()),
    spend_limit: v.optional(
      v.nullable(
        v.strictObject({
          amount: v.pipe(v.string(), v.regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal string such as "25.00"')),
          cycle: cycle(),
        }),
      ),
    ),
    request_limit: v.optional(v.nullable(v.strictObject({ count: count(), cycle: cycle() }))),
    rate_limit: v.optional(v.nullable(v.strictObject({ rpm: count(), burst: v.optional(v.nullable(count())) }))),
    expires_at: v.optional(
      v.nullable(
        v.pipe(
          v.string(),
          v.check((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 timestamp'),
        ),
      ),
    ),
  };
}
