// The fetch-only main entry. Re-exports only: every module below is side-effect free, so a
// bundler keeps just what an application imports.

// Management path: one operation per module, through the shared ky transport.
export * from './checkout/index.js';
export {
  createConfig,
  type FetchFunction,
  type LavaConfig,
  type LavaConfigOptions,
  PRODUCTION_BASE_URL,
  SANDBOX_BASE_URL,
} from './config.js';
export * from './core/index.js';
export * from './customers/index.js';
export * from './gateway/index.js';
export * from './keys/index.js';
export * from './meters/index.js';
export * from './models/index.js';
export * from './requests/index.js';
export * from './subscriptions/index.js';
// Edge path: no ky, no valibot.
export * from './tokens/index.js';
export * from './usage/index.js';
export * from './webhooks/index.js';
