// Public exports of this folder (re-exported by src/index.ts). Edge path: plain fetch, no ky, no valibot.
export { createLavaFetch } from './create-lava-fetch.js';
export { gateway } from './gateway.js';
export { type GatewayStream, gatewayStream } from './gateway-stream.js';
export { providerUrl } from './provider-url.js';
export { PROVIDER_UPSTREAMS, type ProviderName } from './providers.js';
export type { GatewayFormat, GatewayOptions } from './send.js';
export { createSseParser, type SseEvent } from './sse.js';
