// The browser login test drives Debian's chromium through playwright-core (no browser download).
// On a fresh machine of this project's kind it is not installed yet: install the Debian package
// when we can (root with apt-get), otherwise fail with what to do. Never a silent skip.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
if (existsSync(CHROMIUM)) {
  console.log(`${CHROMIUM} is installed`);
  process.exit(0);
}
const root = typeof process.getuid === 'function' && process.getuid() === 0;
if (!root || !existsSync('/usr/bin/apt-get')) {
  console.error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium) and re-run.`);
  process.exit(1);
}
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
console.log('installing Debian chromium for the browser login test…');
execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-q', 'chromium'], { stdio: 'inherit', env });
if (!existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} is still missing`);
  process.exit(1);
}
