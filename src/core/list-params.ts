import * as v from 'valibot';

// Shared by the list operations only, in a module of its own so that an application importing
// no list operation carries none of it.

/** `cursor` and `limit` of every list operation, to spread into a list's own params schema. */
export const PageEntries = {
  cursor: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty'))),
  limit: v.optional(
    v.pipe(
      v.number(),
      v.integer('must be an integer'),
      v.minValue(1, 'must be at least 1'),
      v.maxValue(100, 'must be at most 100'),
    ),
  ),
};

/** Optional pagination parameters, as most list operations take them. */
export const ListParamsSchema = v.optional(v.strictObject(PageEntries));

/** Pagination parameters accepted by every list operation. */
export interface PageParams {
  cursor?: string;
  limit?: number;
}

/** The envelope of every paginated list Lava returns. */
export interface ListResponse<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}
