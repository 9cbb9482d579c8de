// How bench/stack.ts configures the worker process it spawns (passed as JSON in BENCH_WORKER).
import { z } from 'zod';

export const ZBenchWorkerConfig = z.object({
  address: z.string(),
  taskQueue: z.string(),
  databaseUrl: z.string(),
  bundlePath: z.string(),
  /** The worker's workflow cache (the SDK's default grows with the heap). */
  maxCachedWorkflows: z.number().int().positive().optional(),
  /**
   * Deadline storm: the SLA arithmetic compressed, every first-stage deadline somewhere in the
   * minute from `at` (see bench/storm-calendar.ts).
   */
  storm: z.object({ at: z.string(), windowMs: z.number().int().positive(), rungGapMs: z.number().int().positive() }).optional(),
});
export type BenchWorkerConfig = z.infer<typeof ZBenchWorkerConfig>;
