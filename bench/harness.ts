// The benchmark harness: runs one operation N times with a fixed concurrency and reports
// throughput and latency percentiles. Figures are printed, never asserted: tests assert
// behaviour, benchmarks measure it.

export interface RunResult {
  iterations: number;
  concurrency: number;
  errors: number;
  wallMs: number;
  perSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] ?? 0;
}

export async function runConcurrent(iterations: number, concurrency: number, op: (i: number) => Promise<void>): Promise<RunResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    for (;;) {
      const i = next++;
      if (i >= iterations) return;
      const t0 = performance.now();
      try {
        await op(i);
        latencies.push(performance.now() - t0);
      } catch (err) {
        errors++;
        if (errors <= 3) process.stderr.write(`iteration ${i} failed: ${String(err)}\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  const wallMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    iterations,
    concurrency,
    errors,
    wallMs,
    perSecond: (latencies.length / wallMs) * 1000,
    latencyMs: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1] ?? 0,
    },
  };
}

export function formatResult(name: string, r: RunResult): string {
  const f = (n: number) => n.toFixed(1);
  return [
    `${name}: ${r.iterations} iterations, concurrency ${r.concurrency}, ${r.errors} errors`,
    `  throughput ${f(r.perSecond)}/s over ${f(r.wallMs / 1000)} s`,
    `  latency ms p50 ${f(r.latencyMs.p50)}  p95 ${f(r.latencyMs.p95)}  p99 ${f(r.latencyMs.p99)}  max ${f(r.latencyMs.max)}`,
  ].join('\n');
}

/**
 * An open-loop load: starts `op` at a fixed rate for `durationMs` whatever the answers take (so a
 * slow answer cannot slow the load down, as it would in a closed loop), and reports the latencies.
 */
export async function runPaced(perSecond: number, durationMs: number, op: (i: number) => Promise<void>): Promise<RunResult> {
  const latencies: number[] = [];
  let errors = 0;
  const total = Math.max(1, Math.round((perSecond * durationMs) / 1000));
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    inFlight.push(
      op(i).then(
        () => void latencies.push(performance.now() - t0),
        (err: unknown) => {
          errors++;
          if (errors <= 3) process.stderr.write(`request ${i} failed: ${String(err)}\n`);
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const wallMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    iterations: total,
    concurrency: 0,
    errors,
    wallMs,
    perSecond: (latencies.length / wallMs) * 1000,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? 0 },
  };
}

/** Polls `probe` until `done`, at most `timeoutMs`; returns the last value seen. */
export async function waitUntil<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs: number, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!done(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, intervalMs));
    last = await probe();
  }
  return last;
}

export const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
