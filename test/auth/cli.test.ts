// The `lava-fn` CLI in a child process, talking to the double over loopback. The test plays the
// browser with plain HTTP (the URL the CLI prints, the double's Authorize form, the callback).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertEnvFile } from '../../src/auth/env-file.js';
import { useDouble } from '../helpers.js';
import { authorizeOverHttp, isListening } from './drive.js';

const root = new URL('../../', import.meta.url).pathname;
const lava = useDouble();
const work = mkdtempSync(join(tmpdir(), 'lava-cli-'));
// The CLI from source, bundled once into one file so each child starts in a fraction of the time
// a TypeScript loader takes (and without depending on a dist/ that another build may be replacing).
const cli = join(work, 'lava-fn.mjs');
beforeAll(async () => {
  await build({
    entryPoints: [join(root, 'src/auth/cli.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stderr. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  exit: Promise<number | null>;
}

function runCli(args: string[], cwd = work): Run {
  const env = { ...process.env };
  delete env.LAVA_SECRET_KEY;
  const child = spawn(process.execPath, [cli, ...args], { cwd, env });
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    err += chunk;
    for (const waiter of [...waiters]) {
      const match = err.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  });
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor(pattern) {
      const match = err.match(pattern);
      if (match) return Promise.resolve(match);
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        exit.then(() => reject(new Error(`exited before printing ${pattern}; stderr:\n${err}`)));
      });
    },
    exit,
  };
}

const CONNECT_URL = /(http:\/\/127\.0\.0\.1:\d+\/auth\/connect\?\S+)/;

/** Runs `lava-fn login` against the double and authorizes it over HTTP. */
async function loginThroughCli(extra: string[], cwd = work) {
  const run = runCli(['login', '--no-browser', '--app-url', lava.double.baseUrl, ...extra], cwd);
  const [, url] = await run.waitFor(CONNECT_URL);
  const callback = await authorizeOverHttp(url as string);
  expect((await fetch(callback)).status).toBe(200);
  return { run, code: await run.exit, port: Number(callback.port) };
}

describe('lava-fn --help and usage errors', () => {
  it('--help prints usage, the flags and the exit codes, and exits 0', () => {
    const result = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: lava-fn login');
    for (const flag of ['--write-env', '--env-path', '--show-key', '--no-browser', '--app-url', '--timeout']) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toMatch(/124 timed out, 130 cancelled/);
  });

  it('an unknown flag, no command, an unknown command or a bad --timeout/--app-url exit 2 with a hint', async () => {
    for (const args of [
      ['login', '--bogus'],
      [],
      ['logout'],
      ['login', '--timeout', 'soon'],
      ['login', '--app-url', 'ftp://x'],
    ]) {
      const run = runCli(args);
      expect(await run.exit).toBe(2);
      expect(run.stderr()).toMatch(/^lava-fn: /);
      expect(run.stdout()).toBe('');
    }
    const bad = runCli(['login', '--app-url', 'ftp://x']);
    await bad.exit;
    expect(bad.stderr()).toContain('invalid --app-url');
  });
});

describe('lava-fn login', () => {
  it('prints the merchant and the key hint, never the key, and writes nothing without a flag', async () => {
    const dir = mkdtempSync(join(work, 'plain-'));
    const { run, code, port } = await loginThroughCli([], dir);
    expect(code).toBe(0);
    const { double } = lava;
    expect(run.stdout()).toContain(double.merchant.merchant_id);
    expect(run.stdout()).toContain(`aks_test_…${double.secretKey.slice(-4)}`);
    expect(run.stdout() + run.stderr()).not.toContain(double.secretKey);
    expect(() => statSync(join(dir, '.env'))).toThrow();
    expect(await isListening(port)).toBe(false);
  });

  it('--show-key prints the full key', async () => {
    const { run, code } = await loginThroughCli(['--show-key']);
    expect(code).toBe(0);
    expect(run.stdout()).toContain(lava.double.secretKey);
  });

  it('--write-env creates ./.env with mode 0600, then replaces the line and keeps the others (idempotent)', async () => {
    const dir = mkdtempSync(join(work, 'env-'));
    const file = join(dir, '.env');
    const { double } = lava;
    const expected = `LAVA_SECRET_KEY=${double.secretKey}\nLAVA_BASE_URL=${double.baseUrl}\n`;

    const first = await loginThroughCli(['--write-env'], dir);
    expect(first.code).toBe(0);
    expect(first.run.stdout()).toContain(`Created ${file} (mode 0600)`);
    expect(readFileSync(file, 'utf8')).toBe(expected);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    writeFileSync(
      file,
      `# mine\nOPENAI_API_KEY=sk-1\nexport LAVA_SECRET_KEY=aks_test_old\nLAVA_SECRET_KEY=aks_test_dup\nZ=1\n`,
    );
    chmodSync(file, 0o644);
    const second = await loginThroughCli(['--write-env'], dir);
    expect(second.code).toBe(0);
    expect(second.run.stdout()).toContain(`Updated ${file}`);
    const updated = readFileSync(file, 'utf8');
    expect(updated).toBe(
      `# mine\nOPENAI_API_KEY=sk-1\nexport LAVA_SECRET_KEY=${double.secretKey}\nZ=1\nLAVA_BASE_URL=${double.baseUrl}\n`,
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const third = await loginThroughCli(['--write-env'], dir);
    expect(third.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(updated);
  });

  it('--env-path writes to another path (not --env-file: Node 20 and 22 take that flag themselves, even after the script)', async () => {
    const file = join(mkdtempSync(join(work, 'custom-')), 'secrets.env');
    const { code } = await loginThroughCli(['--env-path', file]);
    expect(code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(`LAVA_SECRET_KEY=${lava.double.secretKey}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('exits 124 with a clear message on timeout, and the port is closed', async () => {
    const run = runCli(['login', '--no-browser', '--app-url', lava.double.baseUrl, '--timeout', '0.4']);
    const [, url] = await run.waitFor(CONNECT_URL);
    expect(await run.exit).toBe(124);
    expect(run.stderr()).toMatch(/timed out/);
    expect(await isListening(Number(new URL(url as string).searchParams.get('port')))).toBe(false);
  });

  it('exits 130 on Ctrl-C (SIGINT) after closing the login server', async () => {
    const run = runCli(['login', '--no-browser', '--app-url', lava.double.baseUrl]);
    const [, url] = await run.waitFor(CONNECT_URL);
    const port = Number(new URL(url as string).searchParams.get('port'));
    expect(await isListening(port)).toBe(true);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(130);
    expect(run.stderr()).toMatch(/cancelled/);
    expect(await isListening(port)).toBe(false);
  });

  it('exits 1 when Lava refuses the code, and 1 on a forged callback; no .env is written', async () => {
    const dir = mkdtempSync(join(work, 'fail-'));
    const refused = runCli(['login', '--no-browser', '--write-env', '--app-url', lava.double.baseUrl], dir);
    const [, url] = await refused.waitFor(CONNECT_URL);
    const connect = new URL(url as string);
    const callback = `http://127.0.0.1:${connect.searchParams.get('port')}/callback?code=lac_bogus&state=${connect.searchParams.get('state')}`;
    expect((await fetch(callback)).status).toBe(200);
    expect(await refused.exit).toBe(1);
    expect(refused.stderr()).toMatch(/Lava refused the login: .*400/);
    expect(refused.stderr()).not.toContain('lac_bogus');

    const forged = runCli(['login', '--no-browser', '--write-env', '--app-url', lava.double.baseUrl], dir);
    const [, url2] = await forged.waitFor(CONNECT_URL);
    const port = new URL(url2 as string).searchParams.get('port');
    expect((await fetch(`http://127.0.0.1:${port}/callback?code=x&state=forged`)).status).toBe(400);
    expect(await forged.exit).toBe(1);
    expect(forged.stderr()).toMatch(/state/);
    expect(() => statSync(join(dir, '.env'))).toThrow();
  });
});

describe('upsertEnvFile', () => {
  it('keeps CRLF line endings, follows a symlink, and refuses values that would inject lines', () => {
    const dir = mkdtempSync(join(work, 'unit-'));
    const real = join(dir, 'real.env');
    writeFileSync(real, 'A=1\r\nLAVA_SECRET_KEY=old\r\n');
    const link = join(dir, '.env');
    symlinkSync(real, link);
    expect(upsertEnvFile(link, { LAVA_SECRET_KEY: 'aks_test_new' })).toEqual({ created: false });
    expect(readFileSync(real, 'utf8')).toBe('A=1\r\nLAVA_SECRET_KEY=aks_test_new\r\n');
    expect(statSync(link, { throwIfNoEntry: false })?.isFile()).toBe(true);

    for (const value of ['aks\nEVIL=1', 'a b', 'a"b', "a'b", 'a#b', '$(x)', '']) {
      expect(() => upsertEnvFile(real, { LAVA_SECRET_KEY: value })).toThrow(/refusing/);
    }
    expect(readFileSync(real, 'utf8')).toBe('A=1\r\nLAVA_SECRET_KEY=aks_test_new\r\n');
    expect(() => upsertEnvFile(real, { 'BAD-NAME': 'x' })).toThrow(/not an environment variable name/);
  });
});

describe('the built bin', () => {
  it('package.json bin lava-fn points at a built file with a node shebang that answers --help', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
    const bin = pkg.bin?.['lava-fn'];
    expect(bin).toBe('./dist/esm/auth/cli.js');
    const file = join(root, bin as string);
    expect(readFileSync(file, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const result = spawnSync(process.execPath, [file, '--help'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: lava-fn login');
  });
});
