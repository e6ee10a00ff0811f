// Where the login lives: only in `@lava/fn/node`, and there only for runtimes that have Node's http
// server and child processes (Node, Bun, Deno). Everything here runs on the built package (dist/),
// resolved by name through a node_modules symlink the way an application would resolve it.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EdgeVM } from '@edge-runtime/vm';
import { build, type Metafile } from 'esbuild';
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import * as mainSource from '../../src/index.js';
import * as nodeSource from '../../src/node.js';
import * as unsupportedSource from '../../src/node-unsupported.js';
import { useDouble } from '../helpers.js';

const root = new URL('../../', import.meta.url).pathname;
const app = mkdtempSync(join(tmpdir(), 'lava-entries-'));
mkdirSync(join(app, 'node_modules', '@lava'), { recursive: true });
symlinkSync(root, join(app, 'node_modules', '@lava', 'fn'));
writeFileSync(join(app, 'package.json'), '{"type":"module","private":true}');
afterAll(() => rmSync(app, { recursive: true, force: true }));

const lava = useDouble();

async function bundle(code: string, options: { platform: 'browser' | 'node' | 'neutral'; conditions?: string[] }) {
  const entry = join(app, `entry-${Math.random().toString(36).slice(2)}.js`);
  writeFileSync(entry, code);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: options.platform,
    ...(options.conditions ? { conditions: options.conditions } : {}),
    ...(options.platform === 'neutral' ? { mainFields: ['module', 'main'] } : {}),
    logLevel: 'silent',
  });
  const inputs = Object.keys((result.metafile as Metafile).inputs).map((p) => p.replace(/^.*?dist\//, 'dist/'));
  return { text: result.outputFiles[0]?.text ?? '', inputs };
}

describe('the main entry has no login', () => {
  it('src: @lava/fn exports neither login nor exchangeAuthCode; @lava/fn/node exports both', () => {
    expect('login' in mainSource).toBe(false);
    expect('exchangeAuthCode' in mainSource).toBe(false);
    expect('LavaLoginError' in mainSource).toBe(false);
    expect(typeof nodeSource.isLavaLoginError).toBe('function');
    expect(typeof nodeSource.login).toBe('function');
    expect(typeof nodeSource.exchangeAuthCode).toBe('function');
    // The node entry is a superset: a Node application imports everything from one place.
    for (const name of Object.keys(mainSource)) expect(name in nodeSource).toBe(true);
  });

  it('the stand-in exports the same names with the same types as the real node entry', () => {
    expect(Object.keys(unsupportedSource).sort()).toEqual(Object.keys(nodeSource).sort());
    expectTypeOf(unsupportedSource.login).toEqualTypeOf(nodeSource.login);
    expectTypeOf(unsupportedSource.exchangeAuthCode).toEqualTypeOf(nodeSource.exchangeAuthCode);
    expect(unsupportedSource.login).not.toBe(nodeSource.login);
  });

  it('dist: `import * as all from "@lava/fn"` bundled for the browser pulls in no node: module and no login code', async () => {
    const { text, inputs } = await bundle("import * as all from '@lava/fn'; globalThis.all = all;", {
      platform: 'browser',
    });
    expect(inputs).toContain('dist/esm/index.js');
    expect(inputs.filter((p) => p.startsWith('dist/esm/auth/') || p.includes('node-unsupported'))).toEqual([]);
    expect(text).not.toMatch(/["']node:/);
    for (const marker of ['auth/connect', 'createServer', 'execFile', 'xdg-open', 'auth/callback', 'LavaLoginError']) {
      expect(text).not.toContain(marker);
    }
    // The webhook helpers are in the main entry, for every runtime.
    expect(text).toContain('X-Webhook-Signature');
  });
});

describe('@lava/fn/node resolves by runtime', () => {
  const unsupported = 'dist/esm/node-unsupported.js';
  const real = 'dist/esm/auth/login.js';
  const importLogin = "import { login } from '@lava/fn/node'; globalThis.login = login;";

  it.each([
    ['a browser bundle', { platform: 'browser' as const }],
    [
      'workerd (wrangler: workerd, worker, browser)',
      { platform: 'neutral' as const, conditions: ['workerd', 'worker', 'browser'] },
    ],
    ['Vercel edge (edge-light)', { platform: 'neutral' as const, conditions: ['edge-light'] }],
  ])('%s gets the stand-in, without node: imports', async (_name, options) => {
    const { text, inputs } = await bundle(importLogin, options);
    expect(inputs).toContain(unsupported);
    expect(inputs).not.toContain(real);
    expect(text).not.toMatch(/["']node:/);
  });

  it('a Node bundle gets the real login', async () => {
    const { inputs } = await bundle(importLogin, { platform: 'node' });
    expect(inputs).toContain(real);
    expect(inputs).not.toContain(unsupported);
  });

  it('on the edge runtime, login() and exchangeAuthCode() reject saying to pass a secret key; config and webhook verification work', async () => {
    const body = '{"event":"customer.deleted","data":{}}';
    const signature = createHmac('sha256', 'whsec_edge').update(body).digest('hex');
    const { text } = await bundle(
      `import { login, exchangeAuthCode, createConfig, verifyWebhookSignature } from '@lava/fn/node';
       globalThis.probe = async () => {
         const out = [];
         for (const call of [() => login(), () => exchangeAuthCode({ code: 'x' })]) {
           try { await call(); out.push('resolved'); } catch (e) { out.push([e.name, e.reason, e.message]); }
         }
         out.push(createConfig({ secretKey: 'aks_test_0123456789abcdef0123' }).keyHint);
         out.push(await verifyWebhookSignature('whsec_edge', ${JSON.stringify(body)}, '${signature}'));
         out.push(await verifyWebhookSignature('whsec_edge', ${JSON.stringify(`${body} `)}, '${signature}'));
         return out;
       };`,
      { platform: 'neutral', conditions: ['edge-light'] },
    );
    const vm = new EdgeVM();
    vm.evaluate(text.replace(/^export\s*\{[^}]*\};?\s*$/m, ''));
    const [loginResult, exchangeResult, hint, authentic, tampered] = (await vm.evaluate('probe()')) as [
      string[],
      string[],
      string,
      boolean,
      boolean,
    ];
    for (const [result, name] of [
      [loginResult, 'login'],
      [exchangeResult, 'exchangeAuthCode'],
    ] as const) {
      expect(result?.[0]).toBe('LavaLoginError');
      expect(result?.[1]).toBe('unsupported_runtime');
      expect(result?.[2]).toContain(`${name}() needs Node.js`);
      expect(result?.[2]).toContain('createConfig({ secretKey })');
    }
    expect(hint).toBe('aks_test_…0123');
    // Webhook verification is Web Crypto only: it runs on the edge, against a node:crypto signature.
    expect([authentic, tampered]).toEqual([true, false]);
  });

  // Bun and Deno implement node:http and node:child_process, so they get the real login (their
  // resolvers match `import`, not the worker conditions): a whole login runs there against the double.
  const script = `
    import { createConfig, listCustomers, login } from '@lava/fn/node';
    const app = process.env.LAVA_APP;
    const credentials = await login({
      baseUrl: app,
      timeoutMs: 20000,
      async openBrowser(url) {
        const connect = new URL(url);
        const form = new URLSearchParams({ state: connect.searchParams.get('state'), port: connect.searchParams.get('port'), decision: 'allow' });
        const redirect = await fetch(new URL('/auth/connect', app), { method: 'POST', body: form, redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        const callback = redirect.headers.get('location');
        setTimeout(() => fetch(callback).then((r) => r.text()), 0);
      },
    });
    const page = await listCustomers(createConfig({ secretKey: credentials.secret_key, baseUrl: app }));
    console.log(JSON.stringify({ key: credentials.secret_key, listed: Array.isArray(page.data) }));
  `;
  const run = (command: string, args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(command, args, { cwd: app, env: { ...process.env, LAVA_APP: lava.double.baseUrl } });
      let out = '';
      let err = '';
      child.stdout.on('data', (c) => {
        out += c;
      });
      child.stderr.on('data', (c) => {
        err += c;
      });
      child.on('close', (code) => resolve({ code, out, err }));
    });

  it.each([
    ['Bun', join(root, 'node_modules/.bin/bun'), ['login-probe.mjs']],
    ['Deno', join(root, 'node_modules/.bin/deno'), ['run', '-A', '--quiet', 'login-probe.mjs']],
  ])(
    '%s runs the real login end to end',
    async (_name, command, args) => {
      writeFileSync(join(app, 'login-probe.mjs'), script);
      const result = await run(command, args);
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.out)).toEqual({ key: lava.double.secretKey, listed: true });
    },
    30_000,
  );
});
