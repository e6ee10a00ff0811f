// Public exports of this folder (re-exported by src/index.ts).
export { type GetUsageParams, getUsage } from './get-usage.js';
export type { Usage, UsageItem } from './shapes.js';
