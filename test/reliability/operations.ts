// Finds every REST operation in src/ and the valibot schema of each of its arguments, by reading
// the operation modules themselves (`validate(Schema, value, 'name')` calls), so the property tests
// cover an operation as soon as its module exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as idModule from '../../src/core/id.js';
import * as listModule from '../../src/core/list-params.js';
import * as metadataModule from '../../src/core/metadata.js';
import type { LavaConfig } from '../../src/index.js';
import * as lava from '../../src/index.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
/** Folders of the edge path and the plumbing: no REST operation lives there. */
const NOT_RESOURCES = new Set(['core', 'auth', 'gateway', 'tokens']);

export interface OperationArgument {
  name: string;
  /** The schema the operation validates this argument with. */
  schema: unknown;
}

export interface Operation {
  name: string;
  file: string;
  fn: (config: LavaConfig, ...args: unknown[]) => Promise<unknown>;
  /** The arguments after `config` (and before `options`), in order. */
  args: OperationArgument[];
}

const shared: Record<string, unknown> = { ...idModule, ...listModule, ...metadataModule };

/** Every exported async function of a resource folder that sends a REST request. */
export async function discoverOperations(): Promise<Operation[]> {
  const operations: Operation[] = [];
  for (const folder of readdirSync(SRC, { withFileTypes: true })) {
    if (!folder.isDirectory() || NOT_RESOURCES.has(folder.name)) continue;
    for (const file of readdirSync(join(SRC, folder.name))) {
      if (!file.endsWith('.ts')) continue;
      const path = join(SRC, folder.name, file);
      const text = readFileSync(path, 'utf8');
      if (!text.includes('restRequest')) continue;
      const signature = /export async function (\w+)(?:<[^>]*>)?\(([^)]*)\)/s.exec(text);
      if (!signature) continue;
      const [, name, params] = signature as unknown as [string, string, string];
      const mod = (await import(path)) as Record<string, unknown>;
      const fn = (lava as Record<string, unknown>)[name];
      if (typeof fn !== 'function')
        throw new Error(`${name} (${folder.name}/${file}) is not exported from src/index.ts`);
      const names = params
        .split(',')
        .map((p) => p.trim().split(/[?:\s]/)[0] ?? '')
        .filter((p) => p !== '' && p !== 'config' && p !== 'options');
      const args = names.map((arg) => {
        const call = new RegExp(`validate\\((\\w+),\\s*${arg},\\s*'(\\w+)'\\)`).exec(text);
        if (!call) throw new Error(`${name}: argument ${arg} is not validated with validate()`);
        const schemaName = call[1] as string;
        const schema = mod[schemaName] ?? shared[schemaName];
        if (schema === undefined)
          throw new Error(`${name}: schema ${schemaName} is not exported where tests can see it`);
        return { name: call[2] as string, schema };
      });
      operations.push({ name, file: `${folder.name}/${file}`, fn: fn as Operation['fn'], args });
    }
  }
  return operations.sort((a, b) => a.name.localeCompare(b.name));
}
