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
