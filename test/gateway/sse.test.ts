// Pure-function tests of the incremental SSE parser: the same stream, split at every byte position
// (and one byte at a time), must give exactly the same events.
import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from '../../src/index.js';

const encoder = new TextEncoder();

function parseChunks(chunks: Uint8Array[]): SseEvent[] {
  const parse = createSseParser();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  for (const chunk of chunks) events.push(...parse(decoder.decode(chunk, { stream: true })));
  events.push(...parse(decoder.decode()));
  return events;
}

function everySplit(bytes: Uint8Array): Uint8Array[][] {
  const splits: Uint8Array[][] = [];
  for (let i = 0; i <= bytes.length; i++) splits.push([bytes.subarray(0, i), bytes.subarray(i)]);
  return splits;
}

const ev = (data: string, event = 'message', id?: string): SseEvent => {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {}
  return { event, data, json, id };
};

// \n, \r\n and a lone \r as line ends; a comment; multi-line data; no space after the colon; a field
// without a colon; an unknown field; Unicode (2-, 3- and 4-byte UTF-8); an event: line; ids.
const stream =
  ': keep-alive\r\n' +
  'data: {"choices":[{"delta":{"content":"Hé"}}]}\r\n\r\n' +
  'event: content_block_delta\n' +
  'data: {"text":"€ 😀"}\n\n' +
  'data:first\rdata:  second\r\r' +
  'id: 7\n' +
  'retry: 1000\n' +
  'foo: ignored\n' +
  'data\n' +
  'data: after-empty\n\n' +
  ': comment only, no event\n\n' +
  'event: ping\n\n' +
  'data: [DONE]\n\n' +
  'data: never completed';

const expected: SseEvent[] = [
  ev('{"choices":[{"delta":{"content":"Hé"}}]}'),
  ev('{"text":"€ 😀"}', 'content_block_delta'),
  ev('first\n second'),
  ev('\nafter-empty', 'message', '7'),
  ev('[DONE]', 'message', '7'),
];

describe('createSseParser', () => {
  it('parses the whole stream at once', () => {
    expect(parseChunks([encoder.encode(stream)])).toEqual(expected);
  });

  it('gives the same events for a split at every byte position (UTF-8 and \\r\\n split included)', () => {
    const bytes = encoder.encode(stream);
    for (const chunks of everySplit(bytes)) expect(parseChunks(chunks)).toEqual(expected);
  });

  it('gives the same events one byte at a time', () => {
    const bytes = encoder.encode(stream);
    expect(parseChunks(Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)))).toEqual(expected);
  });

  it('gives the same events for every split into three chunks of a short stream', () => {
    const bytes = encoder.encode('data: ü\r\n\r\nevent: x\rdata: {"a":1}\r\r');
    const want = [ev('ü'), ev('{"a":1}', 'x')];
    for (let i = 0; i <= bytes.length; i++) {
      for (let j = i; j <= bytes.length; j++) {
        expect(parseChunks([bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)])).toEqual(want);
      }
    }
  });

  it('returns events as soon as their blank line arrives, not later', () => {
    const parse = createSseParser();
    expect(parse('data: 1\n')).toEqual([]);
    expect(parse('\n')).toEqual([ev('1')]);
    expect(parse('data: 2\r')).toEqual([]);
    // The \r already ended the line; the following \n is its other half, not a blank line.
    expect(parse('\n')).toEqual([]);
    expect(parse('\r\n')).toEqual([ev('2')]);
  });

  it('parses JSON data into json and leaves other data as text only', () => {
    const [a, b] = createSseParser()('data: {"n":[1,2]}\n\ndata: plain text\n\n');
    expect(a?.json).toEqual({ n: [1, 2] });
    expect(b?.json).toBeUndefined();
    expect(b?.data).toBe('plain text');
  });

  it('parses Gemini-style \\r\\n\\r\\n-separated events', () => {
    const gemini =
      'data: {"candidates":[{"content":{"parts":[{"text":"Hel"}]}}]}\r\n\r\n' +
      'data: {"candidates":[{"content":{"parts":[{"text":"lo"}]}}],"usageMetadata":{"totalTokenCount":5}}\r\n\r\n';
    const events = createSseParser()(gemini);
    expect(
      events.map(
        (e) =>
          (e.json as { candidates: [{ content: { parts: [{ text: string }] } }] }).candidates[0].content.parts[0].text,
      ),
    ).toEqual(['Hel', 'lo']);
  });

  it('an empty text between the \r and the \n of one line end changes nothing', () => {
    const parse = createSseParser();
    const events = [...parse('data: a\r'), ...parse(''), ...parse('\ndata: b\n\n')];
    expect(events.map((e) => e.data)).toEqual(['a\nb']);
  });

  it('an event split over many texts comes out whole, once', () => {
    const parse = createSseParser();
    const content = 'x'.repeat(10_000);
    const stream = `data: ${JSON.stringify({ content })}\n\n`;
    const events: SseEvent[] = [];
    for (let i = 0; i < stream.length; i += 97) events.push(...parse(stream.slice(i, i + 97)));
    expect(events).toHaveLength(1);
    expect(events[0]?.json).toEqual({ content });
  });
});
