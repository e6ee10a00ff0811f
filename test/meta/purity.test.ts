import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = new URL('../../scripts/check-purity.mjs', import.meta.url).pathname;
const run = (root?: string) => spawnSync('node', root ? [script, root] : [script], { encoding: 'utf8' });

describe('runtime purity check', () => {
  it('passes on this repository', () => {
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails on node: imports, bare builtins, Buffer, require and unguarded process outside src/auth', () => {
    const root = mkdtempSync(join(tmpdir(), 'purity-'));
    try {
      mkdirSync(join(root, 'src', 'auth'), { recursive: true });
      writeFileSync(
        join(root, 'src', 'ok.ts'),
        "// Buffer in a comment is fine\nconst s = 'process';\nif (typeof process !== 'undefined') {}\n",
      );
      writeFileSync(
        join(root, 'src', 'auth', 'login.ts'),
        "import { createServer } from 'node:http';\nBuffer.from('x');\n",
      );
      writeFileSync(
        join(root, 'src', 'bad.ts'),
        "import { readFileSync } from 'node:fs';\nimport path from 'path';\nconst b = Buffer.alloc(1);\nconst e = process.env.X;\nconst m = require('x');\n",
      );
      const result = run(root);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("src/bad.ts:1 imports Node builtin 'node:fs'");
      expect(result.stderr).toContain("src/bad.ts:2 imports Node builtin 'path'");
      expect(result.stderr).toContain('src/bad.ts:3 uses Buffer');
      expect(result.stderr).toContain('src/bad.ts:4 uses an unguarded `process`');
      expect(result.stderr).toContain('src/bad.ts:5 calls require()');
      expect(result.stderr).not.toContain('ok.ts');
      expect(result.stderr).not.toContain('login.ts');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
