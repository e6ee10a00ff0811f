import * as v from 'valibot';

/** A Lava id or reference id: non-empty, and never a dot segment (which URLs would resolve away). */
export const IdSchema = /* @__PURE__ */ v.pipe(
  v.string(),
  v.minLength(1, 'must not be empty'),
  v.check((id) => id !== '.' && id !== '..', 'must not be "." or ".."'),
);
