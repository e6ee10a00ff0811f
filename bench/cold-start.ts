// Cold start (issue 6): a fresh Node process imports the *built* package, makes one gateway call
// and one REST call against the double (in its own process); the milestones are ms since that
// process started (`performance.now()`), medians over interleaved processes. Needs `npm run build`.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createConfig, generateForwardToken } from '../src/index.js';
import { median, printTable, QUICK, startServer } from './harness.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRIPTS = [
  ['raw fetch (no SDK)', 'bench/cold-start/raw-fetch.mjs'],
  ['@lava/fn (ESM entry)', 'bench/cold-start/fn-esm.mjs'],
  ['@lava/fn (CJS entry)', 'bench/cold-start/fn-cjs.cjs'],
  ['official SDK', 'bench/cold-start/official.mjs'],
] as const;

interface Milestones {
  imported: number;
  gateway: number;
  rest: number;
}

export async function benchColdStart(): Promise<void> {
  if (!existsSync(new URL('../dist/esm/index.js', import.meta.url))) {
    await run('npm', ['run', 'build'], { cwd: ROOT });
  }
  const server = await startServer();
  try {
    const token = generateForwardToken(createConfig({ secretKey: server.secretKey, baseUrl: server.baseUrl }), {});
    const processes = QUICK ? 1 : 11;
    const results = SCRIPTS.map(() => [] as Milestones[]);
    for (let round = 0; round < processes; round++) {
      for (let i = 0; i < SCRIPTS.length; i++) {
        const index = (i + round) % SCRIPTS.length;
        const [, script] = SCRIPTS[index] as (typeof SCRIPTS)[number];
        const context = JSON.stringify({ ...server, token, rest: true });
        const { stdout } = await run(process.execPath, [script, context], { cwd: ROOT });
        results[index]?.push(JSON.parse(stdout) as Milestones);
      }
    }
    printTable(
      `Cold start: fresh ${process.version} process → import → 1 gateway call → 1 REST call (ms since process start, median of ${processes})`,
      ['client', 'imported', 'gateway answered', 'REST answered'],
      SCRIPTS.map(([name], index) => {
        const runs = results[index] as Milestones[];
        const m = (key: keyof Milestones) => median(runs.map((r) => r[key])).toFixed(1);
        return [name, m('imported'), m('gateway'), m('rest')];
      }),
    );
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchColdStart();
