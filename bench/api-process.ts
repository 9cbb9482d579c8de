// The API under measurement, in its own process as production runs it (bench/api-config.ts): the
// load generator in the bench process does not share its event loop, and its CPU is its own.
import { Client, Connection } from '@temporalio/client';
import { buildApp } from '../api/app';
import { openDatabase } from '../infra/db/database';
import { createRepositories } from '../infra/db/repositories';
import { ZBenchApiConfig } from './api-config';

async function main(): Promise<void> {
  const config = ZBenchApiConfig.parse(JSON.parse(process.env.BENCH_API ?? 'null'));
  const db = await openDatabase({ url: config.databaseUrl });
  const connection = config.temporal ? await Connection.connect({ address: config.temporal.address }) : undefined;
  const app = await buildApp({
    repos: createRepositories(db.prisma),
    probes: [],
    jwtSecret: config.jwtSecret,
    tokenTtlSeconds: 3600,
    version: 'bench',
    logger: false,
    ...(connection && config.temporal ? { temporal: { client: new Client({ connection, namespace: 'default' }), taskQueue: config.temporal.taskQueue } } : {}),
  });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  process.once('SIGTERM', () => {
    void (async () => {
      await app.close();
      await connection?.close();
      await db.close();
      process.exit(0);
    })();
  });
  process.stdout.write(`api listening ${base}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
