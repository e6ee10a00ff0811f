// The fake OpenAI (and every OpenAI-compatible host): chat completions, the Responses API and the
// model list, with OpenAI's own error body `{error:{message,type,param,code}}`.
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

/** Request features the double parses past but cannot translate (rewrite refuses them). */
export interface Parsed {
  request: ChatRequest;
  untranslatable: string[];
}

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'];

function fail(message: string, param?: string, code?: string, status = 400): ProviderFailure {
  return { status, message, ...(param === undefined ? {} : { param }), ...(code === undefined ? {} : { code }) };
}

function typeForStatus(status: number): string {
  if (status === 401) return 'invalid_request_error';
  if (status === 429) return 'requests';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** OpenAI's error body. */
export function openaiErrorBody(failure: ProviderFailure) {
  return {
    error: {
      message: failure.message,
      type: typeForStatus(failure.status),
      param: failure.param ?? null,
      code: failure.code ?? (failure.status === 429 ? 'rate_limit_exceeded' : null),
    },
  };
}

export function writeOpenaiError(res: ServerResponse, failure: ProviderFailure): Promise<void> {
  return writeJson(res, failure.status, openaiErrorBody(failure), { 'x-request-id': `req_${randomId(32)}` });
}

const NOT_AN_OBJECT = 'We could not parse the JSON body of your request. Expected a JSON object.';

function asObject(body: unknown): Record<string, unknown> | undefined {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;
}

/** Text of a content value (string or parts), noting parts that are not text. */
function textOf(content: unknown, untranslatable: string[]): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    const kind = (part as { type?: unknown })?.type;
    if ((kind === 'text' || kind === 'input_text' || kind === 'output_text') && typeof part.text === 'string') {
      text += (text ? '\n' : '') + part.text;
    } else untranslatable.push(`content parts of type ${String(kind)}`);
  }
  return text;
}

function readCommon(
  body: Record<string, unknown>,
  maxField: string[],
  untranslatable: string[],
): Omit<ChatRequest, 'system' | 'turns'> | ProviderFailure {
  const model = body.model;
  if (typeof model !== 'string' || model === '') return fail('you must provide a model parameter');
  let maxTokens: number | undefined;
  for (const field of maxField) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    if (!Number.isInteger(value) || (value as number) < 1) {
      return fail(
        `Invalid '${field}': integer below minimum value. Expected a value >= 1.`,
        field,
        'integer_below_min_value',
      );
    }
    maxTokens = value as number;
  }
  const temperature = body.temperature;
  if (temperature !== undefined && temperature !== null) {
    if (typeof temperature !== 'number' || temperature < 0 || temperature > 2) {
      return fail(
        `Invalid 'temperature': decimal above maximum value. Expected a value <= 2.`,
        'temperature',
        'decimal_above_max_value',
      );
    }
  }
  const rawStop = body.stop;
  const stop = typeof rawStop === 'string' ? [rawStop] : Array.isArray(rawStop) ? rawStop.map(String) : [];
  const streamOptions = body.stream_options as { include_usage?: unknown } | undefined;
  if (Array.isArray(body.tools) && body.tools.length > 0) untranslatable.push('tools');
  return {
    model,
    maxTokens,
    temperature: typeof temperature === 'number' ? temperature : undefined,
    stop,
    stream: body.stream === true,
    includeUsage: streamOptions?.include_usage === true,
  };
}

/** Parses a `POST …/chat/completions` body. */
export function parseChatCompletions(raw: unknown): Parsed | ProviderFailure {
  const object = asObject(raw);
  if (!object) return fail(NOT_AN_OBJECT);
  const untranslatable: string[] = [];
  const common = readCommon(object, ['max_tokens', 'max_completion_tokens'], untranslatable);
  if ('status' in common) return common;
  const messages = object.messages;
  if (messages === undefined)
    return fail(`Missing required parameter: 'messages'.`, 'messages', 'missing_required_parameter');
  if (!Array.isArray(messages))
    return fail(`Invalid type for 'messages': expected an array.`, 'messages', 'invalid_type');
  if (messages.length === 0)
    return fail(`Invalid 'messages': empty array. Expected an array with minimum length 1.`, 'messages', 'empty_array');
  const system: string[] = [];
  const turns: ChatTurn[] = [];
  for (const [index, message] of messages.entries()) {
    const role = (message as { role?: unknown })?.role;
    if (typeof role !== 'string' || !ROLES.includes(role)) {
      return fail(
        `Invalid value: '${String(role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
        `messages[${index}].role`,
        'invalid_value',
      );
    }
    const text = textOf((message as { content?: unknown }).content, untranslatable);
    if (role === 'system' || role === 'developer') system.push(text);
    else if (role === 'user' || role === 'assistant') turns.push({ role, text });
    else untranslatable.push(`${role} messages`);
    if (role === 'assistant' && Array.isArray((message as { tool_calls?: unknown }).tool_calls)) {
      untranslatable.push('tool calls');
    }
  }
  return { request: { ...common, system: system.join('\n\n'), turns }, untranslatable };
}

/** Parses a `POST …/responses` body (the Responses API, what the AI SDK's `openai(model)` calls). */
export function parseResponses(raw: unknown): Parsed | ProviderFailure {
  const object = asObject(raw);
  if (!object) return fail(NOT_AN_OBJECT);
  const untranslatable: string[] = [];
  const common = readCommon(object, ['max_output_tokens'], untranslatable);
  if ('status' in common) return common;
  const system: string[] = typeof object.instructions === 'string' ? [object.instructions] : [];
  const turns: ChatTurn[] = [];
  const input = object.input;
  if (typeof input === 'string') turns.push({ role: 'user', text: input });
  else if (Array.isArray(input)) {
    for (const item of input) {
      const { role, type, content } = (item ?? {}) as { role?: unknown; type?: unknown; content?: unknown };
      if (type !== undefined && type !== 'message') {
        untranslatable.push(`input items of type ${String(type)}`);
        continue;
      }
      const text = textOf(content, untranslatable);
      if (role === 'system' || role === 'developer') system.push(text);
      else if (role === 'user' || role === 'assistant') turns.push({ role, text });
      else return fail(`Invalid value: '${String(role)}' for input role.`, 'input', 'invalid_value');
    }
  } else return fail(`Missing required parameter: 'input'.`, 'input', 'missing_required_parameter');
  return { request: { ...common, system: system.join('\n\n'), turns }, untranslatable };
}

const FINISH = { stop: 'stop', stop_sequence: 'stop', length: 'length' } as const;

function usageOf(meta: ReplyMeta, outputTokens: number) {
  return {
    prompt_tokens: meta.inputTokens,
    completion_tokens: outputTokens,
    total_tokens: meta.inputTokens + outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

const FINGERPRINT = 'fp_lava_double';

/** Writes a chat completion (JSON or SSE); resolves with the characters of text actually sent. */
export async function writeChatCompletion(
  res: ServerResponse,
  call: UpstreamCall,
  request: ChatRequest,
  meta: ReplyMeta,
  plan: ReplyPlan,
): Promise<number> {
  const headers = { 'x-request-id': `req_${randomId(32)}`, 'openai-model': meta.model };
  if (!request.stream) {
    const text = wholeText(plan);
    await writeJson(
      res,
      200,
      {
        id: meta.id,
        object: 'chat.completion',
        created: meta.created,
        model: meta.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: text, refusal: null, annotations: [] },
            logprobs: null,
            finish_reason: FINISH[plan.finish],
          },
        ],
        usage: usageOf(meta, countTokens(text)),
        service_tier: 'default',
        system_fingerprint: FINGERPRINT,
      },
      headers,
    );
    return text.length;
  }
  const writer = new ChunkWriter(res, call);
  writer.head(200, 'text/event-stream; charset=utf-8', headers);
  const usageField = request.includeUsage ? { usage: null } : {};
  const chunk = (delta: object, finish: string | null) =>
    sseEvent({
      id: meta.id,
      object: 'chat.completion.chunk',
      created: meta.created,
      model: meta.model,
      system_fingerprint: FINGERPRINT,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...usageField,
    });
  let sent = 0;
  if (!(await writer.write(chunk({ role: 'assistant', content: '', refusal: null }, null)))) return sent;
  for (const piece of plan.pieces()) {
    if (!(await writer.write(chunk({ content: piece }, null)))) return sent;
    sent += piece.length;
  }
  if (!(await writer.write(chunk({}, FINISH[plan.finish])))) return sent;
  if (request.includeUsage) {
    const last = sseEvent({
      id: meta.id,
      object: 'chat.completion.chunk',
      created: meta.created,
      model: meta.model,
      system_fingerprint: FINGERPRINT,
      choices: [],
      usage: usageOf(meta, tokensForChars(sent)),
    });
    if (!(await writer.write(last))) return sent;
  }
  if (await writer.write('data: [DONE]\n\n')) await writer.end();
  return sent;
}

/** Writes a Responses API answer (JSON or its typed SSE events); resolves with the characters sent. */
export async function writeResponse(
  res: ServerResponse,
  call: UpstreamCall,
  request: ChatRequest,
  meta: ReplyMeta,
  plan: ReplyPlan,
): Promise<number> {
  const headers = { 'x-request-id': `req_${randomId(32)}`, 'openai-model': meta.model };
  const itemId = `msg_${randomId(40)}`;
  const incomplete = plan.finish === 'length';
  const responseObject = (status: string, text: string | undefined, outputTokens: number | undefined) => ({
    id: meta.id,
    object: 'response',
    created_at: meta.created,
    status,
    error: null,
    incomplete_details: incomplete && status !== 'in_progress' ? { reason: 'max_output_tokens' } : null,
    instructions: request.system || null,
    max_output_tokens: request.maxTokens ?? null,
    model: meta.model,
    output:
      text === undefined
        ? []
        : [
            {
              type: 'message',
              id: itemId,
              status: incomplete ? 'incomplete' : 'completed',
              role: 'assistant',
              content: [{ type: 'output_text', text, annotations: [], logprobs: [] }],
            },
          ],
    parallel_tool_calls: true,
    temperature: request.temperature ?? 1,
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    service_tier: 'default',
    usage:
      outputTokens === undefined
        ? null
        : {
            input_tokens: meta.inputTokens,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: outputTokens,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: meta.inputTokens + outputTokens,
          },
    metadata: {},
  });
  const finalStatus = incomplete ? 'incomplete' : 'completed';
  if (!request.stream) {
    const text = wholeText(plan);
    await writeJson(res, 200, responseObject(finalStatus, text, countTokens(text)), headers);
    return text.length;
  }
  const writer = new ChunkWriter(res, call);
  writer.head(200, 'text/event-stream; charset=utf-8', headers);
  let sequence = 0;
  const event = (type: string, fields: object) => sseEvent({ type, sequence_number: sequence++, ...fields }, type);
  const part = { type: 'output_text', text: '', annotations: [], logprobs: [] };
  const opening = [
    event('response.created', { response: responseObject('in_progress', undefined, undefined) }),
    event('response.in_progress', { response: responseObject('in_progress', undefined, undefined) }),
    event('response.output_item.added', {
      output_index: 0,
      item: { type: 'message', id: itemId, status: 'in_progress', role: 'assistant', content: [] },
    }),
    event('response.content_part.added', { item_id: itemId, output_index: 0, content_index: 0, part }),
  ];
  for (const chunk of opening) if (!(await writer.write(chunk))) return 0;
  let text = '';
  let sent = 0;
  for (const piece of plan.pieces()) {
    const delta = event('response.output_text.delta', {
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      delta: piece,
      logprobs: [],
    });
    if (!(await writer.write(delta))) return sent;
    sent += piece.length;
    // The closing events repeat the whole text; the bytes model would make that huge, so it is capped.
    if (text.length < 1_000_000) text += piece;
  }
  const outputTokens = tokensForChars(sent);
  const item = {
    type: 'message',
    id: itemId,
    status: incomplete ? 'incomplete' : 'completed',
    role: 'assistant',
    content: [{ ...part, text }],
  };
  const closing = [
    event('response.output_text.done', { item_id: itemId, output_index: 0, content_index: 0, text, logprobs: [] }),
    event('response.content_part.done', {
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      part: { ...part, text },
    }),
    event('response.output_item.done', { output_index: 0, item }),
    event(incomplete ? 'response.incomplete' : 'response.completed', {
      response: responseObject(finalStatus, text, outputTokens),
    }),
  ];
  for (const chunk of closing) if (!(await writer.write(chunk))) return sent;
  await writer.end();
  return sent;
}

/** `GET …/models`: a short, fixed list. */
export function writeModelList(res: ServerResponse, owner: string): Promise<void> {
  const ids =
    owner === 'openai' ? ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'o3-mini'] : [`${owner}-chat`, `${owner}-small`];
  return writeJson(res, 200, {
    object: 'list',
    data: ids.map((id) => ({
      id,
      object: 'model',
      created: 1_715_367_049,
      owned_by: owner === 'openai' ? 'system' : owner,
    })),
  });
}

export function newChatCompletionId(): string {
  return `chatcmpl-${randomId(29)}`;
}

export function newResponseId(): string {
  return `resp_${randomId(48)}`;
}
