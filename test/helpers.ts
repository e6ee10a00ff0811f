// Shared fixtures: a double per test file and a config pointed at it.
import { afterAll, beforeAll } from 'vitest';
import { createConfig, type LavaConfig, type LavaConfigOptions } from '../src/index.js';
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
