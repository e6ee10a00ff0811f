// Fails when code outside src/auth/ reaches for Node: a `node:` (or bare builtin) import, `Buffer`,
// `require`, or `process` other than through a guarded `globalThis` lookup. The main entry must run
// unchanged on workerd, Vercel edge, Deno and browsers.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, sep } from 'node:path';

const root = process.argv[2] ?? new URL('..', import.meta.url).pathname;
const src = join(root, 'src');
const allowed = join(src, 'auth') + sep;
const builtins = new Set(builtinModules.filter((m) => !m.startsWith('_')));

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (/\.(ts|mts|cts|js|mjs)$/.test(name)) yield full;
  }
}

// Comments and string contents are blanked first so prose such as "no Buffer here" does not count;
// import specifiers are read before that.
function stripCommentsAndStrings(code) {
  return code
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/\/\/[^\n]*/g, (m) => ' '.repeat(m.length))
    .replace(/(['"`])(?:\\.|(?!\1)[^\\\n])*\1/g, (m) => `${m[0]}${' '.repeat(Math.max(0, m.length - 2))}${m[0]}`);
}

const problems = [];
for (const file of files(src)) {
  if (file.startsWith(allowed)) continue;
  const code = readFileSync(file, 'utf8');
  const rel = relative(root, file);
  const lineOf = (index) => code.slice(0, index).split('\n').length;
  for (const m of code.matchAll(/\b(?:from|import|require)\s*\(?\s*['"]([^'"]+)['"]/g)) {
    const spec = m[1];
    if (spec.startsWith('node:') || builtins.has(spec.split('/')[0])) {
      problems.push(`${rel}:${lineOf(m.index)} imports Node builtin '${spec}'`);
    }
  }
  const bare = stripCommentsAndStrings(code);
  for (const m of bare.matchAll(/\bBuffer\b/g)) problems.push(`${rel}:${lineOf(m.index)} uses Buffer`);
  for (const m of bare.matchAll(/\brequire\s*\(/g)) problems.push(`${rel}:${lineOf(m.index)} calls require()`);
  for (const m of bare.matchAll(/(^|[^.\w$])process\b/g)) {
    const before = bare.slice(Math.max(0, m.index - 7), m.index + m[1].length);
    if (/typeof\s*$/.test(before)) continue; // `typeof process` is the guard itself
    const after = bare.slice(m.index + m[0].length, m.index + m[0].length + 3);
    if (/^\s*\??:/.test(after)) continue; // a property name in a type: `{ process?: … }`
    problems.push(`${rel}:${lineOf(m.index + m[1].length)} uses an unguarded \`process\` (read it through globalThis)`);
  }
}
if (problems.length) {
  console.error(`Runtime purity check failed (only src/auth/ may use Node):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('Runtime purity: no Node builtins, Buffer or unguarded process outside src/auth/');
