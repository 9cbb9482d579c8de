// The worker under measurement, in its own process so its peak RSS is its own. Its wiring comes
// as JSON in BENCH_WORKER (bench/worker-config.ts); it runs the prebuilt bundle, as production does.
import { NativeConnection, Runtime, DefaultLogger } from '@temporalio/worker';
import { openDatabase } from '../infra/db/database';
import { createRepositories } from '../infra/db/repositories';
import { createActivities } from '../activities';
import { createCaseWorker } from '../worker';
import { stormActivities } from './storm-calendar';
import { ZBenchWorkerConfig } from './worker-config';

async function main(): Promise<void> {
  const config = ZBenchWorkerConfig.parse(JSON.parse(process.env.BENCH_WORKER ?? 'null'));
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const db = await openDatabase({ url: config.databaseUrl });
  const connection = await NativeConnection.connect({ address: config.address });
  const deps = { repos: createRepositories(db.prisma), now: () => new Date() };
  const worker = await createCaseWorker({
    connection,
    namespace: 'default',
    taskQueue: config.taskQueue,
    deps,
    workflowBundlePath: config.bundlePath,
    ...(config.maxCachedWorkflows ? { maxCachedWorkflows: config.maxCachedWorkflows } : {}),
    ...(config.storm ? { activityOverrides: stormActivities(createActivities(deps), config.storm) } : {}),
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
