// Properties of the operations named M–Z (see operation-properties.ts).
import { defineOperationProperties } from './operation-properties.js';

defineOperationProperties('M–Z', (name) => name.localeCompare('m') >= 0);
