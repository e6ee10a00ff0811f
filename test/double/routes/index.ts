// Every route module of the double. Each resource owns one file; order only matters where two
// patterns could match the same path (the first match wins).
import type { Route } from '../http.js';
import { routes as auth } from './auth.js';
import { routes as checkout } from './checkout.js';
import { routes as control } from './control.js';
import { routes as creditBundles } from './credit-bundles.js';
import { routes as customers } from './customers.js';
import { routes as gateway } from './gateway.js';
import { routes as keys } from './keys.js';
import { routes as meters } from './meters.js';
import { routes as models } from './models.js';
import { routes as plans } from './plans.js';
import { routes as requests } from './requests.js';
import { routes as subscriptions } from './subscriptions.js';
import { routes as usage } from './usage.js';
import { routes as webhooks } from './webhooks.js';

export const allRoutes: Route[] = [
  ...control,
  ...auth,
  ...gateway,
  ...checkout,
  ...customers,
  ...requests,
  ...usage,
  ...plans,
  ...subscriptions,
  ...creditBundles,
  ...meters,
  ...webhooks,
  ...keys,
  ...models,
];
