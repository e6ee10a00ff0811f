// `@lava/fn/node`: what needs Node's own modules — the browser login (src/auth). It re-exports the
// main entry so a Node application can import everything from one place.

export * from './auth/index.js';
export * from './index.js';
