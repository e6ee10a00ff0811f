// Properties of every other REST operation, the first half (see operation-properties.ts).
import { defineOperationProperties } from './operation-properties.js';

defineOperationProperties(1, 2);
