// Shared fixtures: a double per test file and a config pointed at it.
import { afterAll, beforeAll, expect } from 'vitest';
import {
  createConfig,
  LavaApiError,
  type LavaConfig,
  type LavaConfigOptions,
  LavaValidationError,
} from '../src/index.js';
import { type LavaDouble, startLavaDouble } from './double/index.js';

/** Starts a double for the calling test file and closes it afterwards. */
export function useDouble(): { readonly double: LavaDouble; config(options?: LavaConfigOptions): LavaConfig } {
  let double: LavaDouble | undefined;
  beforeAll(async () => {
    double = await startLavaDouble();
  });
  afterAll(async () => {
    await double?.close();
  });
  return {
    get double() {
      if (!double) throw new Error('double not started');
      return double;
    },
    config(options = {}) {
      if (!double) throw new Error('double not started');
      return createConfig({ secretKey: double.secretKey, baseUrl: double.baseUrl, ...options });
    },
  };
}

/** Runs `fn`, expects it to reject, and returns the rejection. */
export async function rejectionOf(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the call resolved');
}

/** Expects `call` to reject with a `LavaApiError` and returns it. */
export async function apiErrorOf(call: () => Promise<unknown>): Promise<LavaApiError> {
  const error = await rejectionOf(call);
  expect(error).toBeInstanceOf(LavaApiError);
  return error as LavaApiError;
}

/** Expects `call` to reject with a `LavaApiError` of `status` (and a message matching `message`). */
export async function expectApiError(call: () => Promise<unknown>, status: number, message?: RegExp) {
  const error = await apiErrorOf(call);
  expect(error.status).toBe(status);
  if (message) expect((error as LavaApiError).message).toMatch(message);
  return error as LavaApiError;
}

/** Expects `call` to reject with a `LavaValidationError` naming `field`, and the double to have received nothing. */
export async function expectInvalid(double: LavaDouble, field: string, call: () => Promise<unknown>) {
  double.resetRequests();
  const error = await rejectionOf(call);
  expect(error).toBeInstanceOf(LavaValidationError);
  expect((error as LavaValidationError).field).toBe(field);
  expect(double.requestCount()).toBe(0);
}
