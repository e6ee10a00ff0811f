// `@lava/fn/node`: what needs Node's own modules (login arrives with src/auth). It re-exports the
// main entry so a Node application can import everything from one place.
export * from './index.js';
