// `npm run bench`: every benchmark in turn, each printing its tables. `BENCH_QUICK=1` runs them all
// with tiny counts (a smoke run); `BENCH_ROUNDS=N` sets the interleaved rounds of the throughput
// benches. Single benches: `npm run bench:rest`, `bench:gateway`, `bench:cold`.
import { benchColdStart } from './cold-start.js';
import { benchGateway } from './gateway.js';
import { describeMachine } from './harness.js';
import { benchRest } from './rest.js';

console.log(`@lava/fn benchmarks — ${describeMachine()}`);
console.log(
  'calls/s are wall clock on a shared machine; "client CPU µs/call" is this process\'s own CPU per call, the SDK cost that load does not distort.',
);
await benchRest();
await benchGateway();
await benchColdStart();
