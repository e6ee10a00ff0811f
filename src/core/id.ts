import * as v from 'valibot';

/**
 * A Lava id or reference id: a non-empty string, never a dot segment (which URLs would resolve
 * away), and well-formed UTF-16 (a lone surrogate cannot be percent-encoded: `encodeURIComponent`
 * throws a URIError). One `custom` schema rather than a pipe of three: every REST operation carries
 * it, and the pipe's extra actions cost ~0.2 KB brotli in each application bundle.
 */
export const IdSchema = /* @__PURE__ */ v.custom<string>(
  (id) => typeof id === 'string' && id !== '' && id !== '.' && id !== '..' && !/\p{Cs}/u.test(id),
  'must be a non-empty string other than "." and "..", without lone surrogates',
);
