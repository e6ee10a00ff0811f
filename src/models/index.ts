// Public exports of this folder (re-exported by src/index.ts).
export { listModels } from './list-models.js';
export type { Model, ModelList } from './shapes.js';
