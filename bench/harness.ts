// Shared machinery of the benchmarks: the server process, interleaved rounds, and tables.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface BenchServer {
  baseUrl: string;
  secretKey: string;
  customerId: string;
  probeUrl: string;
  close(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Starts bench/server.ts in a child process (its own event loop and core) and waits for its line. */
export async function startServer(args: string[] = []): Promise<BenchServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/server.ts', ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}) before it was ready`)));
  });
  const info = JSON.parse(first) as Omit<BenchServer, 'close'>;
  return {
    ...info,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** One contender: a name and one call (resolves once the answer is parsed). */
export interface Contender {
  name: string;
  call(): Promise<unknown>;
}

/** Runs `calls` calls with `concurrency` in flight; returns calls per second and client CPU µs per call. */
export async function throughput(
  call: () => Promise<unknown>,
  calls: number,
  concurrency: number,
): Promise<{ rate: number; cpu: number }> {
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    while (next < calls) {
      next += 1;
      await call();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, worker));
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { rate: (calls / elapsed) * 1_000, cpu: (used.user + used.system) / calls };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export interface RoundsResult {
  name: string;
  /** Median calls/s over the measured rounds. */
  rate: number;
  /** Median over rounds of (this contender's rate / the baseline's rate in the same round). */
  ratio: number;
  /** Median CPU time of this (client) process per call, µs: the SDK's own cost, whatever the load. */
  cpu: number;
  /** Median over rounds of (this contender's CPU per call / the baseline's in the same round). */
  cpuRatio: number;
}

/**
 * Measures every contender in interleaved rounds (the order rotates each round), so that a noisy
 * neighbour slows all of them alike; the first contender is the baseline of the ratios. One
 * warm-up round is not counted.
 */
export async function rounds(
  contenders: Contender[],
  options: { rounds: number; calls: number; concurrency: number },
): Promise<RoundsResult[]> {
  const rates = contenders.map(() => [] as number[]);
  const cpus = contenders.map(() => [] as number[]);
  for (let round = 0; round <= options.rounds; round++) {
    for (let i = 0; i < contenders.length; i++) {
      const index = (i + round) % contenders.length;
      const contender = contenders[index] as Contender;
      const { rate, cpu } = await throughput(contender.call, options.calls, options.concurrency);
      if (round > 0) {
        rates[index]?.push(rate);
        cpus[index]?.push(cpu);
      }
    }
  }
  const base = rates[0] as number[];
  const baseCpu = cpus[0] as number[];
  return contenders.map((contender, index) => {
    const own = rates[index] as number[];
    const ownCpu = cpus[index] as number[];
    return {
      name: contender.name,
      rate: median(own),
      ratio: median(own.map((rate, r) => rate / (base[r] as number))),
      cpu: median(ownCpu),
      cpuRatio: median(ownCpu.map((cpu, r) => cpu / (baseCpu[r] as number))),
    };
  });
}

/** Prints rows as an aligned text table with a title. */
export function printTable(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells.slice(1)) console.log(line(row));
}

/** Rounds and call counts: `BENCH_QUICK=1` makes every bench a seconds-long smoke run. */
export const QUICK = process.env.BENCH_QUICK === '1';
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 15));

export function describeMachine(): string {
  return `node ${process.version}, ${process.platform}/${process.arch}`;
}
