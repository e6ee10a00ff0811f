// Writes the README's "What each import costs" table from size-limit's own measurement
// (`size-limit --json`, i.e. .size-limit.cjs on the built dist/), so the figures are never typed by
// hand. `node scripts/size-table.mjs` rewrites the block between the markers; `--check` only compares
// and fails when the committed table differs from the measurement (after the table's rounding).
// Needs dist/: `npm run size:table` builds first.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const readme = new URL('../README.md', import.meta.url);
const START = '<!-- size-table:start -->';
const END = '<!-- size-table:end -->';

/** size-limit's units: 1 KB = 1000 bytes, as in the budgets of .size-limit.cjs. */
const kb = (bytes) => `${(bytes / 1000).toFixed(2)} KB`;

function measure() {
  const run = spawnSync('npx', ['size-limit', '--json'], { cwd: root, encoding: 'utf8' });
  // size-limit exits 1 when a budget is exceeded but still prints the measurement.
  const start = run.stdout.indexOf('[');
  if (start === -1) {
    throw new Error(`size-limit printed no measurement:\n${run.stdout}\n${run.stderr}`);
  }
  return JSON.parse(run.stdout.slice(start));
}

/** size-limit's budget strings ('0.6 KB') in bytes. */
const bytesOf = (limit) => Math.round(Number.parseFloat(limit) * (/kb/i.test(limit) ? 1000 : 1));

export function renderTable(results, targets = {}) {
  const rows = results.map((r) => {
    const target = targets[r.name];
    const goal = target ? bytesOf(target.limit) : r.sizeLimit;
    const status =
      goal === undefined ? '' : r.size <= goal ? 'within budget' : `**over budget by ${kb(r.size - goal)}**`;
    return [
      r.name.startsWith('{') ? `\`${r.name}\`` : r.name,
      kb(r.size),
      goal === undefined ? '—' : kb(goal),
      status,
      target && r.sizeLimit !== undefined ? `ceiling ${kb(r.sizeLimit)}` : 'the budget',
    ];
  });
  const head = ['import', 'minified + brotli', 'budget', 'status', 'npm test enforces'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function block(table) {
  return `${START}\n\n${table}\n\n${END}`;
}

const text = readFileSync(readme, 'utf8');
const from = text.indexOf(START);
const to = text.indexOf(END);
if (from === -1 || to < from) {
  console.error(`README.md has no ${START} … ${END} block`);
  process.exit(1);
}
const current = text.slice(from, to + END.length);
const results = measure();
const { createRequire } = await import('node:module');
const { TARGETS = {} } = createRequire(import.meta.url)('../.size-limit.cjs');
const wanted = block(renderTable(results, TARGETS));

if (process.argv.includes('--check')) {
  // The REST budgets are ky's size plus a margin: the constant they use must be ky's real size.
  const { KY_BYTES } = createRequire(import.meta.url)('../.size-limit.cjs');
  const ky = results.find((r) => r.name.startsWith('ky alone'));
  if (!ky || ky.size !== KY_BYTES) {
    console.error(`ky measures ${ky?.size} bytes but .size-limit.cjs says KY_BYTES = ${KY_BYTES}: update it.`);
    process.exit(1);
  }
  if (current !== wanted) {
    console.error('README.md\'s "What each import costs" table differs from the measurement.');
    console.error('Regenerate it with `npm run size:table` and commit README.md.\n');
    console.error(`committed:\n${current}\n\nmeasured now:\n${wanted}`);
    process.exit(1);
  }
  console.log('README size table matches the measurement');
} else if (current !== wanted) {
  writeFileSync(readme, text.slice(0, from) + wanted + text.slice(to + END.length));
  console.log('README.md size table updated');
} else {
  console.log('README.md size table already up to date');
}
