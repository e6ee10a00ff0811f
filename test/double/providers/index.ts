// The double's fake upstream AI providers. The gateway routes (forward, rewrite) hand each call here
// with the upstream URL; the fake writes the whole response (JSON or SSE) and reports what to record.
//
// Fakes by host (lava-api.md §2.4): OpenAI and every OpenAI-compatible host (`…/chat/completions`,
// `…/responses`, `GET …/models`), Anthropic (`POST /v1/messages`, `GET /v1/models`) and Gemini
// (`…/models/{model}:generateContent`, `:streamGenerateContent`, SSE with `alt=sse`). The reply is
// `Echo: <last user message>`; usage counts ~4 characters per token. Special model names:
// `lava-double-bytes-<N>` answers N characters of text, streamed lazily in 64 KiB pieces, and
// `lava-double-error-<status>` answers that status in the provider's error shape. The request header
// `x-lava-double-timestamps` stamps each streamed JSON event with `lava_double_sent_at` (epoch ms).
import type { ServerResponse } from 'node:http';
import type { UpstreamCall, UpstreamResult } from './common.js';
import { answerRewriteCall, type ClientFormat } from './rewrite.js';
import { answerNative } from './serve.js';

export type { UpstreamCall, UpstreamResult } from './common.js';
export { countTokens, providerCost } from './common.js';
export { UPSTREAMS, type Upstream } from './hosts.js';
export { DEFAULT_MAX_TOKENS, toNativeBody } from './rewrite.js';

/** Forward: answers as the provider `call.url` names, in its own shape; resolves when the response is finished. */
export function answerUpstream(call: UpstreamCall, res: ServerResponse): Promise<UpstreamResult> {
  return answerNative(call, res);
}

/** Rewrite: the client sends and receives `format`'s shape; the upstream at `call.url` may speak another. */
export function answerRewrite(format: ClientFormat, call: UpstreamCall, res: ServerResponse): Promise<UpstreamResult> {
  return answerRewriteCall(format, call, res);
}
