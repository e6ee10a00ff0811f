import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DeletedSchema, listSchema, SuccessSchema } from '../../src/core/shapes.js';
import {
  collectAll,
  createConfig,
  createSecretKey,
  createSpendKey,
  deleteSecretKey,
  getSpendKey,
  listModels,
  listPlans,
  listSecretKeys,
  listSpendKeys,
  revokeSpendKey,
  rotateSpendKey,
  updateSpendKey,
} from '../../src/index.js';
import {
  CreatedSecretKeySchema,
  SecretKeySchema,
  SpendKeySchema,
  SpendKeyWithKeySchema,
} from '../../src/keys/shapes.js';
import { expectApiError, expectInvalid, useDouble } from '../helpers.js';

const lava = useDouble();

/** A config for a merchant of its own, so key counts do not depend on other tests. */
function freshMerchant() {
  const { merchant, secretKey } = lava.double.state.createMerchant('test');
  return { merchant, secretKey, config: lava.config({ secretKey }) };
}

describe('secret keys against the double', () => {
  it('returns the raw key once; afterwards only the hint; the new key authenticates; a deleted key gets 401', async () => {
    const { secretKey, config } = freshMerchant();
    const before = await listSecretKeys(config);
    expect(v.is(listSchema(SecretKeySchema), before)).toBe(true);
    expect(before.data.map((k) => k.name)).toEqual(['Default']);
    expect(before.data[0]?.secret_key_hint).toBe(secretKey.slice(-4));
    expect(JSON.stringify(before)).not.toContain(secretKey);

    const created = await createSecretKey(config, { name: 'CI' });
    expect(v.is(CreatedSecretKeySchema, created)).toBe(true);
    expect(created.secret_key).toMatch(/^aks_test_/);
    expect(created.secret_key_hint).toBe(created.secret_key.slice(-4));

    const after = await listSecretKeys(config);
    const listed = after.data.find((k) => k.secret_key_id === created.secret_key_id);
    expect(listed).toEqual({
      secret_key_id: created.secret_key_id,
      name: 'CI',
      secret_key_hint: created.secret_key_hint,
      created_at: created.created_at,
    });
    expect(JSON.stringify(after)).not.toContain(created.secret_key);

    const ciConfig = lava.config({ secretKey: created.secret_key });
    expect((await listSecretKeys(ciConfig)).data).toHaveLength(2);

    const deleted = await deleteSecretKey(config, created.secret_key_id);
    expect(v.is(DeletedSchema, deleted)).toBe(true);
    expect(deleted).toEqual({ id: created.secret_key_id, deleted: true });
    const denied = await expectApiError(() => listPlans(ciConfig), 401);
    expect(String(denied)).not.toContain(created.secret_key);
    expect(JSON.stringify(denied)).not.toContain(created.secret_key);
    expect((await listSecretKeys(config)).data.map((k) => k.secret_key_id)).not.toContain(created.secret_key_id);
    await expectApiError(() => deleteSecretKey(config, created.secret_key_id), 404);
  });

  it('the last remaining key cannot be deleted (400), and the key keeps working', async () => {
    const { config } = freshMerchant();
    const [only] = (await listSecretKeys(config)).data;
    const error = await expectApiError(() => deleteSecretKey(config, only?.secret_key_id as string), 400, /last/);
    expect(error.code).toBe('last_secret_key');
    expect((await listSecretKeys(config)).data).toHaveLength(1);
  });

  it('a merchant has at most 100 secret keys', async () => {
    const { merchant, config } = freshMerchant();
    // 98 straight into the double's state, the 100th through the API, then one more.
    for (let i = 1; i < 99; i++) lava.double.state.issueSecretKey(merchant, `key ${i}`);
    await createSecretKey(config, { name: 'key 99' });
    expect(await collectAll(listSecretKeys, config, { limit: 100 }, { max: Infinity })).toHaveLength(100);
    await expectApiError(() => createSecretKey(config, { name: 'one too many' }), 400, /at most 100/);
  });

  it('rejects bad input before sending anything', async () => {
    const config = lava.config();
    await expectInvalid(lava.double, 'params.name', () => createSecretKey(config, { name: '' }));
    await expectInvalid(lava.double, 'params.name', () => createSecretKey(config, {} as never));
    await expectInvalid(lava.double, 'params.label', () => createSecretKey(config, { name: 'x', label: 'y' } as never));
    await expectInvalid(lava.double, 'id', () => deleteSecretKey(config, ''));
    await expectInvalid(lava.double, 'params.limit', () => listSecretKeys(config, { limit: 1.5 }));
  });
});

describe('spend keys against the double', () => {
  it('creates (raw key once), gets, lists, updates with PUT (only the given fields), rotates and revokes', async () => {
    const config = lava.config();
    const created = await createSpendKey(config, {
      name: 'Claude Code',
      request_shape: 'anthropic',
      allowed_models: ['claude-opus-4-6'],
      spend_limit: { amount: '25.00', cycle: 'monthly' },
      request_limit: { count: 1000, cycle: 'daily' },
      rate_limit: { rpm: 60 },
      expires_at: '2030-01-01T00:00:00.000Z',
    });
    expect(v.is(SpendKeyWithKeySchema, created)).toBe(true);
    expect(created.key).toMatch(/^lava_sk_[0-9a-f]+$/);
    expect(created.key_preview).toBe(`${created.key.slice(0, 16)}****`);
    expect(created).toMatchObject({
      name: 'Claude Code',
      status: 'active',
      request_shape: 'anthropic',
      allowed_models: ['claude-opus-4-6'],
      allowed_providers: null,
      spend_limit: { amount: '25.00', cycle: 'monthly' },
      request_limit: { count: 1000, cycle: 'daily' },
      rate_limit: { rpm: 60, burst: null },
      expires_at: '2030-01-01T00:00:00.000Z',
      wallet_id: lava.double.merchant.wallet_id,
    });
    expect(lava.double.state.spendKeyByKey(created.key)?.spendKey.spend_key_id).toBe(created.spend_key_id);

    const fetched = await getSpendKey(config, created.spend_key_id);
    expect(v.is(SpendKeySchema, fetched)).toBe(true);
    expect(fetched).not.toHaveProperty('key');
    const { key: _raw, ...withoutKey } = created;
    expect(fetched).toEqual(withoutKey);
    const page = await listSpendKeys(config);
    expect(v.is(listSchema(SpendKeySchema), page)).toBe(true);
    expect(page.data.map((k) => k.spend_key_id)).toContain(created.spend_key_id);
    expect(JSON.stringify(page)).not.toContain(created.key);

    const paused = await updateSpendKey(config, created.spend_key_id, { status: 'paused', spend_limit: null });
    expect(v.is(SpendKeySchema, paused)).toBe(true);
    expect(paused).toEqual({ ...withoutKey, status: 'paused', spend_limit: null });
    expect((await getSpendKey(config, created.spend_key_id)).status).toBe('paused');

    const rotated = await rotateSpendKey(config, created.spend_key_id);
    expect(v.is(SpendKeyWithKeySchema, rotated)).toBe(true);
    expect(rotated.key).not.toBe(created.key);
    expect(rotated.key_preview).toBe(`${rotated.key.slice(0, 16)}****`);
    expect(rotated).toMatchObject({
      spend_key_id: created.spend_key_id,
      status: 'paused',
      request_limit: created.request_limit,
    });
    expect(lava.double.state.spendKeyByKey(created.key)).toBeUndefined();
    expect(lava.double.state.spendKeyByKey(rotated.key)?.spendKey.spend_key_id).toBe(created.spend_key_id);

    const revoked = await revokeSpendKey(config, created.spend_key_id);
    expect(v.is(SuccessSchema, revoked)).toBe(true);
    expect(revoked).toEqual({ success: true });
    expect(lava.double.state.spendKeyByKey(rotated.key)).toBeUndefined();
    await expectApiError(() => getSpendKey(config, created.spend_key_id), 404, /not found/);
    expect((await listSpendKeys(config, { limit: 100 })).data.map((k) => k.spend_key_id)).not.toContain(
      created.spend_key_id,
    );
  });

  it('seen from the spend key itself (listModels): filtered by allowed_models; rotate stops the old key, revoke the new one', async () => {
    const config = lava.config();
    const everything = await listModels(config);
    const someModel = everything.data[0]?.id as string;
    expect(typeof someModel).toBe('string');
    const created = await createSpendKey(config, { name: 'agent', allowed_models: [someModel] });
    const asKey = (key: string) => createConfig({ secretKey: key, baseUrl: lava.double.baseUrl, retry: 0 });
    expect((await listModels(asKey(created.key))).data.map((m) => m.id)).toEqual([someModel]);

    const widened = await updateSpendKey(config, created.spend_key_id, { allowed_models: null });
    expect(widened.allowed_models).toBeNull();
    expect((await listModels(asKey(created.key))).data.length).toBe(everything.data.length);

    const rotated = await rotateSpendKey(config, created.spend_key_id);
    const stale = await expectApiError(() => listModels(asKey(created.key)), 401);
    expect(String(stale)).not.toContain(created.key);
    expect((await listModels(asKey(rotated.key))).data.length).toBe(everything.data.length);

    await revokeSpendKey(config, created.spend_key_id);
    await expectApiError(() => listModels(asKey(rotated.key)), 401);
  });

  it('maps 404 for unknown or revoked keys on every id operation', async () => {
    const config = lava.config();
    const key = await createSpendKey(config, { name: 'short-lived' });
    await revokeSpendKey(config, key.spend_key_id);
    for (const id of ['spk_missing', key.spend_key_id]) {
      await expectApiError(() => getSpendKey(config, id), 404);
      await expectApiError(() => updateSpendKey(config, id, { name: 'x' }), 404);
      await expectApiError(() => revokeSpendKey(config, id), 404);
      await expectApiError(() => rotateSpendKey(config, id), 404);
    }
  });

  it('rejects bad input before sending anything', async () => {
    const config = lava.config();
    await expectInvalid(lava.double, 'params.name', () => createSpendKey(config, {} as never));
    await expectInvalid(lava.double, 'params.name', () => createSpendKey(config, { name: 'x'.repeat(256) }));
    await expectInvalid(lava.double, 'params.status', () =>
      createSpendKey(config, { name: 'k', status: 'revoked' as never }),
    );
    await expectInvalid(lava.double, 'params.request_shape', () =>
      createSpendKey(config, { name: 'k', request_shape: 'gemini' as never }),
    );
    await expectInvalid(lava.double, 'params.allowed_models.0', () =>
      createSpendKey(config, { name: 'k', allowed_models: [''] }),
    );
    await expectInvalid(lava.double, 'params.spend_limit.amount', () =>
      createSpendKey(config, { name: 'k', spend_limit: { amount: '$5', cycle: 'daily' } }),
    );
    await expectInvalid(lava.double, 'params.spend_limit.amount', () =>
      createSpendKey(config, { name: 'k', spend_limit: { amount: 5 as never, cycle: 'daily' } }),
    );
    await expectInvalid(lava.double, 'params.spend_limit.cycle', () =>
      createSpendKey(config, { name: 'k', spend_limit: { amount: '5', cycle: 'hourly' as never } }),
    );
    await expectInvalid(lava.double, 'params.request_limit.count', () =>
      createSpendKey(config, { name: 'k', request_limit: { count: -1, cycle: 'total' } }),
    );
    await expectInvalid(lava.double, 'params.request_limit.count', () =>
      createSpendKey(config, { name: 'k', request_limit: { count: 2.5, cycle: 'total' } }),
    );
    await expectInvalid(lava.double, 'params.request_limit.cycle', () =>
      updateSpendKey(config, 'spk_1', { request_limit: { count: 1, cycle: 'yearly' as never } }),
    );
    await expectInvalid(lava.double, 'params.rate_limit.rpm', () =>
      createSpendKey(config, { name: 'k', rate_limit: { rpm: -5 } }),
    );
    await expectInvalid(lava.double, 'params.rate_limit.burst', () =>
      updateSpendKey(config, 'spk_1', { rate_limit: { rpm: 5, burst: 0.5 } }),
    );
    await expectInvalid(lava.double, 'params.expires_at', () =>
      updateSpendKey(config, 'spk_1', { expires_at: 'next tuesday' }),
    );
    await expectInvalid(lava.double, 'params.status', () =>
      updateSpendKey(config, 'spk_1', { status: 'deleted' as never }),
    );
    await expectInvalid(lava.double, 'params.key', () =>
      updateSpendKey(config, 'spk_1', { key: 'lava_sk_x' } as never),
    );
    await expectInvalid(lava.double, 'id', () => getSpendKey(config, ''));
    await expectInvalid(lava.double, 'id', () => updateSpendKey(config, '', { name: 'x' }));
    await expectInvalid(lava.double, 'id', () => revokeSpendKey(config, '..'));
    await expectInvalid(lava.double, 'id', () => rotateSpendKey(config, ''));
    await expectInvalid(lava.double, 'params.cursor', () => listSpendKeys(config, { cursor: '' }));
  });
});
