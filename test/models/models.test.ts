import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createConfig, LavaApiError, LavaValidationError, listModels } from '../../src/index.js';
import { ModelListSchema } from '../../src/models/shapes.js';
import { MODEL_CATALOG } from '../double/routes/models.js';
import type { SpendKeyRecord } from '../double/state.js';
import { rejectionOf, useDouble } from '../helpers.js';

const lava = useDouble();

/** Issues a spend key straight into the double's state (spend-key operations are another suite's). */
function spendKey(fields: Partial<SpendKeyRecord>): string {
  return lava.double.state.issueSpendKey(lava.double.merchant, { name: 'models test', ...fields }).key;
}

const ids = (list: { data: { id: string }[] }) => list.data.map((m) => m.id);
const spendConfig = (key: string) => createConfig({ secretKey: key, baseUrl: lava.double.baseUrl });

describe('listModels against the double', () => {
  it('lists every model, in OpenAI list format, with a merchant secret key', async () => {
    const list = await listModels(lava.config());
    expect(v.is(ModelListSchema, list)).toBe(true);
    expect(list.object).toBe('list');
    expect(ids(list)).toEqual(MODEL_CATALOG.map((m) => m.id));
    expect(list.data.every((m) => m.object === 'model')).toBe(true);
  });

  it('the double serves the list without any credential (the endpoint is public)', async () => {
    const response = await fetch(`${lava.double.baseUrl}v1/models`);
    expect(response.status).toBe(200);
    const list = await response.json();
    expect(v.is(ModelListSchema, list)).toBe(true);
    expect(ids(list as { data: { id: string }[] })).toEqual(MODEL_CATALOG.map((m) => m.id));
  });

  it('with a spend key as the config key, lists only the models that key may use', async () => {
    const onlyTwo = spendKey({ allowed_models: ['gpt-4o-mini', 'claude-haiku-4-5'] });
    expect(ids(await listModels(spendConfig(onlyTwo)))).toEqual(['gpt-4o-mini', 'claude-haiku-4-5']);

    const anthropic = spendKey({ allowed_providers: ['anthropic'] });
    expect(ids(await listModels(spendConfig(anthropic)))).toEqual(
      MODEL_CATALOG.filter((m) => m.owned_by === 'anthropic').map((m) => m.id),
    );

    const both = spendKey({ allowed_models: ['gpt-4o', 'claude-opus-4-6'], allowed_providers: ['openai'] });
    expect(ids(await listModels(spendConfig(both)))).toEqual(['gpt-4o']);

    const unrestricted = spendKey({});
    expect(ids(await listModels(spendConfig(unrestricted)))).toHaveLength(MODEL_CATALOG.length);

    lava.double.resetRequests();
    await listModels(spendConfig(onlyTwo));
    expect(lava.double.requests[0]?.headers.authorization).toBe(`Bearer ${onlyTwo}`);
  });

  it('maps the double’s 401 for an unknown or revoked key', async () => {
    const revoked = spendKey({ _revoked: true });
    for (const key of [revoked, 'lava_sk_not_a_real_key_at_all']) {
      const error = (await rejectionOf(() => listModels(spendConfig(key)))) as LavaApiError;
      expect(error).toBeInstanceOf(LavaApiError);
      expect(error.status).toBe(401);
      expect(error.message).not.toContain(key);
    }
  });

  it('sends GET /v1/models with no query and no body', async () => {
    lava.double.resetRequests();
    await listModels(lava.config(), { headers: { 'x-call': 'models' } });
    const [sent] = lava.double.requests;
    expect(sent?.method).toBe('GET');
    expect(sent?.path).toBe('/v1/models');
    expect(sent?.query).toEqual({});
    expect(sent?.body).toBe('');
    expect(sent?.headers['x-call']).toBe('models');
  });

  it('rejects something that is not a config with a validation error naming config, nothing sent', async () => {
    lava.double.resetRequests();
    const error = await rejectionOf(() => listModels({ baseUrl: lava.double.baseUrl } as never));
    expect(error).toBeInstanceOf(LavaValidationError);
    expect((error as LavaValidationError).field).toBe('config');
    expect(lava.double.requestCount()).toBe(0);
  });
});
