// MIGRATING.md against reality: every @lava/fn name its table maps to is exported (from `@lava/fn`
// or `@lava/fn/node`), and every entry point of the installed official SDK — each resource method,
// read from the class prototypes at run time, plus its own methods and statics — has a row.
import { readFileSync } from 'node:fs';
import { Lava } from '@lavapayments/nodejs';
import { describe, expect, it } from 'vitest';
import * as main from '../../src/index.js';
import * as nodeEntry from '../../src/node.js';

const guide = readFileSync(new URL('../../MIGRATING.md', import.meta.url), 'utf8');
const exported = new Set(Object.keys({ ...main, ...nodeEntry }));

/** The entry-point table: [official cell, @lava/fn cell] per row. */
const rows = guide
  .slice(guide.indexOf('## Entry points'))
  .split('\n')
  .filter((line) => line.startsWith('| ') && !line.startsWith('| `@lavapayments/nodejs`') && !line.startsWith('|---'))
  .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '')) as [string, string, string]);

/** The official entry points named in the first column, e.g. `customers.retrieve`, `Lava.login`. */
const officialRows = new Set(
  rows.flatMap(([official]) => [...official.matchAll(/`(?:lava\.)?((?:Lava\.)?[\w.]+)[`(]/g)].map((m) => m[1])),
);

function officialEntryPoints(): string[] {
  const lava = new Lava('aks_test_migration_guide') as unknown as Record<string, unknown>;
  const names: string[] = [];
  for (const [resource, value] of Object.entries(lava)) {
    if (typeof value !== 'object' || value === null) continue;
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype) {
      names.push(resource); // `providers`: a plain table of URLs
      continue;
    }
    for (const method of Object.getOwnPropertyNames(proto)) {
      if (method !== 'constructor' && typeof proto[method] === 'function') names.push(`${resource}.${method}`);
    }
  }
  // The class's own methods (`throwApiError` is private in its declarations) and statics.
  for (const method of Object.getOwnPropertyNames(Lava.prototype)) {
    if (method !== 'constructor' && method !== 'throwApiError') names.push(method);
  }
  for (const method of Object.getOwnPropertyNames(Lava)) {
    if (typeof (Lava as unknown as Record<string, unknown>)[method] === 'function') names.push(`Lava.${method}`);
  }
  return names.sort();
}

describe('MIGRATING.md', () => {
  it('has a row for every entry point of the installed @lavapayments/nodejs', () => {
    const official = officialEntryPoints();
    // 42 resource methods, gateway, generateForwardToken, request, providers, login, exchangeAuthCode.
    expect(official.filter((name) => name.includes('.') && !name.startsWith('Lava.'))).toHaveLength(42);
    expect(official).toEqual(expect.arrayContaining(['gateway', 'generateForwardToken', 'providers', 'Lava.login']));
    expect(official.filter((name) => !officialRows.has(name))).toEqual([]);
  });

  it('maps every row to functions and constants that @lava/fn really exports', () => {
    const unknown: string[] = [];
    let named = 0;
    for (const [official, ours] of rows) {
      const code = [...ours.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string).join(' ');
      const names = [...code.matchAll(/\b([a-zA-Z]\w*)\(|\b([A-Z][A-Z_]{3,})\b/g)].map((m) => (m[1] ?? m[2]) as string);
      // A row without a counterpart says so in words; every other row names at least one export.
      if (names.length === 0 && !/no counterpart/i.test(ours)) unknown.push(`${official}: names nothing`);
      for (const name of names) {
        named += 1;
        if (!exported.has(name)) unknown.push(`${official}: ${name}`);
      }
    }
    expect(rows.length).toBeGreaterThan(45);
    expect(named).toBeGreaterThan(45);
    expect(unknown).toEqual([]);
  });
});
