/// <reference types="node" />
import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Values that a dotenv parser reads back verbatim without quoting (keys, ids, URLs). */
const SAFE_VALUE = /^[\w.:/@%+=,-]+$/;

/**
 * Sets `KEY=value` lines in a dotenv file: an existing line for the key (also `export KEY=…`) is
 * replaced in place and later duplicates dropped; every other line is kept as it was. The file is
 * written whole to a temporary file with mode 0600 and renamed over the old one, so a crash never
 * leaves half a file and the secret is never readable by other users, even for a moment.
 * Returns whether the file was created.
 */
export function upsertEnvFile(path: string, entries: Record<string, string>): { created: boolean } {
  for (const [key, value] of Object.entries(entries)) {
    if (!/^[A-Z_][A-Z0-9_]*$/.test(key)) throw new Error(`not an environment variable name: ${key}`);
    // A newline or quote in a value would smuggle extra lines (or a broken one) into the file.
    if (!SAFE_VALUE.test(value))
      throw new Error(`refusing to write ${key}: its value has characters a .env file cannot hold unquoted`);
  }
  let target = path;
  let existing: string | undefined;
  try {
    if (lstatSync(path).isSymbolicLink()) target = realpathSync(path);
    existing = readFileSync(target, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
  const eol = existing?.includes('\r\n') ? '\r\n' : '\n';
  const lines = existing === undefined || existing === '' ? [] : existing.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  for (const [key, value] of Object.entries(entries)) {
    const pattern = new RegExp(`^(\\s*)(export\\s+)?${key}\\s*=`);
    let replaced = false;
    for (let i = 0; i < lines.length; i++) {
      const match = pattern.exec(lines[i] as string);
      if (!match) continue;
      if (replaced) {
        lines.splice(i--, 1);
        continue;
      }
      lines[i] = `${match[1] ?? ''}${match[2] ?? ''}${key}=${value}`;
      replaced = true;
    }
    if (!replaced) lines.push(`${key}=${value}`);
  }
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, lines.join(eol) + eol, { mode: 0o600, flag: 'wx' });
    chmodSync(temporary, 0o600); // the umask may only remove bits, but say it outright
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return { created: existing === undefined };
}
