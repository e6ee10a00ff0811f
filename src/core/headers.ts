import { invalid } from './errors.js';

// HTTP's own rule for a field value (tab, visible ASCII, obs-text). `Headers` accepts some control
// characters that fetch's HTTP layer then refuses, which would surface as a network error after
// validation had passed; checked here so such a value is a validation error and nothing is sent.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Internal: `init` as `Headers`, or a `LavaValidationError` naming `field` when fetch would refuse
 * a name or value (a runtime's own TypeError could quote the value, which may be a credential).
 */
export function headersFrom(init: unknown, field: string): Headers {
  let headers: Headers;
  try {
    headers = new Headers(init as Record<string, string> | undefined);
  } catch {
    throw invalid(field, 'must be valid HTTP header names and values');
  }
  for (const [, value] of headers)
    if (!FIELD_VALUE.test(value)) throw invalid(field, 'must be valid HTTP header names and values');
  return headers;
}
