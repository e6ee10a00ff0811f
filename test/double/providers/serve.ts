// Dispatch of one upstream call to the right fake, and the shared "answer a parsed chat request"
// step that both forward (same shape in and out) and rewrite (client shape out) use.
import type { ServerResponse } from 'node:http';
import { anthropicErrorBody, newMessageId, parseMessages, writeAnthropicError, writeMessage } from './anthropic.js';
import {
  type ChatRequest,
  ERROR_MODEL,
  inputTokensOf,
  type ProviderFailure,
  planReply,
  providerCost,
  type Shape,
  tokensForChars,
  type UpstreamCall,
  type UpstreamResult,
  writeJson,
} from './common.js';
import {
  geminiErrorBody,
  newGeminiResponseId,
  parseGenerateContent,
  writeGeminiError,
  writeGenerateContent,
} from './gemini.js';
import { resolveUpstream, type Upstream } from './hosts.js';
import {
  newChatCompletionId,
  newResponseId,
  openaiErrorBody,
  type Parsed,
  parseChatCompletions,
  parseResponses,
  writeChatCompletion,
  writeModelList,
  writeOpenaiError,
  writeResponse,
} from './openai.js';

/** How an answer is written: the endpoint's wire format. */
export type WireFormat = 'chat' | 'responses' | 'messages' | 'gemini' | 'gemini-sse';

/** The endpoint a path names on an upstream, with what parses its body. */
export interface Endpoint {
  wire: WireFormat;
  parse: (body: unknown) => Parsed | ProviderFailure;
}

/** The provider error body of a shape. */
export function errorBodyFor(shape: Shape, failure: ProviderFailure): unknown {
  if (shape === 'anthropic') return anthropicErrorBody(failure);
  if (shape === 'gemini') return geminiErrorBody(failure);
  return openaiErrorBody(failure);
}

export function writeError(shape: Shape, res: ServerResponse, failure: ProviderFailure): Promise<void> {
  if (shape === 'anthropic') return writeAnthropicError(res, failure);
  if (shape === 'gemini') return writeGeminiError(res, failure);
  return writeOpenaiError(res, failure);
}

/** The completion endpoint a method + path names on an upstream, or undefined. */
export function endpointOf(upstream: Upstream, method: string, endpoint: string, url: URL): Endpoint | undefined {
  if (method !== 'POST') return undefined;
  if (upstream.shape === 'openai') {
    if (endpoint === '/chat/completions') return { wire: 'chat', parse: parseChatCompletions };
    if (endpoint === '/responses') return { wire: 'responses', parse: parseResponses };
    return undefined;
  }
  if (upstream.shape === 'anthropic') {
    return endpoint === '/messages' ? { wire: 'messages', parse: parseMessages } : undefined;
  }
  const gemini = /^\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(endpoint);
  if (!gemini) return undefined;
  const model = decodeURIComponent(gemini[1] as string);
  const stream = gemini[2] === 'streamGenerateContent';
  const sse = url.searchParams.get('alt') === 'sse';
  return {
    wire: stream && sse ? 'gemini-sse' : 'gemini',
    parse: (body) => parseGenerateContent(body, model, stream),
  };
}

function idFor(wire: WireFormat): string {
  if (wire === 'chat') return newChatCompletionId();
  if (wire === 'responses') return newResponseId();
  if (wire === 'messages') return newMessageId();
  return newGeminiResponseId();
}

export function wireOfShape(shape: Shape): WireFormat {
  return shape === 'anthropic' ? 'messages' : shape === 'gemini' ? 'gemini' : 'chat';
}

export function shapeOfWire(wire: WireFormat): Shape {
  return wire === 'messages' ? 'anthropic' : wire === 'chat' || wire === 'responses' ? 'openai' : 'gemini';
}

/** Parses a raw body as JSON, or a 400 failure (every provider answers a broken body with a 400). */
export function parseJsonBody(body: Buffer): { json: unknown } | { failure: ProviderFailure } {
  try {
    return { json: JSON.parse(body.toString('utf8')) };
  } catch {
    return {
      failure: { status: 400, message: 'We could not parse the JSON body of your request: it is not valid JSON.' },
    };
  }
}

/**
 * Answers a parsed chat request: the upstream (`upstream`, `upstreamWire`) decides the provider,
 * ids and prices; `clientWire` decides the shape written back (the same as the upstream's on forward).
 */
export async function answerChat(
  call: UpstreamCall,
  res: ServerResponse,
  upstream: Upstream,
  upstreamWire: WireFormat,
  clientWire: WireFormat,
  request: ChatRequest,
): Promise<UpstreamResult> {
  const base = { provider: upstream.provider, model: request.model };
  const forced = ERROR_MODEL.exec(request.model);
  if (forced) {
    const status = Number(forced[1]);
    const failure = { status, message: `The Lava double was asked to fail with ${status} (model ${request.model}).` };
    await writeError(shapeOfWire(clientWire), res, failure);
    return { ...base, usage: {}, providerCostUnits: 0n, status };
  }
  const plan = planReply(request);
  const meta = {
    id: idFor(upstreamWire),
    model: request.model,
    created: Math.floor(Date.now() / 1000),
    inputTokens: inputTokensOf(request),
  };
  let sent: number;
  if (clientWire === 'chat') sent = await writeChatCompletion(res, call, request, meta, plan);
  else if (clientWire === 'responses') sent = await writeResponse(res, call, request, meta, plan);
  else if (clientWire === 'messages') sent = await writeMessage(res, call, request, meta, plan);
  else sent = await writeGenerateContent(res, call, request, meta, plan, clientWire === 'gemini-sse');
  const outputTokens = tokensForChars(sent);
  return {
    ...base,
    response_id: meta.id,
    usage: { input_tokens: meta.inputTokens, output_tokens: outputTokens },
    providerCostUnits: providerCost(upstream.provider, request.model, meta.inputTokens, outputTokens),
    status: 200,
  };
}

/** 404 for a host the double fakes no provider at. */
export async function answerUnknownHost(call: UpstreamCall, res: ServerResponse): Promise<UpstreamResult> {
  await writeJson(res, 404, {
    error: {
      message: `The Lava double fakes no AI provider at ${call.url.host}`,
      type: 'not_found',
      code: 'unknown_upstream',
    },
  });
  return { provider: call.url.hostname, usage: {}, providerCostUnits: 0n, status: 404 };
}

function notFound(upstream: Upstream, call: UpstreamCall): ProviderFailure {
  if (upstream.shape === 'anthropic') return { status: 404, message: 'Not Found' };
  if (upstream.shape === 'gemini') {
    return { status: 404, message: `The requested URL ${call.url.pathname} was not found on this server.` };
  }
  return { status: 404, message: `Invalid URL (${call.method} ${call.url.pathname})`, code: 'unknown_url' };
}

/** Forward: the provider at `call.url` answers in its own shape. */
export async function answerNative(call: UpstreamCall, res: ServerResponse): Promise<UpstreamResult> {
  const resolved = resolveUpstream(call.url);
  if (!resolved) return answerUnknownHost(call, res);
  const { upstream, endpoint: path } = resolved;
  const fail = async (failure: ProviderFailure): Promise<UpstreamResult> => {
    await writeError(upstream.shape, res, failure);
    return { provider: upstream.provider, usage: {}, providerCostUnits: 0n, status: failure.status };
  };
  if (call.method === 'GET' && path === '/models' && upstream.shape !== 'gemini') {
    if (upstream.shape === 'anthropic') await writeAnthropicModels(res);
    else await writeModelList(res, upstream.provider);
    return { provider: upstream.provider, usage: {}, providerCostUnits: 0n, status: 200 };
  }
  const endpoint = endpointOf(upstream, call.method, path, call.url);
  if (!endpoint) return fail(notFound(upstream, call));
  const body = parseJsonBody(call.body);
  if ('failure' in body) return fail(body.failure);
  const parsed = endpoint.parse(body.json);
  if ('status' in parsed) return fail(parsed);
  return answerChat(call, res, upstream, endpoint.wire, endpoint.wire, parsed.request);
}

function writeAnthropicModels(res: ServerResponse): Promise<void> {
  const ids = ['claude-sonnet-4-5', 'claude-opus-4-1', 'claude-3-5-haiku-latest'];
  return writeJson(res, 200, {
    data: ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-05-22T00:00:00Z' })),
    has_more: false,
    first_id: ids[0],
    last_id: ids[ids.length - 1],
  });
}
