// Public exports of this folder (re-exported by src/index.ts).
export { cancelSubscription } from './cancel-subscription.js';
export { type CreatePlanParams, createPlan } from './create-plan.js';
export { type CreateSubscriptionParams, createSubscription } from './create-subscription.js';
export { deletePlan } from './delete-plan.js';
export { getCreditBundle } from './get-credit-bundle.js';
export { getPlan } from './get-plan.js';
export { type ListCreditBundlesParams, listCreditBundles } from './list-credit-bundles.js';
export { listPlans } from './list-plans.js';
export { type ListSubscriptionsParams, listSubscriptions } from './list-subscriptions.js';
export type { CreatedSubscription, CreditBundle, Plan, Subscription } from './shapes.js';
export { type UpdatePlanParams, updatePlan } from './update-plan.js';
export { type UpdateSubscriptionParams, updateSubscription } from './update-subscription.js';
