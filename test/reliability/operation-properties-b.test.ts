// Properties of every other REST operation, the second half (see operation-properties.ts).
import { defineOperationProperties } from './operation-properties.js';

defineOperationProperties(2, 2);
