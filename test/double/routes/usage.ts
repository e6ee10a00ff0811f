// Usage, lava-api.md §3.5: the merchant's metered requests in daily buckets. Decisions where the
// docs are silent:
// - Days are calendar days in the UTC offset written in `start` (`Z`, or none, is UTC). The first
//   bucket begins at `start` itself and the last ends at `end`, so the buckets cover exactly the
//   period asked for; days without requests are listed with zeros.
// - A request belongs to the period when `start <= created_at <= end`.
// - `end` before `start` is a 400, and so is a period of more than 1000 days.
// - Filters are those of `GET requests` (customer id or reference id, meter id, metadata pairs).
import { DoubleError, merchantOf, type Route, type RouteContext } from '../http.js';
import { fromUnits, toUnits } from '../state.js';
import { requestFilter } from './requests.js';

const DAY = 86_400_000;
const ISO = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A timestamp of the query in ms, and the UTC offset (ms) it was written in. */
function parseInstant(value: string, field: string): { ms: number; offset: number } {
  const match = ISO.exec(value);
  if (!match) throw new DoubleError(400, `${field} must be an ISO 8601 date or timestamp`);
  const [, date, time, zone] = match;
  const offset =
    zone === undefined || zone === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2))) * 60_000;
  const ms = Date.parse(time === undefined ? `${date}T00:00:00Z` : `${date}T${time}${zone ?? 'Z'}`);
  if (Number.isNaN(ms)) throw new DoubleError(400, `${field} is not a valid date`);
  return { ms, offset };
}

function usage(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const rawStart = ctx.query.get('start');
  if (rawStart === null || rawStart === '') throw new DoubleError(400, 'start is required');
  const start = parseInstant(rawStart, 'start');
  const rawEnd = ctx.query.get('end');
  const end = rawEnd === null ? Date.now() : parseInstant(rawEnd, 'end').ms;
  if (end < start.ms) throw new DoubleError(400, 'end must not be before start');
  const firstDay = Math.floor((start.ms + start.offset) / DAY) * DAY - start.offset;
  const days = Math.max(1, Math.ceil((end - firstDay) / DAY));
  if (days > 1000) throw new DoubleError(400, 'the period may span at most 1000 days');

  const buckets = Array.from({ length: days }, (_, i) => ({
    from: Math.max(start.ms, firstDay + i * DAY),
    to: Math.min(end, firstDay + (i + 1) * DAY),
    requests: 0,
    tokens: 0,
    cost: 0n,
    charge: 0n,
  }));
  const matches = requestFilter(merchant, ctx.query);
  for (const record of merchant.requests.values()) {
    const at = Date.parse(record.created_at);
    if (at < start.ms || at > end || !matches(record)) continue;
    const bucket = buckets[Math.min(days - 1, Math.floor((at - firstDay) / DAY))];
    if (!bucket) continue;
    bucket.requests += 1;
    bucket.tokens += record.model_usage.total_tokens;
    bucket.cost += toUnits(record.cost);
    bucket.charge += toUnits(record.charge.amount);
  }
  const items = buckets.map((b) => ({
    date: new Date(b.from + start.offset).toISOString().slice(0, 10),
    start: new Date(b.from).toISOString(),
    end: new Date(b.to).toISOString(),
    total_requests: b.requests,
    total_usage_tokens: b.tokens,
    total_cost: fromUnits(b.cost),
    total_charge: fromUnits(b.charge),
  }));
  const sum = (pick: (b: (typeof buckets)[number]) => bigint) => buckets.reduce((acc, b) => acc + pick(b), 0n);
  return {
    json: {
      items,
      totals: {
        total_requests: buckets.reduce((acc, b) => acc + b.requests, 0),
        total_usage_tokens: buckets.reduce((acc, b) => acc + b.tokens, 0),
        total_cost: fromUnits(sum((b) => b.cost)),
        total_charge: fromUnits(sum((b) => b.charge)),
      },
    },
  };
}

export const routes: Route[] = [{ method: 'GET', pattern: 'usage', handler: usage }];
