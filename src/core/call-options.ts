import { ensure } from './errors.js';

/**
 * Internal: checks the per-call options that REST operations and gateway calls share — the object
 * itself, `timeout`, `signal` — before anything is built or sent. `typeof` comes first because a
 * comparison would run an object's own `valueOf`/`toString`, which may throw anything.
 */
export function ensureCallOptions(options: { timeout?: unknown; signal?: unknown } | undefined): void {
  ensure(options && typeof options === 'object', 'options', 'must be an object');
  const { timeout, signal } = options as { timeout?: unknown; signal?: unknown };
  ensure(
    timeout == null || (typeof timeout === 'number' && timeout > 0 && timeout < 2 ** 31),
    'options.timeout',
    'must be a positive number of ms',
  );
  ensure(signal == null || signal instanceof AbortSignal, 'options.signal', 'must be an AbortSignal');
}
