// The fake Anthropic Messages API, with Anthropic's error body `{type:'error',error:{type,message}}`
// and its named SSE events (message_start … message_stop).
import type { ServerResponse } from 'node:http';
import {
  type ChatRequest,
  type ChatTurn,
  ChunkWriter,
  countTokens,
  type ProviderFailure,
  type ReplyMeta,
  type ReplyPlan,
  randomId,
  sseEvent,
  tokensForChars,
  type UpstreamCall,
  wholeText,
  writeJson,
} from './common.js';
import type { Parsed } from './openai.js';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

export function anthropicErrorBody(failure: ProviderFailure) {
  const type = ERROR_TYPES[failure.status] ?? (failure.status >= 500 ? 'api_error' : 'invalid_request_error');
  return { type: 'error', error: { type, message: failure.message } };
}

export function writeAnthropicError(res: ServerResponse, failure: ProviderFailure): Promise<void> {
  return writeJson(res, failure.status, anthropicErrorBody(failure), { 'request-id': `req_${randomId(24)}` });
}

const fail = (message: string): ProviderFailure => ({ status: 400, message });

function textOf(content: unknown, field: string, untranslatable: string[]): string | ProviderFailure {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return fail(`${field}: Input should be a valid string or a list of content blocks`);
  let text = '';
  for (const block of content) {
    const kind = (block as { type?: unknown })?.type;
    if (kind === 'text' && typeof block.text === 'string') text += (text ? '\n' : '') + block.text;
    else untranslatable.push(`content blocks of type ${String(kind)}`);
  }
  return text;
}

/** Parses a `POST /v1/messages` body. */
export function parseMessages(raw: unknown): Parsed | ProviderFailure {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('Input should be a valid dictionary');
  const body = raw as Record<string, unknown>;
  const untranslatable: string[] = [];
  if (typeof body.model !== 'string' || body.model === '') return fail('model: Field required');
  const maxTokens = body.max_tokens;
  if (maxTokens === undefined) return fail('max_tokens: Field required');
  if (!Number.isInteger(maxTokens) || (maxTokens as number) < 1) {
    return fail('max_tokens: Input should be greater than or equal to 1');
  }
  const temperature = body.temperature;
  if (temperature !== undefined && (typeof temperature !== 'number' || temperature < 0 || temperature > 1)) {
    return fail('temperature: Input should be less than or equal to 1');
  }
  const messages = body.messages;
  if (messages === undefined) return fail('messages: Field required');
  if (!Array.isArray(messages)) return fail('messages: Input should be a valid list');
  if (messages.length === 0) return fail('messages: at least one message is required');
  const turns: ChatTurn[] = [];
  for (const [index, message] of messages.entries()) {
    const role = (message as { role?: unknown })?.role;
    if (role !== 'user' && role !== 'assistant') {
      return fail(`messages.${index}.role: Input should be 'user' or 'assistant'`);
    }
    const text = textOf((message as { content?: unknown }).content, `messages.${index}.content`, untranslatable);
    if (typeof text !== 'string') return text;
    turns.push({ role, text });
  }
  let system = '';
  if (body.system !== undefined) {
    const text = textOf(body.system, 'system', untranslatable);
    if (typeof text !== 'string') return text;
    system = text;
  }
  if (Array.isArray(body.tools) && body.tools.length > 0) untranslatable.push('tools');
  const stop = Array.isArray(body.stop_sequences) ? body.stop_sequences.map(String) : [];
  return {
    request: {
      model: body.model,
      system,
      turns,
      maxTokens: maxTokens as number,
      temperature: typeof temperature === 'number' ? temperature : undefined,
      stop,
      stream: body.stream === true,
      includeUsage: true,
    },
    untranslatable,
  };
}

const STOP_REASON = { stop: 'end_turn', stop_sequence: 'stop_sequence', length: 'max_tokens' } as const;

function usageOf(inputTokens: number, outputTokens: number) {
  return {
    input_tokens: inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

/** Writes a message (JSON or Anthropic's SSE events); resolves with the characters of text sent. */
export async function writeMessage(
  res: ServerResponse,
  call: UpstreamCall,
  request: ChatRequest,
  meta: ReplyMeta,
  plan: ReplyPlan,
): Promise<number> {
  const headers = { 'request-id': `req_${randomId(24)}` };
  const message = (content: object[], stopReason: string | null, outputTokens: number) => ({
    id: meta.id,
    type: 'message',
    role: 'assistant',
    model: meta.model,
    content,
    stop_reason: stopReason,
    stop_sequence: stopReason === 'stop_sequence' ? (plan.stopSequence ?? null) : null,
    usage: usageOf(meta.inputTokens, outputTokens),
  });
  if (!request.stream) {
    const text = wholeText(plan);
    await writeJson(res, 200, message([{ type: 'text', text }], STOP_REASON[plan.finish], countTokens(text)), headers);
    return text.length;
  }
  const writer = new ChunkWriter(res, call);
  writer.head(200, 'text/event-stream; charset=utf-8', headers);
  const send = (type: string, fields: object) => writer.write(sseEvent({ type, ...fields }, type));
  if (!(await send('message_start', { message: message([], null, 1) }))) return 0;
  if (!(await send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }))) return 0;
  if (!(await send('ping', {}))) return 0;
  let sent = 0;
  for (const piece of plan.pieces()) {
    if (!(await send('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } }))) return sent;
    sent += piece.length;
  }
  if (!(await send('content_block_stop', { index: 0 }))) return sent;
  const stopReason = STOP_REASON[plan.finish];
  const delta = {
    delta: { stop_reason: stopReason, stop_sequence: stopReason === 'stop_sequence' ? plan.stopSequence : null },
    usage: { output_tokens: tokensForChars(sent) },
  };
  if (!(await send('message_delta', delta))) return sent;
  if (await send('message_stop', {})) await writer.end();
  return sent;
}

export function newMessageId(): string {
  return `msg_01${randomId(22)}`;
}
