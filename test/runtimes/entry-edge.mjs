// Entry for Vercel's edge runtime (@edge-runtime/vm): bundled to one script that leaves a function
// on the global; results cross the VM boundary as JSON text.
import * as lava from '@lava/fn';
import { smoke } from './smoke.mjs';

globalThis.__lavaSmoke = (ctxJson) =>
  smoke(lava, () => import('@lava/fn/node'), JSON.parse(ctxJson)).then((result) => JSON.stringify(result));
