// The published package, checked the way users receive it: the `npm pack` tarball (see pack.ts).
// publint and attw on the tarball, consumer projects that type-check against it under each module
// setting, and CommonJS `require` of both entries on the machine's Node 20.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PackedPackage, packPackage, repoRoot } from './pack.js';

let packed: PackedPackage;
beforeAll(() => {
  packed = packPackage();
}, 60_000);

describe('the packed tarball', () => {
  it('ships only dist/, README.md and package.json', () => {
    const listing = execFileSync('tar', ['-tzf', packed.tarball], { encoding: 'utf8' }).trim().split('\n');
    const outside = listing.filter((f) => !/^package\/(dist\/.+|README\.md|package\.json|LICENSE)$/.test(f));
    expect(outside).toEqual([]);
    expect(listing).toContain('package/dist/esm/index.js');
    expect(listing).toContain('package/dist/cjs/index.cjs');
    // The ESM build stays one module per source file, which is what makes tree-shaking work.
    expect(listing.filter((f) => f.startsWith('package/dist/esm/customers/')).length).toBeGreaterThan(5);
  });

  it('publint --strict reports nothing', async () => {
    const tarball = readFileSync(packed.tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
      level: 'suggestion',
      strict: true,
    });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`)).toEqual([]);
  });

  it('are-the-types-wrong reports no problem for any entry under any resolution', () => {
    const run = spawnSync(join(repoRoot, 'node_modules/.bin/attw'), ['--format', 'json', packed.tarball], {
      encoding: 'utf8',
    });
    const report = JSON.parse(run.stdout) as {
      analysis: { entrypoints: Record<string, unknown>; problems: unknown[] };
    };
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(['.', './node', './package.json']);
    expect(report.analysis.problems).toEqual([]);
    expect(run.status).toBe(0);
  }, 60_000);
});

describe('consumer projects type-check against the tarball', () => {
  const fixtures = join(repoRoot, 'test/packaging/fixtures');
  const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');

  it.each([
    ['esm-node16', 'ESM import, moduleResolution node16'],
    ['cjs-node16', 'CJS require, moduleResolution node16'],
    ['bundler', 'moduleResolution bundler, DOM lib'],
  ])(
    '%s (%s)',
    (name) => {
      // Inside the application directory, so `@lava/fn` resolves from its node_modules like an install.
      const dir = join(packed.appDir, 'fixtures', name);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      cpSync(join(fixtures, name), dir, { recursive: true });
      cpSync(join(fixtures, 'consumer.ts'), join(dir, 'index.ts'));
      const run = spawnSync(process.execPath, [tsc, '-p', dir, '--traceResolution'], { encoding: 'utf8' });
      const errors = run.stdout.split('\n').filter((l) => l.includes('error TS'));
      expect(errors).toEqual([]);
      expect(run.status).toBe(0);
      // It really used the tarball's declarations, not the repository's sources.
      const resolved = [
        ...run.stdout.matchAll(/Module name '(@lava\/fn[^']*)' was successfully resolved to '([^']+)'/g),
      ]
        .map(([, spec, file]) => `${spec} -> ${file?.slice(packed.packageDir.length + 1)}`)
        .filter((line, i, all) => all.indexOf(line) === i)
        .sort();
      const expected =
        name === 'cjs-node16'
          ? ['@lava/fn -> dist/cjs/index.d.cts', '@lava/fn/node -> dist/cjs/node.d.cts']
          : ['@lava/fn -> dist/esm/index.d.ts', '@lava/fn/node -> dist/esm/node.d.ts'];
      for (const line of expected) expect(resolved).toContain(line);
    },
    120_000,
  );
});

describe('CommonJS at run time', () => {
  it('require() of both entries works on the machine Node 20, with one copy of each class and the operations loaded on first call', async () => {
    const script = [
      'const loaded = () => Object.keys(require.cache).filter((f) => /rest\\.cjs|valibot/.test(f)).length;',
      "const lava = require('@lava/fn');",
      "const node = require('@lava/fn/node');",
      'const afterRequire = loaded();',
      "const config = lava.createConfig({ secretKey: 'aks_test_cjs_require_0001', baseUrl: 'http://127.0.0.1:9/', retry: 0 });",
      "lava.getCustomer(config, 'con_1').catch((error) => lava.getCustomer(config, '').catch((invalid) =>",
      '  console.log(JSON.stringify({ baseUrl: config.baseUrl, login: typeof node.login, afterRequire,',
      '    afterCall: loaded() > 0, name: lava.getCustomer.name,',
      '    same: node.createConfig === lava.createConfig && node.LavaApiError === lava.LavaApiError,',
      '    network: error instanceof node.LavaNetworkError, invalid: invalid instanceof lava.LavaValidationError,',
      "    guard: lava.isLavaError(new lava.LavaValidationError([{ field: 'x', message: 'y' }])) }))));",
    ].join('\n');
    const out = execFileSync('/usr/bin/node', ['-e', script], { cwd: packed.appDir, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({
      baseUrl: 'http://127.0.0.1:9/',
      login: 'function',
      // Requiring either entry evaluates neither the operations nor valibot; the first call does.
      afterRequire: 0,
      afterCall: true,
      name: 'getCustomer',
      same: true,
      network: true,
      invalid: true,
      guard: true,
    });
    // The lazy entry exports what the eager one did: every name of the ESM entry.
    const names = execFileSync(
      '/usr/bin/node',
      ['-e', "console.log(Object.keys(require('@lava/fn')).sort().join(','))"],
      {
        cwd: packed.appDir,
        encoding: 'utf8',
      },
    );
    const esmNames = execFileSync(
      '/usr/bin/node',
      ['--input-type=module', '-e', "console.log(Object.keys(await import('@lava/fn')).sort().join(','))"],
      { cwd: packed.appDir, encoding: 'utf8' },
    );
    expect(names).toBe(esmNames);
  });
});

describe('which build each consumer gets', () => {
  it('Node (no bundler) loads the few-file ESM bundle, a bundler the file-by-file build', async () => {
    const script =
      "for (const s of ['@lava/fn', '@lava/fn/node']) console.log(import.meta.resolve(s).replace(/.*\\/@lava\\/fn\\//, ''));" +
      "const a = await import('@lava/fn'); const b = await import('@lava/fn/node');" +
      'console.log(a.LavaApiError === b.LavaApiError);' +
      // A management operation loads its code on first call; its errors are still the root's classes.
      "const config = a.createConfig({ secretKey: 'aks_test_bundle_probe_0001', baseUrl: 'http://127.0.0.1:9/', retry: 0 });" +
      "const error = await a.getCustomer(config, 'con_1').catch((e) => e);" +
      "const invalid = await a.getCustomer(config, '').catch((e) => e);" +
      'console.log(error instanceof a.LavaNetworkError, invalid instanceof b.LavaValidationError, a.getCustomer.name);';
    const out = execFileSync('/usr/bin/node', ['--input-type=module', '-e', script], {
      cwd: packed.appDir,
      encoding: 'utf8',
    });
    // One copy of each class for both entries (shared chunk), so `instanceof` holds across them.
    expect(out.trim().split('\n')).toEqual([
      'dist/bundle/index.js',
      'dist/bundle/node.js',
      'true',
      'true true getCustomer',
    ]);
    const { build } = await import('esbuild');
    const result = await build({
      stdin: { contents: "export { getCustomer } from '@lava/fn';", resolveDir: packed.appDir },
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      external: ['ky', 'valibot'],
    });
    const inputs = Object.keys(result.metafile.inputs).filter((f) => f.includes('@lava/fn/'));
    expect(inputs.some((f) => f.endsWith('dist/esm/customers/get-customer.js'))).toBe(true);
    expect(inputs.some((f) => f.includes('dist/bundle/'))).toBe(false);
  });
});
