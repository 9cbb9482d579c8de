// The HTTP API as production runs it (auth, validation, the services, the Temporal gateway),
// listening on a port of its own, on the bench's database; and its demo users' tokens.
import type { Client } from '@temporalio/client';
import { buildApp } from '../../api/app';
import { openDatabase } from '../../infra/db/database';
import { createRepositories, type Repositories } from '../../infra/db/repositories';
import type { PrismaClient } from '../../generated/prisma/client';
import { BENCH_PASSWORD } from '../stack';

export interface BenchApi {
  base: string;
  repos: Repositories;
  prisma: PrismaClient;
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBenchApi(databaseUrl: string, temporal?: { client: Client; taskQueue: string }): Promise<BenchApi> {
  const db = await openDatabase({ url: databaseUrl });
  const repos = createRepositories(db.prisma);
  const app = await buildApp({
    repos,
    probes: [],
    jwtSecret: 'bench-secret-bench-secret-bench-secret-1',
    tokenTtlSeconds: 3600,
    version: 'bench',
    logger: false,
    ...(temporal ? { temporal } : {}),
  });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    base,
    repos,
    prisma: db.prisma,
    async login(username) {
      const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }) });
      if (res.status !== 200) throw new Error(`login ${username} answered ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
