// The fake Gemini API (`models/{model}:generateContent` and `:streamGenerateContent`), with Google's
// error body `{error:{code,message,status}}`. Streams are SSE with `alt=sse`, else a JSON array
// written element by element, as Google does.
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

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export function geminiErrorBody(failure: ProviderFailure) {
  const status = STATUS_NAMES[failure.status] ?? (failure.status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
  return { error: { code: failure.status, message: failure.message, status } };
}

export function writeGeminiError(res: ServerResponse, failure: ProviderFailure): Promise<void> {
  return writeJson(res, failure.status, geminiErrorBody(failure));
}

const fail = (message: string): ProviderFailure => ({ status: 400, message });

function textOf(parts: unknown, untranslatable: string[]): string {
  if (!Array.isArray(parts)) return '';
  let text = '';
  for (const part of parts) {
    if (typeof part?.text === 'string') text += (text ? '\n' : '') + part.text;
    else untranslatable.push(`parts with ${Object.keys(part ?? {}).join(', ') || 'nothing'}`);
  }
  return text;
}

/** Parses a `generateContent` body; the model and whether to stream come from the URL. */
export function parseGenerateContent(raw: unknown, model: string, stream: boolean): Parsed | ProviderFailure {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('Invalid JSON payload received. Expected an object.');
  }
  const body = raw as Record<string, unknown>;
  const untranslatable: string[] = [];
  const contents = body.contents;
  if (!Array.isArray(contents) || contents.length === 0)
    return fail('* GenerateContentRequest.contents: contents is not specified');
  const turns: ChatTurn[] = [];
  for (const [index, content] of contents.entries()) {
    const role = (content as { role?: unknown })?.role ?? 'user';
    if (role !== 'user' && role !== 'model') {
      return fail(`Please use a valid role: user, model. (contents[${index}].role)`);
    }
    turns.push({
      role: role === 'model' ? 'assistant' : 'user',
      text: textOf((content as { parts?: unknown }).parts, untranslatable),
    });
  }
  const system = textOf((body.systemInstruction as { parts?: unknown } | undefined)?.parts, untranslatable);
  const config = (body.generationConfig ?? {}) as Record<string, unknown>;
  const maxTokens = config.maxOutputTokens;
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || (maxTokens as number) < 1)) {
    return fail('* GenerateContentRequest.generation_config.max_output_tokens: must be a positive integer');
  }
  const temperature = config.temperature;
  if (temperature !== undefined && (typeof temperature !== 'number' || temperature < 0 || temperature > 2)) {
    return fail('* GenerateContentRequest.generation_config.temperature: must be between 0 and 2');
  }
  if (Array.isArray(body.tools) && body.tools.length > 0) untranslatable.push('tools');
  return {
    request: {
      model,
      system,
      turns,
      maxTokens: maxTokens as number | undefined,
      temperature: temperature as number | undefined,
      stop: Array.isArray(config.stopSequences) ? config.stopSequences.map(String) : [],
      stream,
      includeUsage: true,
    },
    untranslatable,
  };
}

const FINISH = { stop: 'STOP', stop_sequence: 'STOP', length: 'MAX_TOKENS' } as const;

/** Writes a Gemini answer: JSON, an SSE stream (`sse`), or a streamed JSON array; resolves with characters sent. */
export async function writeGenerateContent(
  res: ServerResponse,
  call: UpstreamCall,
  request: ChatRequest,
  meta: ReplyMeta,
  plan: ReplyPlan,
  sse: boolean,
): Promise<number> {
  const chunk = (text: string, finish: string | undefined, outputTokens: number) => ({
    candidates: [
      { content: { parts: [{ text }], role: 'model' }, ...(finish ? { finishReason: finish } : {}), index: 0 },
    ],
    usageMetadata: {
      promptTokenCount: meta.inputTokens,
      candidatesTokenCount: outputTokens,
      totalTokenCount: meta.inputTokens + outputTokens,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: meta.inputTokens }],
    },
    modelVersion: meta.model,
    responseId: meta.id,
  });
  if (!request.stream) {
    const text = wholeText(plan);
    await writeJson(res, 200, chunk(text, FINISH[plan.finish], countTokens(text)));
    return text.length;
  }
  const writer = new ChunkWriter(res, call);
  writer.head(200, sse ? 'text/event-stream' : 'application/json; charset=UTF-8');
  const frame = (body: object, first: boolean) =>
    sse ? sseEvent(body) : `${first ? '[' : ',\r\n'}${JSON.stringify(body)}`;
  let sent = 0;
  let first = true;
  // Google sends the finish reason with the last text chunk, so each piece waits for the next one
  // to know whether it is the last (one piece of look-ahead: the bytes model still streams lazily).
  const iterator = plan.pieces()[Symbol.iterator]();
  let current = iterator.next();
  if (current.done) current = { done: false, value: '' };
  while (!current.done) {
    const next = iterator.next();
    const piece = current.value;
    const body = chunk(piece, next.done ? FINISH[plan.finish] : undefined, tokensForChars(sent + piece.length));
    if (!(await writer.write(frame(body, first)))) return sent;
    first = false;
    sent += piece.length;
    current = next;
  }
  if (sse || (await writer.write(']'))) await writer.end();
  return sent;
}

export function newGeminiResponseId(): string {
  return randomId(22);
}
