// Public exports of this folder (re-exported by src/index.ts).
export { type CreateMeterParams, createMeter } from './create-meter.js';
export { deleteMeter } from './delete-meter.js';
export { getMeter } from './get-meter.js';
export { listMeters } from './list-meters.js';
export type { Meter, MeterTier, RateType, TierType } from './shapes.js';
export type { TierInput } from './tiers.js';
export { type UpdateMeterParams, updateMeter } from './update-meter.js';
