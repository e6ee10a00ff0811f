// Public exports of this folder (re-exported by src/index.ts).
export { type CreateSecretKeyParams, createSecretKey } from './create-secret-key.js';
export { type CreateSpendKeyParams, createSpendKey } from './create-spend-key.js';
export { deleteSecretKey } from './delete-secret-key.js';
export { getSpendKey } from './get-spend-key.js';
export { listSecretKeys } from './list-secret-keys.js';
export { listSpendKeys } from './list-spend-keys.js';
export { revokeSpendKey } from './revoke-spend-key.js';
export { rotateSpendKey } from './rotate-spend-key.js';
export type { CreatedSecretKey, SecretKey, SpendKey, SpendKeyWithKey } from './shapes.js';
export { type UpdateSpendKeyParams, updateSpendKey } from './update-spend-key.js';
