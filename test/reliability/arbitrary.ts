// fast-check arbitraries derived from the operations' own valibot schemas: values that a schema
// accepts, and single-field mutations of them that it must reject, with the field that is wrong.
// Deriving them from the schemas means a new operation is covered the moment it exists.
import fc from 'fast-check';
import * as v from 'valibot';

/** A valibot schema or action, as far as this walker reads it. */
interface Node {
  kind: 'schema' | 'validation' | 'transformation' | 'metadata';
  type: string;
  requirement?: unknown;
  pipe?: Node[];
  wrapped?: Node;
  entries?: Record<string, Node>;
  item?: Node;
  key?: Node;
  value?: Node;
  options?: unknown[];
  literal?: unknown;
}

type AnySchema = v.GenericSchema;

/** Arbitraries to use for particular schema objects (by identity), where the walker cannot know. */
export type Overrides = Map<unknown, fc.Arbitrary<unknown>>;

const email = fc
  .tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.stringMatching(/^[a-z]{1,10}$/), fc.constantFrom('com', 'dev', 'io'))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .chain((d) => fc.constantFrom(d.toISOString(), d.toISOString().slice(0, 10), d.toISOString().slice(0, 19)));
const decimal = fc
  .tuple(fc.nat({ max: 99_999 }), fc.option(fc.nat({ max: 9_999 }), { nil: undefined }))
  .map(([whole, fraction]) => (fraction === undefined ? String(whole) : `${whole}.${fraction}`));
/** Strings of every kind a string field with checks may want: free text, URLs, emails, dates, numbers. */
const candidateStrings = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.webUrl(),
  email,
  isoDate,
  decimal,
  fc.stringMatching(/^[a-z][a-z0-9_-]{0,15}$/),
);

function lengthBounds(pipe: Node[]): { minLength?: number; maxLength?: number } {
  const out: { minLength?: number; maxLength?: number } = {};
  for (const action of pipe) {
    if (action.type === 'min_length' || action.type === 'non_empty') out.minLength = Number(action.requirement ?? 1);
    if (action.type === 'max_length') out.maxLength = Number(action.requirement);
    if (action.type === 'length') out.minLength = out.maxLength = Number(action.requirement);
  }
  return out;
}

function stringOf(pipe: Node[]): fc.Arbitrary<string> {
  const regex = pipe.find((a) => a.type === 'regex')?.requirement as RegExp | undefined;
  if (regex) return fc.stringMatching(regex);
  if (pipe.some((a) => a.type === 'email')) return email;
  if (pipe.some((a) => a.type === 'url')) return fc.webUrl();
  if (pipe.some((a) => a.type.startsWith('iso_'))) return isoDate;
  if (pipe.some((a) => a.type === 'decimal')) return decimal;
  const { minLength = 0, maxLength = 40 } = lengthBounds(pipe);
  const free = fc.string({ unit: 'binary', minLength, maxLength: Math.max(minLength, Math.min(maxLength, 40)) });
  return pipe.some((a) => a.type === 'check') ? fc.oneof(free, candidateStrings) : free;
}

function numberOf(pipe: Node[]): fc.Arbitrary<number> {
  let min: number | undefined;
  let max: number | undefined;
  let integer = false;
  for (const action of pipe) {
    if (action.type === 'min_value') min = Number(action.requirement);
    if (action.type === 'max_value') max = Number(action.requirement);
    if (action.type === 'integer' || action.type === 'safe_integer') integer = true;
  }
  if (integer) {
    return fc.integer({ min: min ?? -1_000_000, max: max ?? 1_000_000 });
  }
  return fc.double({ min: min ?? -1e9, max: max ?? 1e9, noNaN: true, noDefaultInfinity: true });
}

/** The arbitrary of values `schema` accepts (filtered by the schema itself, so checks hold too). */
export function validOf(schema: unknown, overrides: Overrides = new Map()): fc.Arbitrary<unknown> {
  return raw(schema as Node, overrides).filter((value) => v.is(schema as AnySchema, value));
}

function raw(node: Node, overrides: Overrides): fc.Arbitrary<unknown> {
  const override = overrides.get(node);
  if (override) return override;
  const pipe = node.pipe ?? [];
  // A pipe whose base is an opaque `custom` check but which continues with a real schema.
  if (node.type === 'custom') {
    const inner = pipe.slice(1).find((item) => item.kind === 'schema');
    if (inner) return raw(inner, overrides);
    return fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.jsonValue());
  }
  switch (node.type) {
    case 'string':
      return stringOf(pipe);
    case 'number':
      return numberOf(pipe);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
    // Only ever reached under `optional` (a field that must be left out, e.g. an immutable one).
    case 'never':
      return fc.constant(undefined);
    case 'literal':
      return fc.constant(node.literal);
    case 'picklist':
      return fc.constantFrom(...(node.options as unknown[]));
    case 'optional':
    case 'exact_optional':
    case 'undefinedable':
      return fc.option(raw(node.wrapped as Node, overrides), { nil: undefined });
    case 'nullable':
      return fc.option(raw(node.wrapped as Node, overrides), { nil: null });
    case 'nullish':
      return fc.oneof(fc.constant(null), fc.constant(undefined), raw(node.wrapped as Node, overrides));
    case 'object':
    case 'strict_object':
    case 'loose_object': {
      const entries = node.entries ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      const requiredKeys: string[] = [];
      for (const [key, entry] of Object.entries(entries)) {
        model[key] = raw(entry, overrides);
        if (!['optional', 'exact_optional', 'nullish', 'undefinedable'].includes(entry.type)) requiredKeys.push(key);
      }
      return fc.record(model, { requiredKeys });
    }
    case 'array': {
      const { minLength = 0, maxLength = 4 } = lengthBounds(pipe);
      return fc.array(raw(node.item as Node, overrides), { minLength, maxLength: Math.max(minLength, maxLength) });
    }
    case 'record':
      return fc.dictionary(
        raw(node.key as Node, overrides) as fc.Arbitrary<string>,
        raw(node.value as Node, overrides),
        { maxKeys: 5 },
      );
    case 'union':
    case 'variant':
      return fc.oneof(...(node.options as Node[]).map((option) => raw(option, overrides)));
    case 'unknown':
    case 'any':
      return fc.jsonValue();
    default:
      throw new Error(`arbitrary: no generator for valibot schema type "${node.type}"`);
  }
}

/** Unwraps optional/nullable wrappers and pipes down to the schema that gives the value's shape. */
function shapeOf(node: Node): Node {
  let current = node;
  for (;;) {
    if (['optional', 'exact_optional', 'nullable', 'nullish', 'undefinedable'].includes(current.type)) {
      current = current.wrapped as Node;
    } else if (current.type === 'custom' && current.pipe?.slice(1).some((i) => i.kind === 'schema')) {
      current = current.pipe.slice(1).find((i) => i.kind === 'schema') as Node;
    } else return current;
  }
}

/** A place in a value where one wrong field can be put, with the schema it must satisfy there. */
export interface Slot {
  path: (string | number)[];
  schema: Node;
  /** An unknown key of a strict object (any value is wrong there). */
  unknownKey?: boolean;
}

/** Every slot of `value` (valid for `schema`): entries of the objects and items of the arrays it holds. */
export function slotsOf(schema: unknown, value: unknown, path: (string | number)[] = []): Slot[] {
  const node = shapeOf(schema as Node);
  const slots: Slot[] = [];
  if (typeof value !== 'object' || value === null) return slots;
  if (['object', 'strict_object', 'loose_object'].includes(node.type) && !Array.isArray(value)) {
    for (const [key, entry] of Object.entries(node.entries ?? {})) {
      slots.push({ path: [...path, key], schema: entry });
      slots.push(...slotsOf(entry, (value as Record<string, unknown>)[key], [...path, key]));
    }
    if (node.type === 'strict_object')
      slots.push({ path: [...path, 'zz_not_a_field'], schema: node, unknownKey: true });
  } else if (node.type === 'array' && Array.isArray(value) && value.length > 0) {
    slots.push({ path: [...path, 0], schema: node.item as Node });
    slots.push(...slotsOf(node.item, value[0], [...path, 0]));
  } else if (node.type === 'variant' || node.type === 'union') {
    const option = (node.options as Node[]).find((o) => v.is(o as unknown as AnySchema, value));
    if (option) slots.push(...slotsOf(option, value, path));
  }
  return slots;
}

/** Values that are wrong for most fields: the wrong type, empty, a dot segment, not a number. */
export const wrongValues = fc.oneof(
  fc.constantFrom<unknown>(42, -1, 1.5, 0, true, false, '', ' ', '.', '..', 'not-valid', [], {}, null, Number.NaN),
  fc.anything({ maxDepth: 2 }),
);

/** Returns a copy of `value` with `replacement` at `path` (objects and arrays copied on the way). */
export function setAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head] = setAt(copy[head], rest, replacement);
  return copy;
}
