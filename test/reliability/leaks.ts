// The secret-leak scanner shared by the reliability suites: every error (and config) they meet is
// printed every way a user or a logger could print it, and searched for the secret key, its
// base64 forms and every forward token used.
import { Buffer } from 'node:buffer';
import { format, inspect } from 'node:util';

/** The printed forms of a value that a log line or a bug report could contain. */
export function printedForms(value: unknown): string[] {
  const forms: string[] = [String(value), inspect(value, { depth: 10, showHidden: true }), format('%o', value)];
  try {
    forms.push(JSON.stringify(value) ?? '');
  } catch (error) {
    forms.push(`JSON.stringify threw ${String(error)}`);
  }
  if (value instanceof Error) forms.push(value.message, value.stack ?? '');
  return forms;
}

const toUrlSafe = (b64: string) => b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * The strings that betray `secret` inside text: itself, its base64 (standard and url-safe), and
 * the part of its base64 that is fixed whatever bytes precede it at offset 1 or 2 mod 3 — so the
 * key is found inside a larger base64 token (a forward token is base64 of JSON holding the key).
 */
export function needlesFor(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const needles = new Set<string>([secret]);
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    let b64 = padded.toString('base64');
    // Drop the group mixed with the unknown leading bytes, and the group mixed with trailing ones.
    if (offset > 0) b64 = b64.slice(4);
    if (padded.length % 3 !== 0) b64 = b64.slice(0, -4);
    needles.add(b64);
    needles.add(toUrlSafe(b64));
  }
  needles.add(bytes.toString('base64'));
  needles.add(toUrlSafe(bytes.toString('base64')));
  return [...needles].filter((n) => n.length >= 12);
}

/** Collects printed forms of errors and configs and counts secret hits in them. */
export class LeakScanner {
  private readonly needles = new Set<string>();
  /** How many values and printed forms were searched. */
  values = 0;
  forms = 0;
  readonly hits: { label: string; needle: string; form: string }[] = [];

  /** Adds a secret (key or forward token) to look for, with its base64 forms. */
  watch(secret: string): void {
    for (const needle of needlesFor(secret)) this.needles.add(needle);
  }

  /** Prints `value` every way and records any secret found in it. */
  scan(label: string, value: unknown): void {
    this.values += 1;
    for (const form of printedForms(value)) {
      this.forms += 1;
      for (const needle of this.needles) {
        if (form.includes(needle))
          this.hits.push({ label, needle: `${needle.slice(0, 6)}…`, form: form.slice(0, 200) });
      }
    }
  }

  summary(name: string): string {
    return `${name}: ${this.values} values, ${this.forms} printed forms, ${this.needles.size} needles, ${this.hits.length} hits`;
  }
}
