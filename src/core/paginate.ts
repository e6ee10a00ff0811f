import type { LavaConfig } from '../config.js';
import { LavaError, LavaValidationError } from './errors.js';
import type { ListResponse } from './list-params.js';
import type { CallOptions } from './rest.js';

/** What the params of every list operation have in common: the cursor `paginate` moves. */
export interface CursorParams {
  cursor?: string | undefined;
}

/**
 * The shape of every list operation (`listCustomers`, `listRequests`, `listMeters`, …): it takes
 * the config, its params (which include `cursor`) and call options, and resolves to one page.
 */
export type ListFunction<TParams extends CursorParams, TItem> = (
  config: LavaConfig,
  params?: TParams,
  options?: CallOptions,
) => Promise<ListResponse<TItem>>;

/**
 * Iterates over every item of a list operation, fetching the next page (by `next_cursor`) only
 * when the previous one is used up. Leaving the loop early (`break`, `return`, a throw) sends no
 * further request. `params` are passed to every page, with the cursor replaced; a `cursor` given
 * in them is where the iteration starts. `options` (e.g. `signal`) apply to every page.
 *
 * @param list - Any list operation (`listCustomers`, `listRequests`, …); its parameters type `params`.
 * @param config - A config from {@link createConfig}.
 * @param params - The list's filters and `limit`; a `cursor` starts the walk from that page.
 * @param options - Per-call `signal`, `timeout` and `headers`, for every page.
 * @throws {LavaError} when Lava says `has_more` without a new cursor (rather than looping forever).
 * @example
 * ```ts
 * for await (const customer of paginate(listCustomers, config, { limit: 50 })) {
 *   if (customer.reference_id === 'user_42') break
 * }
 * ```
 */
export async function* paginate<TParams extends CursorParams, TItem>(
  list: ListFunction<TParams, TItem>,
  config: LavaConfig,
  params?: TParams,
  options?: CallOptions,
): AsyncGenerator<TItem, void, undefined> {
  let cursor = params?.cursor;
  const seen = new Set<string>();
  for (;;) {
    const pageParams = cursor === undefined ? params : ({ ...params, cursor } as TParams);
    const page = await list(config, pageParams, options);
    for (const item of page.data) yield item;
    if (!page.has_more) return;
    const next = page.next_cursor;
    if (typeof next !== 'string' || next === '' || seen.has(next)) {
      throw new LavaError(
        `The list said has_more but gave ${next ? `a cursor it already gave (${next})` : 'no next_cursor'}; stopped`,
      );
    }
    seen.add(next);
    cursor = next;
  }
}

/** Options of {@link collectAll}: the per-call options plus the most items to collect. */
export interface CollectOptions extends CallOptions {
  /**
   * The most items to return (a positive integer, or `Infinity` to take everything). Required so
   * that collecting a list that grows without bound is always a deliberate choice.
   */
  max: number;
}

/**
 * Collects the items of a list operation into an array, following `next_cursor`, and stops as
 * soon as `max` items are in hand (no page beyond the one that reached `max` is requested).
 *
 * @param list - Any list operation (`listCustomers`, `listRequests`, …).
 * @param config - A config from {@link createConfig}.
 * @param params - The list's filters and `limit`, or `undefined`.
 * @param options - `max` (required: the most items to gather, `Infinity` for all) plus the per-call options.
 * @throws {LavaValidationError} when `options.max` is not a positive integer or `Infinity`; nothing is sent.
 * @example
 * ```ts
 * const customers = await collectAll(listCustomers, config, { limit: 100 }, { max: 500 })
 * ```
 */
export async function collectAll<TParams extends CursorParams, TItem>(
  list: ListFunction<TParams, TItem>,
  config: LavaConfig,
  params: TParams | undefined,
  options: CollectOptions,
): Promise<TItem[]> {
  const max = (options as Partial<CollectOptions> | undefined)?.max;
  if (typeof max !== 'number' || !(max === Number.POSITIVE_INFINITY || (Number.isInteger(max) && max >= 1))) {
    throw new LavaValidationError([
      { field: 'options.max', message: 'must be a positive integer, or Infinity to collect everything' },
    ]);
  }
  const { max: _max, ...callOptions } = options;
  const items: TItem[] = [];
  for await (const item of paginate(list, config, params, callOptions)) {
    items.push(item);
    if (items.length >= max) break;
  }
  return items;
}
