import { invalid } from './errors.js';

// HTTP's own rule for a field value (tab, visible ASCII, obs-text). `Headers` accepts some control
// characters that fetch's HTTP layer then refuses, which would surface as a network error after
// validation had passed; checked here so such a value is a validation error and nothing is sent.
const NOT_FIELD_VALUE = /[^\t -~\x80-\xff]/;

/**
 * Internal: `init` as `Headers`, or a `LavaValidationError` naming `field` when fetch would refuse
 * a name or value (a runtime's own TypeError could quote the value, which may be a credential).
 */
export function headersFrom(init: unknown, field: string): Headers {
  try {
    const headers = new Headers(init as Record<string, string> | undefined);
    for (const [, value] of headers) if (NOT_FIELD_VALUE.test(value)) throw field;
    return headers;
  } catch {
    throw invalid(field, 'must be valid HTTP header names and values');
  }
}

/**
 * Internal: the headers of one request as a prototype-free record of lower-case names (fetch
 * copies a record without the sorting pass it makes over a `Headers` object): the config's, with
 * the call's own (`options.headers`) over them. The caller then sets the ones the SDK owns.
 */
export function headerRecord(configured: Readonly<Record<string, string>>, perCall: unknown): Record<string, string> {
  const record: Record<string, string> = Object.create(null);
  for (const name in configured) record[name.toLowerCase()] = configured[name] as string;
  if (perCall != null) for (const [name, value] of headersFrom(perCall, 'options.headers')) record[name] = value;
  return record;
}
