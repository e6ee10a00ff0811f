// Public exports of this folder (re-exported by src/index.ts).
export { decodeForwardToken, type ForwardTokenPayload } from './decode-forward-token.js';
export { type ForwardTokenOptions, generateForwardToken } from './generate-forward-token.js';
