import * as v from 'valibot';

/**
 * A Lava id or reference id: a non-empty string, and never a dot segment (which URLs would resolve
 * away). One `custom` schema rather than a pipe of three: every REST operation carries it, and the
 * pipe's extra actions cost ~0.2 KB brotli in each application bundle.
 */
export const IdSchema = /* @__PURE__ */ v.custom<string>(
  (id) => typeof id === 'string' && id !== '' && id !== '.' && id !== '..',
  'must be a non-empty string other than "." and ".."',
);
