import { Lava } from '@lavapayments/nodejs';
import { describe, expect, it } from 'vitest';
import {
  createConfig,
  isLavaValidationError,
  PROVIDER_UPSTREAMS,
  type ProviderName,
  providerUrl,
} from '../../src/index.js';
import { rejectionOf } from '../helpers.js';

const secretKey = 'aks_test_providers_0123456789abcdef';

describe('providerUrl and PROVIDER_UPSTREAMS', () => {
  const hosts = ['http://127.0.0.1:4010/', 'https://api.lava.so/', 'https://proxy.example.com/lava/'];
  const officialKeys = Object.keys(new Lava(secretKey, { baseUrl: 'https://api.lava.so/v1/' }).providers);

  it('has exactly the official 28 keys, in the same order', () => {
    expect(officialKeys).toHaveLength(28);
    expect(Object.keys(PROVIDER_UPSTREAMS)).toEqual(officialKeys);
  });

  it.each(hosts)('gives the official lava.providers string for every key (base %s)', (root) => {
    const config = createConfig({ secretKey, baseUrl: root });
    const official = new Lava(secretKey, { baseUrl: `${root}v1/` }).providers as Record<string, string>;
    for (const name of officialKeys) {
      expect(providerUrl(config, name as ProviderName)).toBe(official[name]);
    }
  });

  it('gives the same strings whether the config base URL has /v1/ or not', () => {
    const withV1 = createConfig({ secretKey, baseUrl: 'http://127.0.0.1:4010/v1/' });
    expect(providerUrl(withV1, 'anthropic')).toBe('http://127.0.0.1:4010/v1/forward?u=https://api.anthropic.com/v1');
  });

  it('types the names so a typo does not compile', () => {
    const config = createConfig({ secretKey, baseUrl: 'http://127.0.0.1:4010/' });
    // @ts-expect-error: 'opnai' is not a ProviderName
    expect(() => providerUrl(config, 'opnai')).toThrow();
    const name: ProviderName = 'googleOpenaiCompatible';
    expect(providerUrl(config, name)).toContain('/v1beta/openai');
  });

  it('is frozen', () => {
    expect(Object.isFrozen(PROVIDER_UPSTREAMS)).toBe(true);
    expect(() => {
      (PROVIDER_UPSTREAMS as Record<string, string>).openai = 'https://evil.example';
    }).toThrow(TypeError);
  });

  it('rejects an unknown provider name (and prototype keys) with a LavaValidationError naming name', async () => {
    const config = createConfig({ secretKey, baseUrl: 'http://127.0.0.1:4010/' });
    for (const name of ['openrouter', 'toString', '__proto__', '']) {
      const error = await rejectionOf(async () => providerUrl(config, name as ProviderName));
      expect(isLavaValidationError(error) && error.field).toBe('name');
    }
  });
});
