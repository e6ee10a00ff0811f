// Which fake answers which upstream URL: the hosts of lava-api.md §2.4 (plus OpenRouter and
// Perplexity), each with its API base path and wire shape.
import type { Shape } from './common.js';

export interface Upstream {
  /** The provider's name as requests record it (the §2.4 key; Google's two entries are both `google`). */
  provider: string;
  shape: Shape;
  host: string;
  /** The API's base path; endpoints follow it (`/chat/completions`, `/messages`, `/models/…`). */
  base: string;
}

const OPENAI_COMPATIBLE: [provider: string, host: string, base: string][] = [
  ['openai', 'api.openai.com', '/v1'],
  ['google', 'generativelanguage.googleapis.com', '/v1beta/openai'],
  ['mistral', 'api.mistral.ai', '/v1'],
  ['deepseek', 'api.deepseek.com', '/v1'],
  ['xai', 'api.x.ai', '/v1'],
  ['kluster', 'api.kluster.ai', '/v1'],
  ['inference', 'api.inference.net', '/v1'],
  ['groq', 'api.groq.com', '/openai/v1'],
  ['novita', 'api.novita.ai', '/v3/openai'],
  ['vercel', 'api.v0.dev', '/v1'],
  ['together', 'api.together.xyz', '/v1'],
  ['hyperbolic', 'api.hyperbolic.xyz', '/v1'],
  ['sambanova', 'api.sambanova.ai', '/v1'],
  ['deepinfra', 'api.deepinfra.com', '/v1/openai'],
  ['cohere', 'api.cohere.ai', '/compatibility/v1'],
  ['parasail', 'api.parasail.io', '/v1'],
  ['nebius', 'api.studio.nebius.com', '/v1'],
  ['fireworks', 'api.fireworks.ai', '/inference/v1'],
  ['embercloud', 'api.embercloud.ai', '/v1'],
  ['cerebras', 'api.cerebras.ai', '/v1'],
  ['targon', 'api.targon.com', '/v1'],
  ['gmicloud', 'api.gmi-serving.com', '/v1'],
  ['chutes', 'llm.chutes.ai', '/v1'],
  ['baseten', 'inference.baseten.co', '/v1'],
  ['moonshot', 'api.moonshot.ai', '/v1'],
  ['openrouter', 'openrouter.ai', '/api/v1'],
  ['perplexity', 'api.perplexity.ai', ''],
];

/** Longest base first, so Google's `/v1beta/openai` wins over its native `/v1beta`. */
const NATIVE: Upstream[] = [
  { provider: 'anthropic', shape: 'anthropic', host: 'api.anthropic.com', base: '/v1' },
  { provider: 'google', shape: 'gemini', host: 'generativelanguage.googleapis.com', base: '/v1beta' },
  { provider: 'google', shape: 'gemini', host: 'generativelanguage.googleapis.com', base: '/v1' },
];

/** Longest base first, so Google's `/v1beta/openai` wins over its native `/v1beta`. */
export const UPSTREAMS: readonly Upstream[] = [
  ...OPENAI_COMPATIBLE.map(([provider, host, base]): Upstream => ({ provider, shape: 'openai', host, base })),
  ...NATIVE,
].sort((a, b) => b.base.length - a.base.length);

/** The upstream that serves a URL and the endpoint path below its base, or undefined for an unknown host. */
export function resolveUpstream(url: URL): { upstream: Upstream; endpoint: string } | undefined {
  const path = url.pathname.replace(/\/+$/, '');
  const onHost = UPSTREAMS.filter((u) => u.host === url.hostname.toLowerCase());
  for (const upstream of onHost) {
    if (path === upstream.base || path.startsWith(`${upstream.base}/`)) {
      return { upstream, endpoint: path.slice(upstream.base.length) };
    }
  }
  // A known host but a path outside every base: the host's first API answers (with a 404).
  const first = onHost[onHost.length - 1];
  return first ? { upstream: first, endpoint: path } : undefined;
}
