// Models, lava-api.md §3.13: OpenAI's list format, public. Called with a spend key it lists only
// the models that key may use. Decisions where the docs are silent:
// - No credential, or a merchant secret key, lists every model.
// - A credential that is neither (unknown, revoked spend key, malformed) is a 401: listing the
//   whole catalogue for a key the caller believes is restricted would mislead them.
// - A key's `allowed_models` and `allowed_providers` both apply (a model must pass both); the
//   provider of a model is its `owned_by`.
import { DoubleError, type Route } from '../http.js';

/** The double's model catalogue (what `GET models` lists and the fake providers answer as). */
export const MODEL_CATALOG: readonly { id: string; owned_by: string; created: number }[] = [
  { id: 'gpt-4o', owned_by: 'openai', created: 1_715_367_049 },
  { id: 'gpt-4o-mini', owned_by: 'openai', created: 1_721_172_741 },
  { id: 'gpt-4.1', owned_by: 'openai', created: 1_744_316_542 },
  { id: 'claude-opus-4-6', owned_by: 'anthropic', created: 1_760_000_000 },
  { id: 'claude-sonnet-4-5', owned_by: 'anthropic', created: 1_759_000_000 },
  { id: 'claude-haiku-4-5', owned_by: 'anthropic', created: 1_760_500_000 },
  { id: 'gemini-2.5-flash', owned_by: 'google', created: 1_750_000_000 },
  { id: 'gemini-2.5-pro', owned_by: 'google', created: 1_750_000_001 },
  { id: 'mistral-large-latest', owned_by: 'mistral', created: 1_730_000_000 },
  { id: 'deepseek-chat', owned_by: 'deepseek', created: 1_735_000_000 },
  { id: 'grok-4', owned_by: 'xai', created: 1_752_000_000 },
];

export const routes: Route[] = [
  {
    method: 'GET',
    pattern: 'models',
    auth: 'custom',
    handler: (ctx) => {
      let allowedModels: string[] | null = null;
      let allowedProviders: string[] | null = null;
      if (ctx.bearer !== undefined) {
        const spend = ctx.state.spendKeyByKey(ctx.bearer);
        if (spend) {
          allowedModels = spend.spendKey.allowed_models;
          allowedProviders = spend.spendKey.allowed_providers;
        } else if (!ctx.state.merchantBySecretKey(ctx.bearer)) {
          throw new DoubleError(401, 'Invalid API key');
        }
      }
      const data = MODEL_CATALOG.filter(
        (m) =>
          (allowedModels === null || allowedModels.includes(m.id)) &&
          (allowedProviders === null || allowedProviders.includes(m.owned_by)),
      ).map((m) => ({ id: m.id, object: 'model', created: m.created, owned_by: m.owned_by }));
      return { json: { object: 'list', data } };
    },
  },
];
