// How bench/scenarios/bench-api.ts configures the API process it spawns (JSON in BENCH_API).
import { z } from 'zod';

export const ZBenchApiConfig = z.object({
  databaseUrl: z.string(),
  jwtSecret: z.string().min(32),
  /** The Temporal server and the bench worker's task queue, for the scenarios that file and act. */
  temporal: z.object({ address: z.string(), taskQueue: z.string() }).optional(),
});
export type BenchApiConfig = z.infer<typeof ZBenchApiConfig>;
