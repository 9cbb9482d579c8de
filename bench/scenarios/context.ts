import type { Client } from '@temporalio/client';

export interface BenchContext {
  client: Client;
  taskQueue: string;
  iterations: number;
  concurrency: number;
  /** The bench's own PostgreSQL database (migrated and seeded), or null on PGlite. */
  databaseUrl: string | null;
}
