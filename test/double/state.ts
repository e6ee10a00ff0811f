// In-memory state of the local Lava double. One `DoubleState` per running double; every entity
// lives under the merchant that owns it. The shapes follow ../shared/lava-api.md §3.1; fields
// kept only for the double's own bookkeeping start with an underscore and are never sent.

import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let lastTime = 0;
let sequence = 0;

/** A ULID-like id that sorts in creation order: `prefix` + 26 Crockford base32 characters. */
export function newId(prefix: string): string {
  const now = Date.now();
  sequence = now === lastTime ? sequence + 1 : 0;
  lastTime = now;
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const seq = sequence.toString(32).toUpperCase().padStart(4, '0').slice(-4);
  const random = Array.from(randomBytes(12), (b) => CROCKFORD[b % 32]).join('');
  return `${prefix}${time}${seq}${random}`;
}

/** A random secret such as `aks_test_…` (hex body). */
export function newSecret(prefix: string, bytes = 24): string {
  return prefix + randomBytes(bytes).toString('hex');
}

export function nowIso(): string {
  return new Date().toISOString();
}

export type BillingInterval = 'day' | 'week' | 'month' | 'year';
export type RolloverType = 'full' | 'none';

export interface CustomerRecord {
  customer_id: string;
  reference_id: string | null;
  contact: { phone: string; email: string; first_name: string; last_name: string };
  metadata: Record<string, unknown> | null;
  created_at: string;
  /** The customer's current subscription, if any. */
  _subscription_id: string | null;
  _deleted: boolean;
}

export interface CreditBundleRecord {
  credit_bundle_id: string;
  plan_id: string;
  name: string;
  cost: string;
  credit_amount: string;
  created_at: string;
  _deleted: boolean;
}

export interface PlanRecord {
  plan_id: string;
  merchant_id: string;
  name: string;
  period_amount: string;
  included_credit: string;
  billing_interval: BillingInterval;
  rollover_type: RolloverType;
  bundle_rollover_type: RolloverType;
  default_auto_top_up_bundle_id: string | null;
  meter_ids: string[];
  created_at: string;
  /** True for the free plan every merchant starts with. */
  _default: boolean;
  _deleted: boolean;
}

export interface SubscriptionRecord {
  subscription_id: string;
  customer_id: string;
  plan_id: string;
  status: 'active' | 'cancelled';
  auto_top_up_bundle_id: string | null;
  started_at: string;
  cancelled_at: string | null;
  cycle_start_at: string | null;
  cycle_end_at: string | null;
  /** Remaining credit of the current cycle and from bought bundles, in units of 1e-10 USD. */
  _cycle_remaining: bigint;
  _bundle_remaining: bigint;
  pending_change: {
    type: 'cancellation' | 'downgrade';
    effective_at: string | null;
    plan_id?: string;
    name?: string;
    period_amount?: string;
    included_credit?: string;
  } | null;
}

export type TierType = 'tokens_1m' | 'characters_1m' | 'minutes' | 'requests';

export interface MeterRecord {
  meter_id: string;
  meter_slug: string;
  name: string;
  rate_type: 'fixed' | 'percentage';
  tier_type: TierType;
  tiers: { start: number; rate: string; type: TierType }[];
  created_at: string;
  _deleted: boolean;
}

export interface ModelUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  input_characters: number;
  output_characters: number;
  total_characters: number;
  input_seconds: number;
  output_seconds: number;
  total_seconds: number;
  input_cost: string;
  output_cost: string;
  total_cost: string;
}

export interface RequestRecord {
  request_id: string;
  status: 'pending' | 'completed' | 'error';
  customer_id?: string;
  meter_id?: string;
  model?: string;
  response_id?: string;
  timestamp?: string;
  provider: string;
  provider_key_type: 'managed' | 'unmanaged' | 'stored';
  endpoint: string;
  model_usage: ModelUsage;
  cost: string;
  charge: {
    amount: string;
    rate_type: 'fixed' | 'percentage';
    breakdown: {
      tier: { start: number; rate: string; type: TierType };
      tokens: number;
      characters: number;
      seconds: number;
      cost: string;
    }[];
  };
  metadata: Record<string, string>;
  created_at: string;
}

export interface WebhookRecord {
  webhook_id: string;
  name: string;
  url: string;
  created_at: string;
  _secret: string;
  _deleted: boolean;
}

export interface SecretKeyRecord {
  secret_key_id: string;
  name: string;
  secret_key_hint: string;
  created_at: string;
  _key: string;
  _deleted: boolean;
}

export type LimitCycle = 'daily' | 'weekly' | 'monthly' | 'total';

export interface SpendKeyRecord {
  spend_key_id: string;
  key_preview: string;
  name: string;
  wallet_id: string;
  status: 'active' | 'paused';
  request_shape: 'openai' | 'anthropic';
  allowed_models: string[] | null;
  allowed_providers: string[] | null;
  spend_limit: { amount: string; cycle: LimitCycle } | null;
  current_spend: string;
  total_spend: string;
  request_limit: { count: number; cycle: LimitCycle } | null;
  current_requests: number;
  total_requests: number;
  rate_limit: { rpm: number; burst: number | null } | null;
  expires_at: string | null;
  last_used_at: string | null;
  created_at: string;
  _key: string;
  _revoked: boolean;
}

export interface CheckoutSessionRecord {
  checkout_session_id: string;
  checkout_session_token: string;
  checkout_mode: 'subscription' | 'credit_bundle';
  origin_url: string;
  customer_id?: string;
  plan_id?: string;
  credit_bundle_id?: string;
  created_at: string;
  completed_at?: string;
  _secret: string;
}

export interface Merchant {
  merchant_id: string;
  wallet_id: string;
  account_id: string;
  /** `test` merchants get `aks_test_` keys and `_test_` ids; `live` ones `aks_live_`. */
  mode: 'test' | 'live';
  /** The merchant's own wallet balance (merchant-paid gateway calls draw on it), 1e-10 USD. */
  _wallet_balance: bigint;
  customers: Map<string, CustomerRecord>;
  plans: Map<string, PlanRecord>;
  creditBundles: Map<string, CreditBundleRecord>;
  subscriptions: Map<string, SubscriptionRecord>;
  meters: Map<string, MeterRecord>;
  requests: Map<string, RequestRecord>;
  webhooks: Map<string, WebhookRecord>;
  secretKeys: Map<string, SecretKeyRecord>;
  spendKeys: Map<string, SpendKeyRecord>;
  checkoutSessions: Map<string, CheckoutSessionRecord>;
  walletKeys: { wallet_key_id: string; wallet_key: string }[];
}

/** A one-time code issued by the double's `/auth/connect` page, redeemed by `POST /v1/auth/callback`. */
export interface AuthCodeRecord {
  merchant_id: string;
  /** `Date.now()` when issued; the control endpoint moves it back to age the code. */
  issued_at: number;
  used: boolean;
}

/** A spend key's preview: `lava_sk_` and the first eight characters of its body, then `****`. */
export function spendKeyPreview(key: string): string {
  return `${key.slice(0, 'lava_sk_'.length + 8)}****`;
}

export class DoubleState {
  readonly merchants = new Map<string, Merchant>();
  /** Authorization codes of the browser login, by code. */
  readonly authCodes = new Map<string, AuthCodeRecord>();
  /** The merchant signed in to the double's app pages; default: the first merchant created. */
  signedInMerchantId: string | undefined;

  /** Creates a merchant with a default free plan and one active secret key; returns both. */
  createMerchant(mode: 'test' | 'live' = 'test'): { merchant: Merchant; secretKey: string } {
    const infix = mode === 'test' ? 'test_' : '';
    const merchant: Merchant = {
      merchant_id: newId(`mer_${infix}`),
      wallet_id: newId(`wal_${infix}`),
      account_id: newId(`acc_${infix}`),
      mode,
      _wallet_balance: 100n * 10n ** 10n,
      customers: new Map(),
      plans: new Map(),
      creditBundles: new Map(),
      subscriptions: new Map(),
      meters: new Map(),
      requests: new Map(),
      webhooks: new Map(),
      secretKeys: new Map(),
      spendKeys: new Map(),
      checkoutSessions: new Map(),
      walletKeys: [],
    };
    this.merchants.set(merchant.merchant_id, merchant);
    this.addPlan(merchant, { name: 'Free', period_amount: '0.00', _default: true });
    const secretKey = this.issueSecretKey(merchant, 'Default').secret_key;
    return { merchant, secretKey };
  }

  /** Stores a plan with Lava's defaults for every field not given (a $0 monthly plan, no rollover). */
  addPlan(merchant: Merchant, fields: Partial<PlanRecord> = {}): PlanRecord {
    const plan: PlanRecord = {
      plan_id: newId(merchant.mode === 'test' ? 'sub_test_' : 'sub_'),
      merchant_id: merchant.merchant_id,
      name: 'Plan',
      period_amount: '0.00',
      included_credit: '0.00',
      billing_interval: 'month',
      rollover_type: 'none',
      bundle_rollover_type: 'none',
      default_auto_top_up_bundle_id: null,
      meter_ids: [],
      created_at: nowIso(),
      _default: false,
      _deleted: false,
      ...fields,
    };
    merchant.plans.set(plan.plan_id, plan);
    return plan;
  }

  /** Stores a new active spend key with Lava's defaults (no limits) and returns it with its raw key. */
  issueSpendKey(merchant: Merchant, fields: Partial<SpendKeyRecord> = {}): { record: SpendKeyRecord; key: string } {
    const key = newSecret('lava_sk_');
    const record: SpendKeyRecord = {
      spend_key_id: newId(merchant.mode === 'test' ? 'spk_test_' : 'spk_'),
      // `lava_sk_a1b2c3d4****`: the prefix and the first eight characters of the key's body.
      key_preview: spendKeyPreview(key),
      name: 'Spend key',
      wallet_id: merchant.wallet_id,
      status: 'active',
      request_shape: 'openai',
      allowed_models: null,
      allowed_providers: null,
      spend_limit: null,
      current_spend: '0.00',
      total_spend: '0.00',
      request_limit: null,
      current_requests: 0,
      total_requests: 0,
      rate_limit: null,
      expires_at: null,
      last_used_at: null,
      created_at: nowIso(),
      _key: key,
      _revoked: false,
      ...fields,
    };
    merchant.spendKeys.set(record.spend_key_id, record);
    return { record, key };
  }

  /** Issues a new secret key for the merchant and returns the record plus the raw key. */
  issueSecretKey(merchant: Merchant, name: string): SecretKeyRecord & { secret_key: string } {
    const key = newSecret(merchant.mode === 'test' ? 'aks_test_' : 'aks_live_');
    const record: SecretKeyRecord = {
      secret_key_id: newId(merchant.mode === 'test' ? 'sk_test_' : 'sk_'),
      name,
      secret_key_hint: key.slice(-4),
      created_at: nowIso(),
      _key: key,
      _deleted: false,
    };
    merchant.secretKeys.set(record.secret_key_id, record);
    return { ...record, secret_key: key };
  }

  /** The merchant that owns an active secret key, or undefined. */
  merchantBySecretKey(key: string): Merchant | undefined {
    for (const merchant of this.merchants.values()) {
      for (const record of merchant.secretKeys.values()) {
        if (!record._deleted && record._key === key) return merchant;
      }
    }
    return undefined;
  }

  /** The merchant and record of an active spend key, or undefined. */
  spendKeyByKey(key: string): { merchant: Merchant; spendKey: SpendKeyRecord } | undefined {
    for (const merchant of this.merchants.values()) {
      for (const spendKey of merchant.spendKeys.values()) {
        if (!spendKey._revoked && spendKey._key === key) return { merchant, spendKey };
      }
    }
    return undefined;
  }
}

/** Decimal strings ⇄ fixed-point units of 1e-10, so the double never rounds money in floats. */
export const MONEY_SCALE = 10;
const SCALE = 10n ** BigInt(MONEY_SCALE);

export function toUnits(decimal: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!match) throw new Error(`not a decimal string: ${decimal}`);
  const [, sign, whole, fraction = ''] = match;
  const units = BigInt(whole as string) * SCALE + BigInt((fraction + '0'.repeat(MONEY_SCALE)).slice(0, MONEY_SCALE));
  return sign === '-' ? -units : units;
}

export function fromUnits(units: bigint, digits = MONEY_SCALE): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / SCALE;
  const fraction = (abs % SCALE).toString().padStart(MONEY_SCALE, '0').slice(0, digits);
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
}

/** Whether a string is a decimal amount as Lava takes it (`"49.00"`, `"0.5"`). */
export function isDecimal(value: unknown): value is string {
  return typeof value === 'string' && /^\d+(\.\d+)?$/.test(value);
}
