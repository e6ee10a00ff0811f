/** One Server-Sent Event. */
export interface SseEvent<T = unknown> {
  /** The `event:` field; `message` when the event has none (OpenAI, Gemini). */
  event: string;
  /** The `data:` lines joined with `\n`. */
  data: string;
  /** `data` parsed as JSON, or `undefined` when it is not JSON. */
  json: T | undefined;
  /** The last `id:` seen in the stream, if any. */
  id: string | undefined;
}

/**
 * An incremental Server-Sent Events parser (the WHATWG `text/event-stream` rules): feed it text as it
 * arrives, in any split, and it returns the events completed so far. Handles `\n`, `\r\n` and `\r`
 * line ends (also split across chunks), multi-line `data`, comments and fields without a value. Decode
 * bytes with `new TextDecoder()` and `{ stream: true }` first so characters split across chunks survive.
 *
 * @example
 * ```ts
 * const parse = createSseParser()
 * parse('data: {"a":1}\n') // []
 * parse('\n')               // [{ event: 'message', data: '{"a":1}', json: { a: 1 }, id: undefined }]
 * ```
 */
export function createSseParser(): (text: string) => SseEvent[] {
  // The start of a line whose end has not arrived yet. Each text is scanned once on its own and
  // joined to this only where a line spans texts: a large event split over many chunks is neither
  // re-scanned nor re-copied as each chunk lands.
  let partial = '';
  let skipLineFeed = false;
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  const lineEnd = /\r\n?|\n/g;
  return (text) => {
    const out: SseEvent[] = [];
    // An empty text (a decoder holding half a character) changes nothing, a pending `\r` included.
    if (text === '') return out;
    let start = skipLineFeed && text[0] === '\n' ? 1 : 0;
    lineEnd.lastIndex = start;
    for (let match = lineEnd.exec(text); match; match = lineEnd.exec(text)) {
      const line = partial + text.slice(start, match.index);
      partial = '';
      start = lineEnd.lastIndex;
      if (line === '') {
        if (data.length > 0) {
          const joined = data.join('\n');
          let json: unknown;
          try {
            json = JSON.parse(joined);
          } catch {}
          out.push({ event: event || 'message', data: joined, json, id });
        }
        event = '';
        data = [];
        continue;
      }
      const colon = line.indexOf(':');
      if (colon === 0) continue; // a comment (`: keep-alive`)
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value[0] === ' ') value = value.slice(1);
      if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
      else if (field === 'id' && !value.includes('\0')) id = value;
    }
    // A `\r` that ends the text may be the first half of `\r\n`.
    skipLineFeed = start === text.length && text.endsWith('\r');
    partial += text.slice(start);
    return out;
  };
}
