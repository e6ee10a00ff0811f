// The rewrite endpoint's translation: a client speaks `format`'s shape to an upstream of another
// shape. The client's body is parsed, rebuilt as the upstream's native body and validated by the
// upstream's own parser (so the upstream's rules apply, e.g. Anthropic's temperature ≤ 1); the
// upstream's answer is then written back in the client's shape, SSE included.
import type { ServerResponse } from 'node:http';
import { parseMessages } from './anthropic.js';
import type { ChatRequest, ProviderFailure, Shape, UpstreamCall, UpstreamResult } from './common.js';
import { parseGenerateContent } from './gemini.js';
import { resolveUpstream } from './hosts.js';
import { type Parsed, parseChatCompletions } from './openai.js';
import {
  answerChat,
  answerNative,
  answerUnknownHost,
  endpointOf,
  parseJsonBody,
  shapeOfWire,
  type WireFormat,
  writeError,
} from './serve.js';

export type ClientFormat = 'openai' | 'anthropic' | 'google' | 'bedrock';

/** What Anthropic requires and OpenAI lets callers omit: the double fills it in like Lava would have to. */
export const DEFAULT_MAX_TOKENS = 4096;

/** The suffix each client's SDK appends to a rewrite base URL, stripped when what precedes it is an endpoint. */
const SDK_SUFFIXES: Record<ClientFormat, string[]> = {
  openai: ['/v1/chat/completions', '/chat/completions'],
  anthropic: ['/v1/messages', '/messages'],
  google: [],
  bedrock: [],
};

/** The client's request as the upstream's native body (text only). */
export function toNativeBody(shape: Shape, request: ChatRequest): Record<string, unknown> {
  const optional = (key: string, value: unknown) => (value === undefined ? {} : { [key]: value });
  if (shape === 'anthropic') {
    return {
      model: request.model,
      max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
      ...(request.system ? { system: request.system } : {}),
      messages: request.turns.map((turn) => ({ role: turn.role, content: turn.text })),
      ...optional('temperature', request.temperature),
      ...(request.stop.length ? { stop_sequences: request.stop } : {}),
      ...(request.stream ? { stream: true } : {}),
    };
  }
  if (shape === 'gemini') {
    return {
      contents: request.turns.map((turn) => ({
        role: turn.role === 'assistant' ? 'model' : 'user',
        parts: [{ text: turn.text }],
      })),
      ...(request.system ? { systemInstruction: { parts: [{ text: request.system }] } } : {}),
      generationConfig: {
        ...optional('maxOutputTokens', request.maxTokens),
        ...optional('temperature', request.temperature),
        ...(request.stop.length ? { stopSequences: request.stop } : {}),
      },
    };
  }
  return {
    model: request.model,
    messages: [
      ...(request.system ? [{ role: 'system', content: request.system }] : []),
      ...request.turns.map((turn) => ({ role: turn.role, content: turn.text })),
    ],
    ...optional('max_tokens', request.maxTokens),
    ...optional('temperature', request.temperature),
    ...(request.stop.length ? { stop: request.stop } : {}),
    ...(request.stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
}

function clientShape(format: ClientFormat): Shape {
  return format === 'anthropic' ? 'anthropic' : format === 'google' ? 'gemini' : 'openai';
}

/** Error body shape for a client format; Bedrock's is `{message}`. */
async function refuse(format: ClientFormat, res: ServerResponse, failure: ProviderFailure): Promise<void> {
  if (format !== 'bedrock') return writeError(clientShape(format), res, failure);
  const text = JSON.stringify({ message: failure.message });
  res.writeHead(failure.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  await new Promise<void>((resolve) => res.end(text, resolve));
}

/** Rewrite: answers `call` (aimed at an upstream) in `format`'s shape. */
export async function answerRewriteCall(
  format: ClientFormat,
  call: UpstreamCall,
  res: ServerResponse,
): Promise<UpstreamResult> {
  let resolved = resolveUpstream(call.url);
  if (!resolved) return answerUnknownHost(call, res);
  // The client's SDK appended its own path to a base URL that already names the upstream endpoint.
  for (const suffix of SDK_SUFFIXES[format]) {
    if (!resolved.endpoint.endsWith(suffix)) continue;
    const url = new URL(call.url);
    url.pathname = url.pathname.replace(/\/+$/, '').slice(0, -suffix.length);
    const stripped = resolveUpstream(url);
    if (stripped && endpointOf(stripped.upstream, call.method, stripped.endpoint, url)) {
      call = { ...call, url };
      resolved = stripped;
    }
    break;
  }
  const { upstream } = resolved;
  const result = (status: number): UpstreamResult => ({
    provider: upstream.provider,
    usage: {},
    providerCostUnits: 0n,
    status,
  });
  const target = endpointOf(upstream, call.method, resolved.endpoint, call.url);
  if (!target) {
    const message = `The Lava double's rewrite found no completion endpoint at ${call.url.host}${call.url.pathname}`;
    await refuse(format, res, { status: 404, message });
    return result(404);
  }
  const upstreamShape = shapeOfWire(target.wire);
  if (upstreamShape === clientShape(format) && format !== 'bedrock') return answerNative(call, res);
  if (format === 'google' || format === 'bedrock') {
    const message = `The Lava double's rewrite does not translate the ${format} format (only openai and anthropic clients to another shape).`;
    await refuse(format, res, { status: 400, message });
    return result(400);
  }
  const body = parseJsonBody(call.body);
  if ('failure' in body) {
    await refuse(format, res, body.failure);
    return result(400);
  }
  const client: Parsed | ProviderFailure =
    format === 'openai' ? parseChatCompletions(body.json) : parseMessages(body.json);
  if ('status' in client) {
    await refuse(format, res, client);
    return result(client.status);
  }
  if (client.untranslatable.length > 0) {
    const features = [...new Set(client.untranslatable)].join(', ');
    await refuse(format, res, { status: 400, message: `The Lava double's rewrite does not translate ${features}.` });
    return result(400);
  }
  // The upstream judges the translated body by its own rules; its refusal goes back in the client's shape.
  const native = toNativeBody(upstreamShape, client.request);
  const upstreamParsed =
    upstreamShape === 'anthropic'
      ? parseMessages(native)
      : upstreamShape === 'gemini'
        ? parseGenerateContent(native, geminiModel(resolved.endpoint) ?? client.request.model, client.request.stream)
        : parseChatCompletions(native);
  if ('status' in upstreamParsed) {
    await refuse(format, res, upstreamParsed);
    return result(upstreamParsed.status);
  }
  const request: ChatRequest = {
    ...upstreamParsed.request,
    stream: client.request.stream,
    includeUsage: client.request.includeUsage,
  };
  const clientWire: WireFormat = format === 'anthropic' ? 'messages' : 'chat';
  return answerChat(call, res, upstream, target.wire, clientWire, request);
}

function geminiModel(endpoint: string): string | undefined {
  const match = /^\/models\/([^/:]+):/.exec(endpoint);
  return match ? decodeURIComponent(match[1] as string) : undefined;
}
