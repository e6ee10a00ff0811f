#!/usr/bin/env node
/// <reference types="node" />
// `lava-fn`: the browser login for people at a terminal (`npx lava-fn login`).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createConfig, PRODUCTION_BASE_URL, SANDBOX_BASE_URL } from '../config.js';
import { isLavaApiError, isLavaError, isLavaLoginError, isLavaValidationError } from '../core/errors.js';
import { apiBaseForApp, DEFAULT_APP_URL, normaliseApiBase, parseHttpUrl } from './api-base.js';
import { upsertEnvFile } from './env-file.js';
import { login } from './login.js';
import { openInDefaultBrowser } from './open-browser.js';

const EXIT = { ok: 0, failed: 1, usage: 2, timeout: 124, cancelled: 130 } as const;

const HELP = `Usage: lava-fn login [options]

Logs you in to Lava in your browser and prints which merchant you are and a hint of
your secret key. The key itself is only shown with --show-key or written with --write-env.

Options:
  --write-env          write LAVA_SECRET_KEY=… into ./.env (created with mode 0600;
                       an existing LAVA_SECRET_KEY line is replaced, other lines are kept)
  --env-path <path>    write into this file instead of ./.env (implies --write-env)
  --show-key           print the full secret key
  --no-browser         do not open a browser; open the printed URL yourself
  --app-url <url>      the Lava app to log in with (default ${DEFAULT_APP_URL})
  --api-url <url>      the Lava API that redeems the login (default: follows --app-url)
  --timeout <seconds>  how long to wait for the browser (default 120)
  -h, --help           show this help
  -v, --version        show the version

Exit codes: 0 logged in, 1 login failed, 2 usage error, 124 timed out, 130 cancelled (Ctrl-C).
`;

const FLAG_OF_FIELD: Record<string, string> = {
  'options.baseUrl': '--app-url',
  'options.apiBaseUrl': '--api-url',
  'options.timeoutMs': '--timeout',
};

function version(): string {
  // dist/esm/auth/cli.js and src/auth/cli.ts sit at different depths: walk up to our package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === '@lava/fn') return pkg.version ?? 'unknown';
  }
  return 'unknown';
}

class UsageError extends Error {}

const OPTIONS = {
  'write-env': { type: 'boolean' },
  'env-path': { type: 'string' },
  'show-key': { type: 'boolean' },
  'no-browser': { type: 'boolean' },
  'app-url': { type: 'string' },
  'api-url': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function parse(argv: string[]) {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!(seconds > 0) || seconds > 86_400) throw new UsageError('--timeout must be a number of seconds above 0');
    timeoutMs = Math.round(seconds * 1000);
  }
  return { values, positionals, timeoutMs };
}

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    process.stderr.write(`lava-fn: ${(error as Error).message}\nRun \`lava-fn --help\` for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals, timeoutMs } = args;
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  if (values.version) {
    process.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1 || positionals[0] !== 'login') {
    const what = positionals.length === 0 ? 'no command given' : `unknown command: ${positionals.join(' ')}`;
    process.stderr.write(`lava-fn: ${what}\n\n${HELP}`);
    return EXIT.usage;
  }

  const controller = new AbortController();
  let interrupted = 0;
  const onSignal = () => {
    interrupted++;
    // A second Ctrl-C leaves at once, whatever is still running.
    if (interrupted > 1) process.exit(EXIT.cancelled);
    controller.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const openBrowser = async (url: string) => {
    process.stderr.write(
      values['no-browser']
        ? `Open this URL in your browser to log in to Lava:\n\n  ${url}\n\n`
        : `Opening the Lava login page in your browser. If it does not open, visit:\n\n  ${url}\n\n`,
    );
    process.stderr.write('Waiting for you to authorize (Ctrl-C to cancel)…\n');
    if (values['no-browser']) return;
    // Failing to start a browser is not fatal here: the URL above still works.
    await openInDefaultBrowser(url).catch((error: unknown) => {
      process.stderr.write(`Could not open a browser (${(error as Error).message}); open the URL above yourself.\n`);
    });
  };

  try {
    const appUrl = values['app-url'] ?? DEFAULT_APP_URL;
    const credentials = await login({
      baseUrl: appUrl,
      ...(values['api-url'] !== undefined ? { apiBaseUrl: values['api-url'] } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      signal: controller.signal,
      openBrowser,
    });
    const key = credentials.secret_key;
    const { keyHint } = createConfig({ secretKey: key, baseUrl: PRODUCTION_BASE_URL });
    const lines = [
      'Logged in to Lava.',
      `  merchant    ${credentials.merchant_id}`,
      `  wallet      ${credentials.wallet_id}`,
      `  secret key  ${values['show-key'] ? key : `${keyHint}  (--show-key prints it)`}`,
    ];
    if (values['write-env'] || values['env-path'] !== undefined) {
      const file = resolve(values['env-path'] ?? '.env');
      const entries: Record<string, string> = { LAVA_SECRET_KEY: key };
      // The key alone picks production or sandbox; a login against another API (a local Lava)
      // also needs the base URL, or createConfig() would send the key to the wrong place.
      const apiBase =
        values['api-url'] !== undefined
          ? normaliseApiBase(values['api-url'], 'options.apiBaseUrl')
          : apiBaseForApp(parseHttpUrl(appUrl, 'options.baseUrl'));
      const implied = key.startsWith('aks_test_') ? SANDBOX_BASE_URL : PRODUCTION_BASE_URL;
      if (apiBase !== implied) entries.LAVA_BASE_URL = apiBase;
      const { created } = upsertEnvFile(file, entries);
      lines.push(`${created ? 'Created' : 'Updated'} ${file} (mode 0600) with ${Object.keys(entries).join(' and ')}.`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  } catch (error) {
    return report(error);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function report(error: unknown): number {
  if (isLavaValidationError(error)) {
    const flag = FLAG_OF_FIELD[error.field] ?? error.field;
    process.stderr.write(`lava-fn: invalid ${flag}: ${error.issues[0]?.message ?? error.message}\n`);
    return EXIT.usage;
  }
  if (isLavaLoginError(error)) {
    process.stderr.write(`lava-fn: ${error.message}\n`);
    if (error.reason === 'timeout') return EXIT.timeout;
    if (error.reason === 'aborted') return EXIT.cancelled;
    return EXIT.failed;
  }
  if (isLavaApiError(error)) {
    process.stderr.write(`lava-fn: Lava refused the login: ${error.message}\n`);
    return EXIT.failed;
  }
  const message = isLavaError(error) || error instanceof Error ? error.message : String(error);
  process.stderr.write(`lava-fn: login failed: ${message}\n`);
  return EXIT.failed;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`lava-fn: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT.failed;
  },
);
