// An API on its own database with a worker of every workflow on the time-skipping server, the
// demo accounts signed in: what API tests of whole cases start from.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import { InProcessPaymentGateway } from '../../infra/payments/in-process-gateway';
import { createTestApi, type TestApi, type TestApiOptions } from './app';
import { createTestDatabase } from './db';
import { startTimeSkippingServer, startWorker, workflowBundle, type RunningWorker } from './temporal';
import { lockedClient } from './time-skipping';

export interface ApiWithWorker {
  env: TestWorkflowEnvironment;
  t: TestApi;
  /** Each user's token. */
  tokens: Record<string, string>;
  /** Each user's id, and `<user>:enterprise` for an enterprise user's enterprise. */
  ids: Record<string, string>;
  stop(): Promise<void>;
}

export async function startApiWithWorker(taskQueue: string, users: readonly string[], options: Omit<TestApiOptions, 'tdb' | 'temporal'> = {}): Promise<ApiWithWorker> {
  const [env, tdb] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  const t = await createTestApi({ ...options, tdb, temporal: { client: lockedClient(env), taskQueue } });
  const worker: RunningWorker = await startWorker(env, {
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ repos: t.tdb.repos, now: () => new Date(), payments: new InProcessPaymentGateway(t.tdb.repos.funding) }),
  });
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  for (const u of users) {
    tokens[u] = await t.login(u);
    const user = (await t.tdb.repos.users.findByUsername(u))!;
    ids[u] = user.id;
    if (user.enterpriseId) ids[`${u}:enterprise`] = user.enterpriseId;
  }
  return {
    env,
    t,
    tokens,
    ids,
    async stop() {
      await worker.stop();
      await t.close();
      await env.teardown();
    },
  };
}
