// The fetch-only main entry. Re-exports only: every module below is side-effect free, so a
// bundler keeps just what an application imports.
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
