// The HTTP API as production runs it (auth, validation, the services, the Temporal gateway), in
// a process of its own (bench/api-process.ts) listening on a port of its own, on the bench's
// database; the bench's own connection to that database; the demo users' tokens.
import path from 'node:path';
import { openDatabase } from '../../infra/db/database';
import { createRepositories, type Repositories } from '../../infra/db/repositories';
import type { PrismaClient } from '../../generated/prisma/client';
import { spawnProcess } from '../../test/support/processes';
import type { BenchApiConfig } from '../api-config';
import { BENCH_PASSWORD, profileArgs } from '../stack';

export interface BenchApi {
  base: string;
  repos: Repositories;
  prisma: PrismaClient;
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBenchApi(databaseUrl: string, temporal?: BenchApiConfig['temporal']): Promise<BenchApi> {
  const config: BenchApiConfig = { databaseUrl, jwtSecret: 'bench-secret-bench-secret-bench-secret-1', ...(temporal ? { temporal } : {}) };
  const child = spawnProcess(process.execPath, [...profileArgs(), '--import', 'tsx', 'bench/api-process.ts'], { ...process.env, BENCH_API: JSON.stringify(config) }, path.resolve(__dirname, '..', '..'));
  await child.waitFor('api listening ', 120_000);
  const base = /api listening (\S+)/.exec(child.output())?.[1] ?? '';
  const db = await openDatabase({ url: databaseUrl });
  const repos = createRepositories(db.prisma);
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
      child.child.kill('SIGTERM');
      await child.exited;
      await db.close();
    },
  };
}
