// Entry for Cloudflare workerd: a module worker, bundled by esbuild the way wrangler does. The
// harness POSTs the context; the worker answers with the smoke result as JSON.
import * as lava from '@lava/fn';
import { smoke } from './smoke.mjs';

export default {
  async fetch(request) {
    const ctx = await request.json();
    const result = await smoke(lava, () => import('@lava/fn/node'), ctx);
    return Response.json({ ...result, version: globalThis.navigator?.userAgent });
  },
};
