// Builds dist/: tsup (ESM file by file, CJS per entry with .d.cts) then tsc for the ESM .d.ts files.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
run('npx', ['tsup', '--silent']);
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
