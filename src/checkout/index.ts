// Public exports of this folder (re-exported by src/index.ts).
export { type CreateCheckoutSessionParams, createCheckoutSession } from './create-checkout-session.js';
export type { CheckoutSession } from './shapes.js';
