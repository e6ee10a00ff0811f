// The one way a gateway call can be sent twice through @lava/fn: a vendor SDK on createLavaFetch
// retries on its own (openai and @anthropic-ai/sdk: 2 retries by default). Measured here so the
// README's advice (maxRetries: 0) stays true; the SDK's own gateway calls are never resent.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createLavaFetch } from '../../src/index.js';
import { useDouble } from '../helpers.js';
import { guardProcess } from './support.js';

guardProcess();
const lava = useDouble();
const FORWARD = { method: 'POST', path: '/v1/forward' };
// The vendor SDKs honour `retry-after-ms`: their retries come at once instead of after ~0.5 s.
const fault = { match: FORWARD, status: 500, times: 10, headers: { 'retry-after-ms': '5' } };

const openai = (maxRetries?: number) =>
  new OpenAI({
    apiKey: 'sk-dummy',
    fetch: createLavaFetch(lava.config()),
    ...(maxRetries === undefined ? {} : { maxRetries }),
  });
const anthropic = (maxRetries?: number) =>
  new Anthropic({
    apiKey: 'sk-ant-dummy',
    fetch: createLavaFetch(lava.config()),
    ...(maxRetries === undefined ? {} : { maxRetries }),
  });

const calls = {
  openai: (maxRetries?: number) =>
    openai(maxRetries).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
  anthropic: (maxRetries?: number) =>
    anthropic(maxRetries).messages.create({
      model: 'claude-3-5-haiku-latest',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'hi' }],
    }),
};

describe('vendor SDKs over createLavaFetch, on a 500 from the gateway', () => {
  it.each(Object.keys(calls) as (keyof typeof calls)[])(
    '%s resends by default, and sends once with maxRetries: 0',
    async (vendor) => {
      lava.double.resetRequests();
      lava.double.injectFault(fault);
      await expect(calls[vendor]()).rejects.toThrow();
      // The vendor's default: the AI request went out three times.
      expect(lava.double.requestCount(FORWARD)).toBe(3);

      lava.double.clearFaults();
      lava.double.resetRequests();
      lava.double.injectFault(fault);
      await expect(calls[vendor](0)).rejects.toThrow();
      expect(lava.double.requestCount(FORWARD)).toBe(1);
      lava.double.clearFaults();
    },
  );
});
