// Meters, lava-api.md §3.6. Tiers arrive with `start` as a decimal string and are stored and
// returned with `start` as a number; rate_type, tier_type and meter_slug never change.
import { DoubleError, merchantOf, objectBody, paginate, publicView, type Route, type RouteContext } from '../http.js';
import { isDecimal, type Merchant, type MeterRecord, newId, nowIso, type TierType } from '../state.js';

const RATE_TYPES = ['fixed', 'percentage'] as const;
const TIER_TYPES: readonly TierType[] = ['tokens_1m', 'characters_1m', 'minutes', 'requests'];
const IMMUTABLE = ['rate_type', 'tier_type', 'meter_slug'] as const;

function liveMeter(merchant: Merchant, id: string): MeterRecord {
  const meter = merchant.meters.get(id);
  if (!meter || meter._deleted) throw new DoubleError(404, `Meter ${id} not found`);
  return meter;
}

function meterView(meter: MeterRecord) {
  return { ...publicView(meter), tiers: meter.tiers.map((tier) => ({ ...tier })) };
}

/** Checks tiers the way Lava does (non-empty, first at 0, strictly ascending) and converts them. */
function parseTiers(value: unknown, type: TierType): MeterRecord['tiers'] {
  if (!Array.isArray(value) || value.length === 0) throw new DoubleError(400, 'tiers must be a non-empty array');
  let previous = -1;
  return value.map((tier: unknown, index) => {
    if (typeof tier !== 'object' || tier === null) throw new DoubleError(400, `tiers[${index}] must be an object`);
    const { start, rate } = tier as { start?: unknown; rate?: unknown };
    if (!isDecimal(start)) throw new DoubleError(400, `tiers[${index}].start must be a decimal string`);
    if (!isDecimal(rate)) throw new DoubleError(400, `tiers[${index}].rate must be a decimal string`);
    const startNumber = Number(start);
    if (index === 0 && startNumber !== 0) throw new DoubleError(400, 'tiers[0].start must be "0"');
    if (startNumber <= previous) throw new DoubleError(400, `tiers[${index}].start must be greater than the previous`);
    previous = startNumber;
    return { start: startNumber, rate, type };
  });
}

function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'meter' : slug.slice(0, 64);
}

function slugTaken(merchant: Merchant, slug: string): boolean {
  for (const meter of merchant.meters.values()) if (!meter._deleted && meter.meter_slug === slug) return true;
  return false;
}

function uniqueSlug(merchant: Merchant, name: string): string {
  const base = slugify(name);
  let slug = base;
  for (let n = 2; slugTaken(merchant, slug); n++) slug = `${base}-${n}`;
  return slug;
}

function create(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const body = objectBody(ctx);
  for (const key of Object.keys(body)) {
    if (!['name', 'meter_slug', 'rate_type', 'tier_type', 'tiers'].includes(key)) {
      throw new DoubleError(400, `Unknown field: ${key}`);
    }
  }
  const { name, meter_slug: slug, rate_type: rateType, tier_type: tierType } = body;
  if (typeof name !== 'string' || name === '') throw new DoubleError(400, 'name is required');
  if (!RATE_TYPES.includes(rateType as never)) throw new DoubleError(400, 'rate_type must be fixed or percentage');
  if (!TIER_TYPES.includes(tierType as TierType)) {
    throw new DoubleError(400, 'tier_type must be tokens_1m, characters_1m, minutes or requests');
  }
  const tiers = parseTiers(body.tiers, tierType as TierType);
  if (slug !== undefined && (typeof slug !== 'string' || slug === '')) {
    throw new DoubleError(400, 'meter_slug must be a non-empty string');
  }
  if (typeof slug === 'string' && slugTaken(merchant, slug)) {
    throw new DoubleError(409, `meter_slug ${slug} is already used by another meter`);
  }
  const meter: MeterRecord = {
    meter_id: newId(merchant.mode === 'test' ? 'prd_test_' : 'prd_'),
    meter_slug: typeof slug === 'string' ? slug : uniqueSlug(merchant, name),
    name,
    rate_type: rateType as MeterRecord['rate_type'],
    tier_type: tierType as TierType,
    tiers,
    created_at: nowIso(),
    _deleted: false,
  };
  merchant.meters.set(meter.meter_id, meter);
  return { status: 201, json: meterView(meter) };
}

function update(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const meter = liveMeter(merchant, ctx.params.id as string);
  const body = objectBody(ctx);
  for (const key of Object.keys(body)) {
    if ((IMMUTABLE as readonly string[]).includes(key)) {
      throw new DoubleError(400, `${key} cannot be changed after the meter is created`);
    }
    if (key !== 'name' && key !== 'tiers') throw new DoubleError(400, `Unknown field: ${key}`);
  }
  if (body.name !== undefined && (typeof body.name !== 'string' || body.name === '')) {
    throw new DoubleError(400, 'name must be a non-empty string');
  }
  // Parse before changing anything, so a bad tier leaves the meter as it was.
  const tiers = body.tiers === undefined ? undefined : parseTiers(body.tiers, meter.tier_type);
  if (typeof body.name === 'string') meter.name = body.name;
  if (tiers) meter.tiers = tiers;
  return { json: meterView(meter) };
}

export const routes: Route[] = [
  { method: 'POST', pattern: 'meters', handler: create },
  {
    method: 'GET',
    pattern: 'meters',
    handler: (ctx) => {
      const live = [...merchantOf(ctx).meters.values()].filter((m) => !m._deleted);
      const page = paginate(live, ctx.query, (m) => m.meter_id);
      return { json: { ...page, data: page.data.map(meterView) } };
    },
  },
  {
    method: 'GET',
    pattern: 'meters/:id',
    handler: (ctx) => ({ json: meterView(liveMeter(merchantOf(ctx), ctx.params.id as string)) }),
  },
  { method: 'PATCH', pattern: 'meters/:id', handler: update },
  {
    method: 'DELETE',
    pattern: 'meters/:id',
    handler: (ctx) => {
      const meter = liveMeter(merchantOf(ctx), ctx.params.id as string);
      meter._deleted = true;
      return { json: { id: meter.meter_id, deleted: true } };
    },
  },
];
