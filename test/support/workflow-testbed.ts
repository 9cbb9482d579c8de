// What a workflow test file on the time-skipping server sets up: the server and a fresh database
// (seeded with the reference and demo data), a worker with the real activities on the file's task
// queue, and the demo accounts it acts as. Registers its own beforeAll/afterAll; the fields are
// there once beforeAll has run (a file's own later beforeAll may read them).
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import { InProcessPaymentGateway } from '../../infra/payments/in-process-gateway';
import { seedDemoData, seedReferenceData } from '../../prisma/seed';
import type { ActorRef } from '../../workflows/sla/messages';
import { actorsOf } from './case-actors';
import { createTestDatabase, type TestDatabase } from './db';
import { startTimeSkippingServer, startWorker, workflowBundle, type RunningWorker } from './temporal';
import { lockedClient } from './time-skipping';

export interface WorkflowTestbed {
  env: TestWorkflowEnvironment;
  /** Waiting for results through it keeps time skipping locked (support/time-skipping.ts). */
  client: Client;
  tdb: TestDatabase;
  actors: Record<string, ActorRef>;
  /** The enterprise of each enterprise account. */
  enterpriseOf: Record<string, string>;
}

export function workflowTestbed(o: { taskQueue: string; demoPassword: string; users: readonly string[] }): WorkflowTestbed {
  const tb = {} as WorkflowTestbed;
  let worker: RunningWorker | undefined;
  beforeAll(async () => {
    const [env, tdb] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
    Object.assign(tb, { env, tdb, client: lockedClient(env) });
    await seedReferenceData(tdb.repos);
    await seedDemoData(tdb.repos, o.demoPassword);
    Object.assign(tb, await actorsOf(tdb, o.users));
    worker = await startWorker(env, {
      taskQueue: o.taskQueue,
      workflowBundle: await workflowBundle(),
      activities: createActivities({ repos: tdb.repos, now: () => new Date(), payments: new InProcessPaymentGateway(tdb.repos.funding) }),
    });
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await tb.env?.teardown();
    await tb.tdb?.drop();
  });
  return tb;
}
