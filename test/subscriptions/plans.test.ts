import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DeletedSchema, listSchema } from '../../src/core/shapes.js';
import {
  createPlan,
  deletePlan,
  getCreditBundle,
  getPlan,
  LavaValidationError,
  listCreditBundles,
  listPlans,
  paginate,
  updatePlan,
} from '../../src/index.js';
import { CreditBundleSchema, PlanSchema } from '../../src/subscriptions/shapes.js';
import { expectApiError, expectInvalid, rejectionOf, useDouble } from '../helpers.js';

const lava = useDouble();

describe('plans against the double', () => {
  it('every merchant starts with one free plan', async () => {
    const page = await listPlans(lava.config());
    expect(v.is(listSchema(PlanSchema), page)).toBe(true);
    const free = page.data.filter((p) => Number(p.period_amount) === 0);
    expect(free.length).toBeGreaterThanOrEqual(1);
    expect(free[0]?.merchant_id).toBe(lava.double.merchant.merchant_id);
  });

  it('creates, gets, lists, updates and deletes a plan; a deleted plan is a 404', async () => {
    const config = lava.config();
    const plan = await createPlan(config, {
      name: 'Pro',
      period_amount: '49.00',
      billing_interval: 'month',
      included_credit: '40.00',
      rollover_type: 'full',
      credit_bundles: [
        { name: 'Small', cost: '10.00', credit_amount: '10.00' },
        { name: 'Large', cost: '45.00', credit_amount: '50.00' },
      ],
      default_auto_top_up_bundle_index: 1,
    });
    expect(v.is(PlanSchema, plan)).toBe(true);
    expect(plan).toMatchObject({
      name: 'Pro',
      period_amount: '49.00',
      included_credit: '40.00',
      rollover_type: 'full',
    });
    expect(plan.bundle_rollover_type).toBe('none');
    expect(plan.credit_bundles.map((b) => b.name)).toEqual(['Small', 'Large']);
    expect(plan.default_auto_top_up_bundle_id).toBe(plan.credit_bundles[1]?.credit_bundle_id);

    expect(await getPlan(config, plan.plan_id)).toEqual(plan);
    const all = [];
    for await (const p of paginate(listPlans, config, { limit: 1 })) all.push(p.plan_id);
    expect(all).toContain(plan.plan_id);

    const updated = await updatePlan(config, plan.plan_id, { name: 'Pro 2', included_credit: '45.5' });
    expect(updated.name).toBe('Pro 2');
    expect(updated.included_credit).toBe('45.5');
    expect(updated.period_amount).toBe('49.00');
    expect((await getPlan(config, plan.plan_id)).name).toBe('Pro 2');

    const deleted = await deletePlan(config, plan.plan_id);
    expect(v.is(DeletedSchema, deleted)).toBe(true);
    expect(deleted).toEqual({ id: plan.plan_id, deleted: true });
    await expectApiError(() => getPlan(config, plan.plan_id), 404);
    expect((await listPlans(config, { limit: 100 })).data.map((p) => p.plan_id)).not.toContain(plan.plan_id);
    // The delete cascades: the plan's bundles are gone too.
    const bundleId = plan.credit_bundles[0]?.credit_bundle_id as string;
    await expectApiError(() => getCreditBundle(config, bundleId), 404);
  });

  it('reconciles credit bundles on update: id updates, is_deleted removes, no id creates', async () => {
    const config = lava.config();
    const plan = await createPlan(config, {
      name: 'Bundled',
      period_amount: '20.00',
      billing_interval: 'week',
      credit_bundles: [
        { name: 'Keep', cost: '5.00', credit_amount: '5.00' },
        { name: 'Change', cost: '10.00', credit_amount: '10.00' },
        { name: 'Drop', cost: '15.00', credit_amount: '15.00' },
      ],
      default_auto_top_up_bundle_index: 2,
    });
    const [keep, change, drop] = plan.credit_bundles as [
      (typeof plan.credit_bundles)[0],
      (typeof plan.credit_bundles)[0],
      (typeof plan.credit_bundles)[0],
    ];
    const updated = await updatePlan(config, plan.plan_id, {
      credit_bundles: [
        { credit_bundle_id: change.credit_bundle_id, name: 'Changed', cost: '11.00', credit_amount: '12.00' },
        { ...drop, is_deleted: true },
        { name: 'New', cost: '30.00', credit_amount: '33.00' },
      ],
    });
    const byName = Object.fromEntries(updated.credit_bundles.map((b) => [b.name, b]));
    expect(Object.keys(byName).sort()).toEqual(['Changed', 'Keep', 'New']);
    expect(byName.Keep).toEqual(keep);
    expect(byName.Changed).toEqual({ ...change, name: 'Changed', cost: '11.00', credit_amount: '12.00' });
    expect(byName.New?.credit_bundle_id).toMatch(/^cb_test_/);
    // The removed bundle was the default auto top-up; the plan no longer points at it.
    expect(updated.default_auto_top_up_bundle_id).toBeNull();
    await expectApiError(() => getCreditBundle(config, drop.credit_bundle_id), 404);

    const listed = await listCreditBundles(config, { plan_id: plan.plan_id });
    expect(v.is(listSchema(CreditBundleSchema), listed)).toBe(true);
    expect(listed.data.map((b) => b.name).sort()).toEqual(['Changed', 'Keep', 'New']);
    expect(listed.data.every((b) => b.plan_id === plan.plan_id)).toBe(true);

    const changed = await getCreditBundle(config, change.credit_bundle_id);
    expect(v.is(CreditBundleSchema, changed)).toBe(true);
    expect(changed).toMatchObject({ plan_id: plan.plan_id, cost: '11.00', credit_amount: '12.00' });

    const withDefault = await updatePlan(config, plan.plan_id, {
      default_auto_top_up_bundle_id: keep.credit_bundle_id,
    });
    expect(withDefault.default_auto_top_up_bundle_id).toBe(keep.credit_bundle_id);
  });

  it('a bundle of another plan in credit_bundles is a 400 and changes nothing', async () => {
    const config = lava.config();
    const a = await createPlan(config, {
      name: 'A',
      period_amount: '1.00',
      billing_interval: 'day',
      credit_bundles: [{ name: 'A1', cost: '1', credit_amount: '1' }],
    });
    const b = await createPlan(config, { name: 'B', period_amount: '1.00', billing_interval: 'day' });
    const foreign = a.credit_bundles[0]?.credit_bundle_id as string;
    await expectApiError(
      () =>
        updatePlan(config, b.plan_id, {
          name: 'B renamed',
          credit_bundles: [{ credit_bundle_id: foreign, name: 'stolen', cost: '0', credit_amount: '100' }],
        }),
      400,
      /not a bundle of plan/,
    );
    expect((await getPlan(config, b.plan_id)).name).toBe('B');
    expect((await getCreditBundle(config, foreign)).name).toBe('A1');
    await expectApiError(
      () => updatePlan(config, b.plan_id, { default_auto_top_up_bundle_id: foreign }),
      400,
      /bundle of this plan/,
    );
  });

  it('period_amount and billing_interval are immutable: the double answers 400 when they are sent anyway', async () => {
    const config = lava.config();
    const plan = await createPlan(config, { name: 'Fixed', period_amount: '5.00', billing_interval: 'month' });
    // The SDK's schema has no such fields; an untyped caller bypassing it gets Lava's answer.
    const error = await rejectionOf(() =>
      updatePlan(config, plan.plan_id, { period_amount: '1.00' } as unknown as Parameters<typeof updatePlan>[2]),
    );
    expect(error).toBeInstanceOf(LavaValidationError);
    expect((error as LavaValidationError).field).toBe('params.period_amount');
    const res = await fetch(`${lava.double.baseUrl}v1/plans/${plan.plan_id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${lava.double.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ billing_interval: 'year' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'immutable_field', status: 400 } });
  });

  it('maps 404s for unknown plans and bundles, and the free plan cannot be deleted', async () => {
    const config = lava.config();
    const missing = await expectApiError(() => getPlan(config, 'sub_missing'), 404, /sub_missing/);
    expect(missing.code).toBe('not_found');
    await expectApiError(() => updatePlan(config, 'sub_missing', { name: 'x' }), 404);
    await expectApiError(() => deletePlan(config, 'sub_missing'), 404);
    await expectApiError(() => getCreditBundle(config, 'cb_missing'), 404);
    const free = lava.double.merchant.plans.values().next().value;
    await expectApiError(() => deletePlan(config, free?.plan_id as string), 400, /free plan/);
    expect((await listCreditBundles(config, { plan_id: 'sub_missing' })).data).toEqual([]);
  });

  it('rejects bad input before sending anything', async () => {
    const config = lava.config();
    const base = { name: 'X', period_amount: '1.00', billing_interval: 'month' as const };
    await expectInvalid(lava.double, 'params.period_amount', () =>
      createPlan(config, { ...base, period_amount: '4,99' }),
    );
    await expectInvalid(lava.double, 'params.period_amount', () =>
      createPlan(config, { ...base, period_amount: 5 as never }),
    );
    await expectInvalid(lava.double, 'params.billing_interval', () =>
      createPlan(config, { ...base, billing_interval: 'fortnight' as never }),
    );
    await expectInvalid(lava.double, 'params.rollover_type', () =>
      createPlan(config, { ...base, rollover_type: 'some' as never }),
    );
    await expectInvalid(lava.double, 'params.bundle_rollover_type', () =>
      createPlan(config, { ...base, bundle_rollover_type: 'half' as never }),
    );
    await expectInvalid(lava.double, 'params.included_credit', () =>
      createPlan(config, { ...base, included_credit: '-1' }),
    );
    await expectInvalid(lava.double, 'params.name', () => createPlan(config, { ...base, name: '' }));
    await expectInvalid(lava.double, 'params.name', () =>
      createPlan(config, { period_amount: '1', billing_interval: 'day' } as never),
    );
    await expectInvalid(lava.double, 'params.credit_bundles.0.cost', () =>
      createPlan(config, { ...base, credit_bundles: [{ name: 'b', cost: 'ten', credit_amount: '10' }] }),
    );
    await expectInvalid(lava.double, 'params.credit_bundles.1.credit_amount', () =>
      createPlan(config, {
        ...base,
        credit_bundles: [
          { name: 'a', cost: '1', credit_amount: '1' },
          { name: 'b', cost: '1', credit_amount: '1e3' },
        ],
      }),
    );
    await expectInvalid(lava.double, 'params.default_auto_top_up_bundle_index', () =>
      createPlan(config, {
        ...base,
        credit_bundles: [{ name: 'a', cost: '1', credit_amount: '1' }],
        default_auto_top_up_bundle_index: 1,
      }),
    );
    await expectInvalid(lava.double, 'params.default_auto_top_up_bundle_index', () =>
      createPlan(config, { ...base, default_auto_top_up_bundle_index: 0.5 }),
    );
    await expectInvalid(lava.double, 'params.billing_interval', () =>
      updatePlan(config, 'sub_1', { billing_interval: 'month' } as never),
    );
    await expectInvalid(lava.double, 'params.credit_bundles.0.is_deleted', () =>
      updatePlan(config, 'sub_1', {
        credit_bundles: [
          { credit_bundle_id: 'cb_1', name: 'a', cost: '1', credit_amount: '1', is_deleted: 'yes' as never },
        ],
      }),
    );
    await expectInvalid(lava.double, 'params.credit_bundles.0.credit_bundle_id', () =>
      updatePlan(config, 'sub_1', {
        credit_bundles: [{ credit_bundle_id: '', name: 'a', cost: '1', credit_amount: '1' }],
      }),
    );
    await expectInvalid(lava.double, 'id', () => getPlan(config, ''));
    await expectInvalid(lava.double, 'id', () => updatePlan(config, '..', { name: 'x' }));
    await expectInvalid(lava.double, 'id', () => deletePlan(config, ''));
    await expectInvalid(lava.double, 'id', () => getCreditBundle(config, ''));
    await expectInvalid(lava.double, 'params.limit', () => listPlans(config, { limit: 0 }));
    await expectInvalid(lava.double, 'params.plan_id', () => listCreditBundles(config, { plan_id: '' }));
    await expectInvalid(lava.double, 'params.cursor', () => listCreditBundles(config, { cursor: '' }));
  });
});
