// Entry for the runtimes that run a file from disk (Node, Bun, Deno): the context comes as the first
// argument, the result goes to stdout as one `SMOKE_RESULT {…}` line.
import * as lava from '@lava/fn';
import { smoke } from './smoke.mjs';

const args = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
const ctx = JSON.parse(args[0]);
const result = await smoke(lava, () => import('@lava/fn/node'), ctx);
const version = globalThis.Deno?.version?.deno ?? globalThis.Bun?.version ?? globalThis.process?.versions?.node;
console.log(`SMOKE_RESULT ${JSON.stringify({ ...result, version })}`);
