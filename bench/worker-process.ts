// The worker under measurement, in its own process so its peak RSS is its own.
// Reads its wiring from argv: <temporalAddress> <taskQueue> [databaseUrl].
import { NativeConnection, Runtime, DefaultLogger } from '@temporalio/worker';
import { openDatabase } from '../infra/db/database';
import { applyMigrations, readMigrations, MIGRATIONS_DIR } from '../infra/db/migrate';
import { createRepositories } from '../infra/db/repositories';
import { createCaseWorker } from '../worker';

async function main(): Promise<void> {
  const [address, taskQueue, databaseUrl] = process.argv.slice(2);
  if (!address || !taskQueue) throw new Error('usage: worker-process <address> <taskQueue> [databaseUrl]');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const db = await openDatabase(databaseUrl ? { url: databaseUrl } : { pgliteInMemory: true });
  await applyMigrations(db.sql, readMigrations(MIGRATIONS_DIR));
  const connection = await NativeConnection.connect({ address });
  const worker = await createCaseWorker({
    connection,
    namespace: 'default',
    taskQueue,
    deps: { repos: createRepositories(db.prisma), now: () => new Date() },
  });
  process.once('SIGTERM', () => worker.shutdown());
  process.stdout.write('worker ready\n');
  await worker.run();
  await connection.close();
  await db.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
