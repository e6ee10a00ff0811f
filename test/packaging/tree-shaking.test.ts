// Tree-shaking on the packed package, with two bundlers (esbuild and rollup + node-resolve): an edge
// function that imports `gateway` must not carry the management path (customers, plans, meters, ky,
// valibot) nor the provider table, and a backend that imports `getCustomer` must not carry the
// gateway. The markers are string literals read from the shipped modules themselves, kept only where
// no other module has them; a positive control proves each marker set is found when its code is in.
import { readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PackedPackage, packPackage } from './pack.js';

let packed: PackedPackage;

function* jsFiles(path: string): Generator<string> {
  if (statSync(path).isFile()) {
    if (/\.(c|m)?js$/.test(path)) yield path;
    return;
  }
  for (const name of readdirSync(path)) yield* jsFiles(join(path, name));
}

/** Every string literal (and template literal piece) of a module, at least 8 characters long. */
function literalsOf(file: string): Set<string> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found = new Set<string>();
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      // Module specifiers are not code: no bundle keeps them.
      const specifier = ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent);
      if (!specifier && node.text.trim().length >= 8) found.add(node.text);
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

interface Group {
  name: string;
  files: string[];
  markers: string[];
}
let groups: Map<string, Group>;

const bundles = new Map<string, string>();
async function bundleWith(bundler: 'esbuild' | 'rollup', imports: string): Promise<string> {
  const key = `${bundler} ${imports}`;
  const cached = bundles.get(key);
  if (cached !== undefined) return cached;
  const entry = join(packed.appDir, `treeshake-${imports.replace(/\W+/g, '_')}.mjs`);
  // Re-exported so that neither bundler can drop what the application uses.
  const names = imports === '*' ? 'all' : imports.replace(/[{}]/g, '').trim();
  const statement = imports === '*' ? `import * as all from '@lava/fn';` : `import ${imports} from '@lava/fn';`;
  writeFileSync(entry, `${statement}\nexport { ${names} };\n`);
  let code: string;
  if (bundler === 'esbuild') {
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: packed.appDir,
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      minify: true,
      logLevel: 'silent',
    });
    code = result.outputFiles[0]?.text ?? '';
  } else {
    const bundle = await rollup({ input: entry, plugins: [nodeResolve({ browser: true })], logLevel: 'silent' });
    const { output } = await bundle.generate({ format: 'es' });
    await bundle.close();
    // Every chunk: a lazily imported module (ky on the REST path) is a chunk of its own.
    code = output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('\n');
  }
  expect(code.length).toBeGreaterThan(100);
  bundles.set(key, code);
  return code;
}

const markersIn = (code: string, group: string) => groups.get(group)?.markers.filter((m) => code.includes(m)) ?? [];

beforeAll(() => {
  packed = packPackage();
  const esm = join(packed.packageDir, 'dist', 'esm');
  const dep = (name: string, sub: string) => join(realpathSync(join(packed.appDir, 'node_modules', name)), sub);
  const definitions: [string, string[]][] = [
    ['customers', [join(esm, 'customers')]],
    ['plans and subscriptions', [join(esm, 'subscriptions')]],
    ['meters', [join(esm, 'meters')]],
    ['provider table', [join(esm, 'gateway', 'providers.js')]],
    ['gateway', [join(esm, 'gateway'), join(esm, 'tokens')]],
    ['ky', [dep('ky', 'distribution')]],
    ['valibot', [dep('valibot', 'dist/index.mjs')]],
  ];
  const everyFile = [...jsFiles(esm), ...definitions.flatMap(([, paths]) => paths.flatMap((p) => [...jsFiles(p)]))];
  groups = new Map();
  for (const [name, paths] of definitions) {
    let files = paths.flatMap((p) => [...jsFiles(p)]);
    // The gateway group is the gateway's own code; its provider table is a group of its own.
    if (name === 'gateway') files = files.filter((f) => !f.endsWith('providers.js'));
    const mine = new Set(files);
    // A marker must not occur anywhere in any other module's text, so finding it in a bundle proves
    // that this group's code is there.
    const elsewhere = everyFile
      .filter((f) => !mine.has(f))
      .map((f) => readFileSync(f, 'utf8').replace(/\b(from|import)\s*(["'])[^"']*\2/g, ''))
      .join('\n');
    const markers = [...new Set(files.flatMap((f) => [...literalsOf(f)]))].filter((m) => !elsewhere.includes(m));
    groups.set(name, { name, files, markers });
  }
}, 60_000);

describe.each(['esbuild', 'rollup'] as const)('tree-shaking with %s', (bundler) => {
  it('control: the markers of every module group are found when that code is bundled', async () => {
    const everything = await bundleWith(bundler, '*');
    for (const group of groups.values()) {
      expect(group.markers.length, `${group.name} has no distinctive string literal`).toBeGreaterThan(0);
      const found = markersIn(everything, group.name);
      expect(
        found.length,
        `${group.name}: ${found.length} of ${group.markers.length} markers in import *`,
      ).toBeGreaterThanOrEqual(Math.min(3, group.markers.length));
    }
  });

  it('{ gateway } carries no customer, plan or meter code, no ky, no valibot, no provider table', async () => {
    const code = await bundleWith(bundler, '{ gateway }');
    for (const group of ['customers', 'plans and subscriptions', 'meters', 'ky', 'valibot', 'provider table']) {
      expect(markersIn(code, group), `${group} code inside the { gateway } bundle`).toEqual([]);
    }
    expect(markersIn(code, 'gateway').length).toBeGreaterThan(0);
  });

  it('{ getCustomer } carries no gateway code', async () => {
    const code = await bundleWith(bundler, '{ getCustomer }');
    for (const group of ['gateway', 'provider table', 'plans and subscriptions', 'meters']) {
      expect(markersIn(code, group), `${group} code inside the { getCustomer } bundle`).toEqual([]);
    }
    expect(markersIn(code, 'customers').length).toBeGreaterThan(0);
    expect(markersIn(code, 'ky').length).toBeGreaterThan(0);
  });
});
