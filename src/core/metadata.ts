import * as v from 'valibot';

// Request metadata and metadata filters, shared by the requests and usage operations. In a module
// of its own (and pure-marked) so an application that uses neither carries none of it.

const METADATA_KEY = /^[A-Za-z0-9_]{1,255}$/;

/**
 * Metadata of a metered request (lava-api.md §1.8): at most 100 pairs, keys of 1–255 ASCII
 * letters, digits or `_`, string values of 1–255 characters.
 */
export const RequestMetadataSchema = /* @__PURE__ */ v.pipe(
  v.custom<Record<string, string>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    'must be an object of string key/value pairs',
  ),
  // valibot's record skips these keys silently (no check, not in the output): a filter on one would
  // vanish and the list would come back unfiltered, so they are refused instead.
  v.check(
    (record) => !['__proto__', 'constructor', 'prototype'].some((key) => Object.hasOwn(record, key)),
    'keys "__proto__", "constructor" and "prototype" are not supported',
  ),
  v.record(
    v.pipe(v.string(), v.regex(METADATA_KEY, 'keys must be 1-255 ASCII letters, digits or "_"')),
    v.pipe(
      v.string('values must be strings'),
      v.minLength(1, 'values must not be empty'),
      v.maxLength(255, 'values must be at most 255 characters'),
    ),
  ),
  v.check((record) => Object.keys(record).length <= 100, 'must have at most 100 pairs'),
);

/**
 * Encodes metadata filters the way Lava reads them (and the official SDK writes them): one query
 * parameter holding the JSON of the `[key, value]` pairs, e.g. `[["feature","chat"]]`.
 */
export function encodeMetadataFilters(filters: Record<string, string> | undefined): string | undefined {
  return filters === undefined ? undefined : JSON.stringify(Object.entries(filters));
}
