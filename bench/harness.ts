/**
 * A tiny benchmark harness: each benchmark prints one JSON line with its name, its figures and the
 * baseline it is compared with in the same run (so the ratio is meaningful on any machine).
 */
export interface BenchResult {
  name: string;
  figures: Record<string, number | string>;
  baseline: { name: string; figures: Record<string, number | string> };
  ratio?: number;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchResult>;
}

/** Calls `fn` repeatedly for about `ms` milliseconds (after a warm-up) and returns calls per second. */
export function opsPerSecond(fn: (i: number) => unknown, ms = 1000): number {
  let sink = 0;
  const warmUntil = performance.now() + ms / 4;
  for (let i = 0; performance.now() < warmUntil; i++) {
    sink ^= Number(Boolean(fn(i)));
  }
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let j = 0; j < 1000; j++) {
      sink ^= Number(Boolean(fn(calls + j)));
    }
    calls += 1000;
    now = performance.now();
  }
  if (sink === 42) {
    console.error(''); // keeps the optimiser from dropping the calls
  }
  return Math.round((calls * 1000) / (now - start));
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return 0;
  }
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
