// Plans and their credit bundles, lava-api.md §3.7.
import {
  DoubleError,
  merchantOf,
  objectBody,
  paginate,
  type Route,
  type RouteContext,
  requireString,
} from '../http.js';
import {
  type BillingInterval,
  type CreditBundleRecord,
  isDecimal,
  type Merchant,
  newId,
  nowIso,
  type PlanRecord,
  type RolloverType,
} from '../state.js';

const INTERVALS: BillingInterval[] = ['day', 'week', 'month', 'year'];
const ROLLOVERS: RolloverType[] = ['full', 'none'];

/** Finds a live plan, or throws a 404. */
export function findPlan(merchant: Merchant, id: string): PlanRecord {
  const plan = merchant.plans.get(id);
  if (!plan || plan._deleted) throw new DoubleError(404, `Plan ${id} not found`);
  return plan;
}

/** The live credit bundles of a plan, in creation order. */
export function bundlesOf(merchant: Merchant, planId: string): CreditBundleRecord[] {
  return [...merchant.creditBundles.values()].filter((b) => b.plan_id === planId && !b._deleted);
}

/** The credit bundle as the API shows it. */
export function bundleView(bundle: CreditBundleRecord) {
  return {
    credit_bundle_id: bundle.credit_bundle_id,
    plan_id: bundle.plan_id,
    name: bundle.name,
    cost: bundle.cost,
    credit_amount: bundle.credit_amount,
    created_at: bundle.created_at,
  };
}

export function planView(merchant: Merchant, plan: PlanRecord) {
  return {
    plan_id: plan.plan_id,
    merchant_id: plan.merchant_id,
    name: plan.name,
    period_amount: plan.period_amount,
    included_credit: plan.included_credit,
    billing_interval: plan.billing_interval,
    rollover_type: plan.rollover_type,
    bundle_rollover_type: plan.bundle_rollover_type,
    default_auto_top_up_bundle_id: plan.default_auto_top_up_bundle_id,
    linked_meters: plan.meter_ids.map((id) => ({ meter_id: id, name: merchant.meters.get(id)?.name ?? '' })),
    credit_bundles: bundlesOf(merchant, plan.plan_id).map((b) => ({
      credit_bundle_id: b.credit_bundle_id,
      name: b.name,
      cost: b.cost,
      credit_amount: b.credit_amount,
    })),
    created_at: plan.created_at,
  };
}

function rejectUnknown(body: Record<string, unknown>, allowed: string[], where = ''): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) throw new DoubleError(400, `Unknown field: ${where}${key}`);
  }
}

function decimalField(body: Record<string, unknown>, field: string, where = ''): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!isDecimal(value)) throw new DoubleError(400, `${where}${field} must be a non-negative decimal string`);
  return value;
}

function enumField<T extends string>(body: Record<string, unknown>, field: string, values: T[]): T | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!values.includes(value as T)) throw new DoubleError(400, `${field} must be one of ${values.join(', ')}`);
  return value as T;
}

function nameField(body: Record<string, unknown>, field: string, where = ''): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '')
    throw new DoubleError(400, `${where}${field} must not be empty`);
  return value;
}

function meterIds(merchant: Merchant, body: Record<string, unknown>): string[] | undefined {
  const value = body.meter_ids;
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) {
    throw new DoubleError(400, 'meter_ids must be an array of meter ids');
  }
  for (const id of value as string[]) {
    const meter = merchant.meters.get(id);
    if (!meter || meter._deleted) throw new DoubleError(400, `meter_ids: meter ${id} not found`);
  }
  return [...new Set(value as string[])];
}

interface BundleInput {
  credit_bundle_id?: string;
  name: string;
  cost: string;
  credit_amount: string;
  is_deleted: boolean;
}

function bundleInputs(body: Record<string, unknown>, allowIds: boolean): BundleInput[] | undefined {
  const value = body.credit_bundles;
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new DoubleError(400, 'credit_bundles must be an array');
  return value.map((raw, index) => {
    const where = `credit_bundles[${index}].`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new DoubleError(400, `credit_bundles[${index}] must be an object`);
    }
    const item = raw as Record<string, unknown>;
    rejectUnknown(
      item,
      allowIds
        ? ['credit_bundle_id', 'name', 'cost', 'credit_amount', 'is_deleted']
        : ['name', 'cost', 'credit_amount'],
      where,
    );
    const name = nameField(item, 'name', where);
    const cost = decimalField(item, 'cost', where);
    const credit = decimalField(item, 'credit_amount', where);
    if (name === undefined || cost === undefined || credit === undefined) {
      throw new DoubleError(400, `${where}name, cost and credit_amount are required`);
    }
    const id = item.credit_bundle_id;
    if (id !== undefined && (typeof id !== 'string' || id === '')) {
      throw new DoubleError(400, `${where}credit_bundle_id must be a bundle id`);
    }
    if (item.is_deleted !== undefined && typeof item.is_deleted !== 'boolean') {
      throw new DoubleError(400, `${where}is_deleted must be a boolean`);
    }
    if (item.is_deleted === true && id === undefined) {
      throw new DoubleError(400, `${where}is_deleted needs the credit_bundle_id of the bundle to remove`);
    }
    return {
      ...(id !== undefined ? { credit_bundle_id: id as string } : {}),
      name,
      cost,
      credit_amount: credit,
      is_deleted: item.is_deleted === true,
    };
  });
}

function newBundle(merchant: Merchant, planId: string, input: BundleInput): CreditBundleRecord {
  const bundle: CreditBundleRecord = {
    credit_bundle_id: newId(merchant.mode === 'test' ? 'cb_test_' : 'cb_'),
    plan_id: planId,
    name: input.name,
    cost: input.cost,
    credit_amount: input.credit_amount,
    created_at: nowIso(),
    _deleted: false,
  };
  merchant.creditBundles.set(bundle.credit_bundle_id, bundle);
  return bundle;
}

function create(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const body = objectBody(ctx);
  rejectUnknown(body, [
    'name',
    'period_amount',
    'billing_interval',
    'rollover_type',
    'bundle_rollover_type',
    'included_credit',
    'default_auto_top_up_bundle_index',
    'meter_ids',
    'credit_bundles',
  ]);
  const name = requireString(body, 'name');
  const periodAmount = decimalField(body, 'period_amount');
  if (periodAmount === undefined) throw new DoubleError(400, 'period_amount is required');
  const interval = enumField(body, 'billing_interval', INTERVALS);
  if (interval === undefined) throw new DoubleError(400, 'billing_interval is required');
  const rollover = enumField(body, 'rollover_type', ROLLOVERS) ?? 'none';
  const bundleRollover = enumField(body, 'bundle_rollover_type', ROLLOVERS) ?? 'none';
  const included = decimalField(body, 'included_credit') ?? '0.00';
  const meters = meterIds(merchant, body) ?? [];
  const bundles = bundleInputs(body, false) ?? [];
  const index = body.default_auto_top_up_bundle_index;
  if (index !== undefined && index !== null) {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= bundles.length) {
      throw new DoubleError(400, 'default_auto_top_up_bundle_index must be the index of one of credit_bundles');
    }
  }
  const plan = ctx.state.addPlan(merchant, {
    name,
    period_amount: periodAmount,
    included_credit: included,
    billing_interval: interval,
    rollover_type: rollover,
    bundle_rollover_type: bundleRollover,
    meter_ids: meters,
  });
  const created = bundles.map((input) => newBundle(merchant, plan.plan_id, input));
  if (typeof index === 'number') plan.default_auto_top_up_bundle_id = created[index]?.credit_bundle_id ?? null;
  return { status: 201, json: planView(merchant, plan) };
}

function update(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const plan = findPlan(merchant, ctx.params.id as string);
  const body = objectBody(ctx);
  for (const immutable of ['period_amount', 'billing_interval']) {
    if (body[immutable] !== undefined) {
      throw new DoubleError(400, `${immutable} cannot be changed after a plan is created`, 'immutable_field');
    }
  }
  rejectUnknown(body, [
    'name',
    'rollover_type',
    'bundle_rollover_type',
    'included_credit',
    'default_auto_top_up_bundle_id',
    'meter_ids',
    'credit_bundles',
  ]);
  // Everything is checked before anything changes, so a rejected update leaves the plan as it was.
  const name = nameField(body, 'name');
  const rollover = enumField(body, 'rollover_type', ROLLOVERS);
  const bundleRollover = enumField(body, 'bundle_rollover_type', ROLLOVERS);
  const included = decimalField(body, 'included_credit');
  const meters = meterIds(merchant, body);
  const bundles = bundleInputs(body, true);
  const own = new Set(bundlesOf(merchant, plan.plan_id).map((b) => b.credit_bundle_id));
  for (const [index, item] of (bundles ?? []).entries()) {
    if (item.credit_bundle_id !== undefined && !own.has(item.credit_bundle_id)) {
      throw new DoubleError(
        400,
        `credit_bundles[${index}].credit_bundle_id: bundle ${item.credit_bundle_id} is not a bundle of plan ${plan.plan_id}`,
      );
    }
  }
  const removed = new Set((bundles ?? []).filter((b) => b.is_deleted).map((b) => b.credit_bundle_id as string));
  const defaultBundle = body.default_auto_top_up_bundle_id;
  if (defaultBundle !== undefined && defaultBundle !== null) {
    if (typeof defaultBundle !== 'string' || !own.has(defaultBundle) || removed.has(defaultBundle)) {
      throw new DoubleError(400, 'default_auto_top_up_bundle_id must be a live credit bundle of this plan');
    }
  }

  if (name !== undefined) plan.name = name;
  if (rollover !== undefined) plan.rollover_type = rollover;
  if (bundleRollover !== undefined) plan.bundle_rollover_type = bundleRollover;
  if (included !== undefined) plan.included_credit = included;
  if (meters !== undefined) plan.meter_ids = meters;
  for (const item of bundles ?? []) {
    const existing = item.credit_bundle_id ? merchant.creditBundles.get(item.credit_bundle_id) : undefined;
    if (!existing) newBundle(merchant, plan.plan_id, item);
    else if (item.is_deleted) existing._deleted = true;
    else Object.assign(existing, { name: item.name, cost: item.cost, credit_amount: item.credit_amount });
  }
  if (defaultBundle !== undefined) plan.default_auto_top_up_bundle_id = defaultBundle as string | null;
  else if (plan.default_auto_top_up_bundle_id && removed.has(plan.default_auto_top_up_bundle_id)) {
    plan.default_auto_top_up_bundle_id = null;
  }
  return { json: planView(merchant, plan) };
}

function remove(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const plan = findPlan(merchant, ctx.params.id as string);
  if (plan._default) throw new DoubleError(400, 'The default free plan cannot be deleted');
  plan._deleted = true;
  for (const bundle of bundlesOf(merchant, plan.plan_id)) bundle._deleted = true;
  return { json: { id: plan.plan_id, deleted: true } };
}

export const routes: Route[] = [
  { method: 'POST', pattern: 'plans', handler: create },
  {
    method: 'GET',
    pattern: 'plans',
    handler: (ctx) => {
      const merchant = merchantOf(ctx);
      const live = [...merchant.plans.values()].filter((p) => !p._deleted);
      const page = paginate(live, ctx.query, (p) => p.plan_id);
      return { json: { ...page, data: page.data.map((p) => planView(merchant, p)) } };
    },
  },
  {
    method: 'GET',
    pattern: 'plans/:id',
    handler: (ctx) => {
      const merchant = merchantOf(ctx);
      return { json: planView(merchant, findPlan(merchant, ctx.params.id as string)) };
    },
  },
  { method: 'PATCH', pattern: 'plans/:id', handler: update },
  { method: 'DELETE', pattern: 'plans/:id', handler: remove },
];
