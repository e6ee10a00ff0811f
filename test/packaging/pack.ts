// The package as users get it: `npm pack` of the built package, unpacked into an application's
// node_modules. Every runtime, packaging and tree-shaking check runs against this, not against src/.
//
// Packing is cached by a hash of package.json and dist/, so the test files and the runtime matrix
// of one `npm test` run share one tarball; a rebuild with other output gets a fresh one.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const cacheRoot = join(repoRoot, '.cache', 'pack');

/** Where one packed build lives. */
export interface PackedPackage {
  /** The `.tgz` that `npm pack` wrote. */
  readonly tarball: string;
  /** An application directory: `package.json` plus `node_modules/@lava/fn` (the unpacked tarball) and its dependencies. */
  readonly appDir: string;
  /** `appDir/node_modules/@lava/fn`. */
  readonly packageDir: string;
  /** The hash the cache is keyed by. */
  readonly hash: string;
}

function* filesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* filesUnder(full);
    else yield full;
  }
}

/** Every file package.json points at (main, module, types, each export condition). */
function entryFiles(): string[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
  const found: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') {
      if (value.startsWith('./dist/')) found.push(value);
    } else if (value && typeof value === 'object') {
      for (const inner of Object.values(value)) walk(inner);
    }
  };
  walk([manifest.main, manifest.module, manifest.types, manifest.exports, manifest.typesVersions]);
  return [...new Set(found)];
}

function buildHash(): string {
  const dist = join(repoRoot, 'dist');
  const missing = entryFiles().filter((file) => !existsSync(join(repoRoot, file)));
  if (missing.length > 0) {
    throw new Error(
      `dist/ is missing ${missing.join(', ')}: run \`npm run build\` before the packaging and runtime checks (or wait for a build in progress)`,
    );
  }
  const hash = createHash('sha256');
  for (const file of [join(repoRoot, 'package.json'), join(repoRoot, 'README.md'), ...filesUnder(dist)]) {
    hash.update(relative(repoRoot, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Links a package the tarball depends on (or a consumer needs for types) from the repository's node_modules. */
function linkDependency(appDir: string, name: string): void {
  const target = join(repoRoot, 'node_modules', name);
  if (!existsSync(target)) throw new Error(`dependency ${name} is not installed in node_modules`);
  const link = join(appDir, 'node_modules', name);
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(target, link, 'dir');
}

/**
 * Packs the built package once per distinct build and unpacks it into an application directory.
 * Safe to call from parallel test workers: each packs into a private directory, the first rename wins.
 */
export function packPackage(): PackedPackage {
  // A build running meanwhile (dist/ is shared) changes the hash under us: pack again until stable.
  for (let attempt = 1; ; attempt++) {
    try {
      const before = buildHash();
      const packed = packOnce(before);
      if (buildHash() === before) return packed;
      rmSync(dirname(packed.tarball), { recursive: true, force: true });
      if (attempt >= 5) throw new Error('dist/ kept changing while packing: is a build running in a loop?');
    } catch (error) {
      if (attempt >= 5) throw error;
    }
    execFileSync('sleep', ['3']);
  }
}

function packOnce(hash: string): PackedPackage {
  const done = join(cacheRoot, hash);
  const result = (dir: string): PackedPackage => {
    const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`no tarball in ${dir}`);
    return {
      tarball: join(dir, tarball),
      appDir: join(dir, 'app'),
      packageDir: join(dir, 'app', 'node_modules', '@lava', 'fn'),
      hash,
    };
  };
  if (existsSync(join(done, 'app', 'ready'))) return result(done);

  const work = join(cacheRoot, `tmp-${process.pid}-${Date.now()}`);
  mkdirSync(work, { recursive: true });
  execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: repoRoot, stdio: 'pipe' });
  const tarball = result(work).tarball;
  const packageDir = join(work, 'app', 'node_modules', '@lava', 'fn');
  mkdirSync(packageDir, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);

  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const appDir = join(work, 'app');
  for (const name of Object.keys(manifest.dependencies ?? {})) linkDependency(appDir, name);
  // Node's own types, for the consumer fixtures that type-check a Node backend.
  linkDependency(appDir, '@types/node');
  writeFileSync(
    join(appDir, 'package.json'),
    `${JSON.stringify({ name: 'lava-fn-consumer', private: true, type: 'module', dependencies: { '@lava/fn': `file:${relative(appDir, tarball)}`, ...manifest.dependencies } }, null, 2)}\n`,
  );
  writeFileSync(join(appDir, 'ready'), `${hash}\n`);
  try {
    renameSync(work, done);
  } catch {
    // Another worker finished first; its copy is identical.
    rmSync(work, { recursive: true, force: true });
  }
  pruneOldBuilds(hash);
  return result(done);
}

/** Drops packed builds other than `keep` that nobody has touched for half an hour. */
function pruneOldBuilds(keep: string): void {
  const cutoff = Date.now() - 30 * 60_000;
  for (const name of readdirSync(cacheRoot)) {
    const dir = join(cacheRoot, name);
    if (name !== keep && statSync(dir).mtimeMs < cutoff) rmSync(dir, { recursive: true, force: true });
  }
}
