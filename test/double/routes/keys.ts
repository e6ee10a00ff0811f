// Secret keys (§3.11) and spend keys (§3.12). Authentication by these keys lives in
// DoubleState.merchantBySecretKey / spendKeyByKey, which skip deleted and revoked keys.
import {
  DoubleError,
  merchantOf,
  objectBody,
  paginate,
  type Route,
  type RouteContext,
  requireString,
} from '../http.js';
import {
  isDecimal,
  type LimitCycle,
  type Merchant,
  newSecret,
  type SecretKeyRecord,
  type SpendKeyRecord,
  spendKeyPreview,
} from '../state.js';

const MAX_SECRET_KEYS = 100;
const CYCLES: LimitCycle[] = ['daily', 'weekly', 'monthly', 'total'];

function secretKeyView(record: SecretKeyRecord) {
  return {
    secret_key_id: record.secret_key_id,
    name: record.name,
    secret_key_hint: record.secret_key_hint,
    created_at: record.created_at,
  };
}

function liveSecretKeys(merchant: Merchant): SecretKeyRecord[] {
  return [...merchant.secretKeys.values()].filter((k) => !k._deleted);
}

function createSecretKey(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const body = objectBody(ctx);
  for (const key of Object.keys(body)) if (key !== 'name') throw new DoubleError(400, `Unknown field: ${key}`);
  const name = requireString(body, 'name');
  if (liveSecretKeys(merchant).length >= MAX_SECRET_KEYS) {
    throw new DoubleError(400, `A merchant can have at most ${MAX_SECRET_KEYS} secret keys`, 'limit_reached');
  }
  const issued = ctx.state.issueSecretKey(merchant, name);
  return { status: 201, json: { ...secretKeyView(issued), secret_key: issued.secret_key } };
}

function deleteSecretKey(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const id = ctx.params.id as string;
  const record = merchant.secretKeys.get(id);
  if (!record || record._deleted) throw new DoubleError(404, `Secret key ${id} not found`);
  if (liveSecretKeys(merchant).length <= 1) {
    throw new DoubleError(400, 'The last remaining secret key cannot be deleted', 'last_secret_key');
  }
  record._deleted = true;
  return { json: { id: record.secret_key_id, deleted: true } };
}

function spendKeyView(record: SpendKeyRecord) {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) if (!name.startsWith('_')) out[name] = value;
  return out;
}

function findSpendKey(merchant: Merchant, id: string): SpendKeyRecord {
  const record = merchant.spendKeys.get(id);
  if (!record || record._revoked) throw new DoubleError(404, `Spend key ${id} not found`);
  return record;
}

function nonNegativeInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new DoubleError(400, `${field} must be a non-negative integer`);
  }
  return value;
}

function cycleOf(value: unknown, field: string): LimitCycle {
  if (!CYCLES.includes(value as LimitCycle)) throw new DoubleError(400, `${field} must be one of ${CYCLES.join(', ')}`);
  return value as LimitCycle;
}

function stringList(value: unknown, field: string): string[] | null {
  if (value === null) return null;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    throw new DoubleError(400, `${field} must be an array of non-empty strings or null`);
  }
  return [...(value as string[])];
}

function limitObject(value: unknown, field: string, keys: string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DoubleError(400, `${field} must be an object or null`);
  }
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) throw new DoubleError(400, `Unknown field: ${field}.${key}`);
  }
  return value as Record<string, unknown>;
}

const SPEND_KEY_FIELDS = [
  'name',
  'status',
  'request_shape',
  'allowed_models',
  'allowed_providers',
  'spend_limit',
  'request_limit',
  'rate_limit',
  'expires_at',
];

/** Validates the spend-key fields present in a body and returns them as record changes. */
function spendKeyChanges(body: Record<string, unknown>): Partial<SpendKeyRecord> {
  for (const key of Object.keys(body)) {
    if (!SPEND_KEY_FIELDS.includes(key)) throw new DoubleError(400, `Unknown field: ${key}`);
  }
  const changes: Partial<SpendKeyRecord> = {};
  if (body.name !== undefined) {
    if (typeof body.name !== 'string' || body.name === '' || body.name.length > 255) {
      throw new DoubleError(400, 'name must be 1-255 characters');
    }
    changes.name = body.name;
  }
  if (body.status !== undefined) {
    if (body.status !== 'active' && body.status !== 'paused')
      throw new DoubleError(400, 'status must be active or paused');
    changes.status = body.status;
  }
  if (body.request_shape !== undefined) {
    if (body.request_shape !== 'openai' && body.request_shape !== 'anthropic') {
      throw new DoubleError(400, 'request_shape must be openai or anthropic');
    }
    changes.request_shape = body.request_shape;
  }
  if (body.allowed_models !== undefined) changes.allowed_models = stringList(body.allowed_models, 'allowed_models');
  if (body.allowed_providers !== undefined) {
    changes.allowed_providers = stringList(body.allowed_providers, 'allowed_providers');
  }
  if (body.spend_limit !== undefined) {
    if (body.spend_limit === null) changes.spend_limit = null;
    else {
      const limit = limitObject(body.spend_limit, 'spend_limit', ['amount', 'cycle']);
      if (!isDecimal(limit.amount)) throw new DoubleError(400, 'spend_limit.amount must be a decimal string');
      changes.spend_limit = { amount: limit.amount, cycle: cycleOf(limit.cycle, 'spend_limit.cycle') };
    }
  }
  if (body.request_limit !== undefined) {
    if (body.request_limit === null) changes.request_limit = null;
    else {
      const limit = limitObject(body.request_limit, 'request_limit', ['count', 'cycle']);
      changes.request_limit = {
        count: nonNegativeInteger(limit.count, 'request_limit.count'),
        cycle: cycleOf(limit.cycle, 'request_limit.cycle'),
      };
    }
  }
  if (body.rate_limit !== undefined) {
    if (body.rate_limit === null) changes.rate_limit = null;
    else {
      const limit = limitObject(body.rate_limit, 'rate_limit', ['rpm', 'burst']);
      changes.rate_limit = {
        rpm: nonNegativeInteger(limit.rpm, 'rate_limit.rpm'),
        burst:
          limit.burst === undefined || limit.burst === null
            ? null
            : nonNegativeInteger(limit.burst, 'rate_limit.burst'),
      };
    }
  }
  if (body.expires_at !== undefined) {
    if (
      body.expires_at !== null &&
      (typeof body.expires_at !== 'string' || Number.isNaN(Date.parse(body.expires_at)))
    ) {
      throw new DoubleError(400, 'expires_at must be an ISO 8601 timestamp or null');
    }
    changes.expires_at = body.expires_at === null ? null : new Date(body.expires_at as string).toISOString();
  }
  return changes;
}

function createSpendKey(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const body = objectBody(ctx);
  requireString(body, 'name');
  const changes = spendKeyChanges(body);
  const { record, key } = ctx.state.issueSpendKey(merchant, changes);
  return { status: 201, json: { ...spendKeyView(record), key } };
}

function updateSpendKey(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const record = findSpendKey(merchant, ctx.params.id as string);
  // Only the fields given change (the official SDK sends a partial object on PUT).
  Object.assign(record, spendKeyChanges(objectBody(ctx)));
  return { json: spendKeyView(record) };
}

function rotateSpendKey(ctx: RouteContext) {
  const merchant = merchantOf(ctx);
  const record = findSpendKey(merchant, ctx.params.id as string);
  if (ctx.rawBody.length > 0) throw new DoubleError(400, 'rotate takes no request body');
  const key = newSecret('lava_sk_');
  record._key = key;
  record.key_preview = spendKeyPreview(key);
  return { json: { ...spendKeyView(record), key } };
}

export const routes: Route[] = [
  {
    method: 'GET',
    pattern: 'secret_keys',
    handler: (ctx) => {
      const page = paginate(liveSecretKeys(merchantOf(ctx)), ctx.query, (k) => k.secret_key_id);
      return { json: { ...page, data: page.data.map(secretKeyView) } };
    },
  },
  { method: 'POST', pattern: 'secret_keys', handler: createSecretKey },
  { method: 'DELETE', pattern: 'secret_keys/:id', handler: deleteSecretKey },
  {
    method: 'GET',
    pattern: 'spend_keys',
    handler: (ctx) => {
      const live = [...merchantOf(ctx).spendKeys.values()].filter((k) => !k._revoked);
      const page = paginate(live, ctx.query, (k) => k.spend_key_id);
      return { json: { ...page, data: page.data.map(spendKeyView) } };
    },
  },
  { method: 'POST', pattern: 'spend_keys', handler: createSpendKey },
  {
    method: 'GET',
    pattern: 'spend_keys/:id',
    handler: (ctx) => ({ json: spendKeyView(findSpendKey(merchantOf(ctx), ctx.params.id as string)) }),
  },
  { method: 'PUT', pattern: 'spend_keys/:id', handler: updateSpendKey },
  {
    method: 'DELETE',
    pattern: 'spend_keys/:id',
    handler: (ctx) => {
      findSpendKey(merchantOf(ctx), ctx.params.id as string)._revoked = true;
      return { json: { success: true } };
    },
  },
  { method: 'POST', pattern: 'spend_keys/:id/rotate', handler: rotateSpendKey },
];
