// Every ```ts block of README.md type-checks against the real API: each block becomes a module in
// .cache/readme-snippets/ (its imports kept, the rest wrapped in an async function so `return`
// and `await` read as they would in an application), with `@lava/fn` mapped to the sources as in
// examples/tsconfig.json, and tsc must accept them all. The few names a snippet takes from its
// surroundings (`config`, `request`, …) are declared once below, with the types they have there.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as main from '../../src/index.js';

const root = new URL('../../', import.meta.url).pathname;
const out = join(root, '.cache', 'readme-snippets');

const SURROUNDINGS = `
declare const config: import('@lava/fn').LavaConfig;
declare const secret: string;
declare const env: { LAVA_SECRET_KEY: string };
declare const request: Request;
declare const refresh: (customerId: string) => void;
declare const double: { baseUrl: string; secretKey: string };
declare const session: import('@lava/fn').CheckoutSession;
declare const params: import('@lava/fn').CreateCustomerParams;
declare const signal: AbortSignal;
declare const orderId: string;
declare const url: string;
declare const body: unknown;
declare const badRequest: (field: string | undefined, message: string) => unknown;
declare const conflict: (body: unknown) => unknown;
declare const retryLater: (why: unknown) => unknown;
`;

function snippets(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] as string);
}

/** One module: the block's imports, an import of every other public name, the rest in a function. */
function moduleOf(block: string, index: number): string {
  const lines = block.split('\n');
  const imports: string[] = [];
  const rest: string[] = [];
  let inImport = false;
  for (const line of lines) {
    if (inImport || /^import\s/.test(line)) {
      imports.push(line);
      inImport = !/from\s+['"][^'"]+['"];?\s*$/.test(line);
    } else rest.push(line);
  }
  const taken = new Set(imports.join(' ').match(/\b\w+\b/g) ?? []);
  const others = Object.keys(main).filter((name) => !taken.has(name));
  return [
    `// README.md, ts block ${index + 1}`,
    ...imports,
    `import { ${others.join(', ')} } from '@lava/fn';`,
    SURROUNDINGS,
    `export async function snippet${index + 1}() {`,
    ...rest,
    '}',
    '',
  ].join('\n');
}

describe('README.md code', () => {
  it('every ts block type-checks against the real exports', async () => {
    const blocks = snippets(readFileSync(join(root, 'README.md'), 'utf8'));
    expect(blocks.length).toBeGreaterThan(10);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    for (const [i, block] of blocks.entries()) {
      writeFileSync(join(out, `block-${String(i + 1).padStart(2, '0')}.ts`), moduleOf(block, i));
    }
    writeFileSync(
      join(out, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../examples/tsconfig.json',
        // Unused names are fine in a snippet; everything else is the project's strict settings.
        compilerOptions: { noUnusedLocals: false },
        include: ['*.ts'],
      }),
    );
    const tsc = join(root, 'node_modules', '.bin', 'tsc');
    const result = await promisify(execFile)(tsc, ['-p', join(out, 'tsconfig.json'), '--pretty', 'false']).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result.split('\n').filter((line) => line.includes('error TS'))).toEqual([]);
  }, 120_000);
});
