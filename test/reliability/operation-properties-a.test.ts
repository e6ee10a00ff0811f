// Properties of the operations named A–L (see operation-properties.ts).
import { defineOperationProperties } from './operation-properties.js';

defineOperationProperties('A–L', (name) => name.localeCompare('m') < 0);
