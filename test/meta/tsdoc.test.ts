import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as main from '../../src/index.js';
import * as nodeEntry from '../../src/node.js';

const root = new URL('../../', import.meta.url).pathname;

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* sources(full);
    else if (name.endsWith('.ts')) yield full;
  }
}

// Every public function and class (what `@lava/fn` and `@lava/fn/node` export) carries a TSDoc
// block with an @example, as the project's standards require; this lists the ones that do not.
describe('TSDoc on every public export', () => {
  it('each exported function and class is declared after a /** … */ block with an @example', () => {
    const publicNames = new Set(
      Object.entries({ ...main, ...nodeEntry })
        .filter(([, value]) => typeof value === 'function')
        .map(([name]) => name),
    );
    const documented = new Map<string, boolean>();
    for (const file of sources(join(root, 'src'))) {
      const code = readFileSync(file, 'utf8');
      for (const match of code.matchAll(/^export (?:async )?(?:function\*?|class) (\w+)/gm)) {
        const name = match[1] as string;
        if (!publicNames.has(name)) continue;
        // A line comment (e.g. a biome-ignore) may sit between the doc block and the declaration.
        const before = code
          .slice(0, match.index)
          .replace(/(?:^[ \t]*\/\/.*\n)+$/m, '')
          .trimEnd();
        const doc = before.endsWith('*/') ? before.slice(before.lastIndexOf('/**')) : '';
        documented.set(name, (documented.get(name) ?? false) || doc.includes('@example'));
        if (!doc.includes('@example')) console.warn(`${relative(root, file)}: ${name} has no @example`);
      }
    }
    const missing = [...publicNames].filter((name) => documented.get(name) !== true).sort();
    expect(publicNames.size).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('each public operation (a function taking a LavaConfig) describes its parameters and what it throws', () => {
    const publicNames = new Set(Object.keys({ ...main, ...nodeEntry }));
    const operations: string[] = [];
    const missing: string[] = [];
    for (const file of sources(join(root, 'src'))) {
      const code = readFileSync(file, 'utf8');
      for (const match of code.matchAll(/^export (?:async )?function\*? (\w+)(?:<[^(]*>)?\(\s*config: LavaConfig/gm)) {
        const name = match[1] as string;
        if (!publicNames.has(name)) continue;
        operations.push(name);
        const before = code.slice(0, match.index);
        const doc = before.slice(before.lastIndexOf('/**'));
        if (!doc.includes('@throws')) missing.push(`${relative(root, file)}: ${name} has no @throws`);
        // Every parameter is described: `@param name - …`.
        const signature = /\(([\s\S]*?)\)\s*(?::|\{)/.exec(code.slice(match.index))?.[1] ?? '';
        for (const parameter of signature.matchAll(/(?:^|,)\s*(\w+)\??:/g)) {
          if (!doc.includes(`@param ${parameter[1]} `))
            missing.push(`${relative(root, file)}: ${name} has no @param ${parameter[1]}`);
        }
      }
    }
    expect(operations.length).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });
});
