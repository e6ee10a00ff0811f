// Credit bundles (read-only; created and edited through plans), lava-api.md §3.9.
import { DoubleError, merchantOf, paginate, type Route } from '../http.js';
import { bundleView } from './plans.js';

export const routes: Route[] = [
  {
    method: 'GET',
    pattern: 'credit_bundles',
    handler: (ctx) => {
      const merchant = merchantOf(ctx);
      const planId = ctx.query.get('plan_id');
      // An unknown plan_id is a filter that matches nothing, not an error.
      const live = [...merchant.creditBundles.values()].filter(
        (b) => !b._deleted && (planId === null || b.plan_id === planId),
      );
      const page = paginate(live, ctx.query, (b) => b.credit_bundle_id);
      return { json: { ...page, data: page.data.map(bundleView) } };
    },
  },
  {
    method: 'GET',
    pattern: 'credit_bundles/:id',
    handler: (ctx) => {
      const merchant = merchantOf(ctx);
      const id = ctx.params.id as string;
      const bundle = merchant.creditBundles.get(id);
      if (!bundle || bundle._deleted) throw new DoubleError(404, `Credit bundle ${id} not found`);
      return { json: bundleView(bundle) };
    },
  },
];
