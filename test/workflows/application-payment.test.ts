// Payment exactly once, whatever fails: a transient gateway failure is retried with the same
// key; a worker killed after the transfer but before it reported is replaced, and the retry
// finds the transfer already made. Also an escalation at review, and the recorded history of a
// paid case for the replay test.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { Context } from '@temporalio/activity';
import { temporal } from '@temporalio/proto';
import { createActivities } from '../../activities';
import { InProcessPaymentGateway } from '../../infra/payments/in-process-gateway';
import type { PaymentGateway, TransferRequest } from '../../infra/payments/gateway';
import { seedDemoData, seedReferenceData } from '../../prisma/seed';
import { applicationWorkflow } from '../../workflows';
import { applicationActUpdate, applicationViewQuery, fundsAvailableSignal, type ApplicationAct } from '../../workflows/application/messages';
import type { ApplicationInput } from '../../workflows/application/state';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { startTimeSkippingServer, workflowBundle } from '../support/temporal';
import { eventually } from '../support/eventually';
import { guardServerClock, lockedClient } from '../support/time-skipping';

const TQ = 'payment-test';
let env: TestWorkflowEnvironment;
/** Waits for results without unlocking time skipping: the clock moves only with env.sleep. */
let client: Client;
let tdb: TestDatabase;
let enterpriseId: string;
const reviewer = { userId: '00000000-0000-4000-8000-00000000000a', username: 'gxj.reviewer', role: 'reviewer', departmentCode: 'GXJ' };

beforeAll(async () => {
  [env, tdb] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  client = lockedClient(env);
  await seedReferenceData(tdb.repos);
  await seedDemoData(tdb.repos, 'payment-test-1');
  enterpriseId = (await tdb.repos.users.findByUsername('ent1'))!.enterpriseId!;
  await tdb.repos.funding.setBankAccount(enterpriseId, { accountName: '辽源示范机械制造有限公司', accountNo: '6222021234567890123', bankName: '工商银行' }, 'test', new Date());
  await tdb.repos.funding.setBudget(new Date().getUTCFullYear(), 'M09', 10_000_000, 'test', new Date());
});
afterAll(async () => {
  await env?.teardown();
  await tdb?.drop();
});
guardServerClock(() => env, { maxDaysAhead: 120 });

function newWorker(payments: PaymentGateway, extra: { shutdownGraceTime?: string } = {}) {
  return workflowBundle().then((bundle) =>
    Worker.create({
      connection: env.nativeConnection,
      taskQueue: TQ,
      workflowBundle: bundle,
      activities: createActivities({ repos: tdb.repos, now: () => new Date(), payments }),
      ...(extra.shutdownGraceTime ? { shutdownGraceTime: extra.shutdownGraceTime } : {}),
    }),
  );
}

let seq = 0;
function input(): ApplicationInput {
  seq++;
  const at = new Date().toISOString();
  return {
    caseId: `SB-2026-9${String(seq).padStart(5, '0')}`,
    title: `payment test ${seq}`,
    enterpriseId,
    filedBy: { userId: '00000000-0000-4000-8000-00000000000b', username: 'ent1', role: 'enterprise', departmentCode: null },
    policyCode: 'M09',
    item: 'exhibition',
    kind: 'award',
    facts: { exhibitionName: `展${seq}`, boothFeeFen: 600_000, travelFen: 300_000, lodgingFen: 100_000, rateBps: 3000 },
    documents: [],
    catalogueVersion: 1,
    quote: { eligible: true, amountFen: 300_000, breakdown: [], reasons: [], pending: [], awardRecords: [{ policyCode: 'M09', item: 'exhibition', limitKey: 'applicant', amountFen: 300_000, period: `展${seq}` }] },
    leadDepartment: 'GXJ',
    coDepartments: [],
    sla: { acceptanceDays: 5, reviewDays: 20, publicityDays: 5, supplementDays: 10, paymentDays: 15 },
    startDayCounts: false,
    filedAt: at,
    budgetYear: new Date().getUTCFullYear(),
  };
}

async function serverNow(): Promise<number> {
  const { time } = await env.connection.testService!.getCurrentTime({});
  return Number(String(time!.seconds)) * 1000;
}

type View = { state: { status: string; publicity: { until: string } | null; funding: { attempts: number; transferRef: string | null } }; clock: { deadlineAt: string | null; stage: string } | null };

/** Starts a case and takes it through acceptance and approval into publicity. */
async function approvedCase() {
  const i = input();
  const handle = await client.workflow.start(applicationWorkflow, { taskQueue: TQ, workflowId: `application-${i.caseId}`, args: [i] });
  const send = (a: Omit<ApplicationAct, 'actor'> & Record<string, unknown>) => handle.executeUpdate(applicationActUpdate, { args: [{ ...a, actor: reviewer } as ApplicationAct] });
  await send({ act: 'accept' });
  await send({ act: 'approve', amountFen: 300_000, opinion: 'ok' });
  return { i, handle };
}

it('retries a transient gateway failure with the same key and pays once', async () => {
  const real = new InProcessPaymentGateway(tdb.repos.funding);
  let failures = 0;
  const flaky: PaymentGateway = {
    transfer: async (r: TransferRequest) => {
      if (failures < 2) {
        failures++;
        throw new Error('treasury timeout (transient)');
      }
      return real.transfer(r);
    },
  };
  const worker = await newWorker(flaky);
  await worker.runUntil(async () => {
    const { i, handle } = await approvedCase();
    const v = (await handle.query(applicationViewQuery)) as View;
    await env.sleep(Date.parse(v.state.publicity!.until) - (await serverNow()) + 60_000);
    const result = await handle.result();
    expect(result.state.status).toBe('paid');
    expect(failures).toBe(2);
    const payments = await tdb.db.prisma.payment.findMany({ where: { caseId: i.caseId } });
    expect(payments).toHaveLength(1);
    expect(result.state.funding.attempts).toBe(1);
    // RECORD_HISTORY=1 refreshes the committed history the replay test replays (test/histories).
    if (process.env.RECORD_HISTORY === '1') {
      const { History } = temporal.api.history.v1;
      const json = History.toObject(History.fromObject(await handle.fetchHistory()), { longs: String, enums: String, bytes: String });
      writeFileSync(path.join(__dirname, '..', 'histories', 'application-paid.json'), JSON.stringify(json, null, 1));
    }
  });
});

it('pays exactly once when the worker dies after the transfer and before reporting it', async () => {
  const real = new InProcessPaymentGateway(tdb.repos.funding);
  let transfers = 0;
  const dying: PaymentGateway = {
    transfer: async (r: TransferRequest) => {
      const result = await real.transfer(r);
      transfers++;
      // The money has moved; the worker now stops before the activity can report: the attempt
      // ends only when the shutting-down worker cancels it.
      await Context.current().cancelled;
      return result;
    },
  };
  const first = await newWorker(dying, { shutdownGraceTime: '100ms' });
  const { i, handle } = await first.runUntil(async () => {
    const started = await approvedCase();
    const v = (await started.handle.query(applicationViewQuery)) as View;
    await env.sleep(Date.parse(v.state.publicity!.until) - (await serverNow()) + 60_000);
    await eventually('the transfer by the dying worker', async () => transfers, (n) => n > 0);
    expect(transfers).toBe(1);
    return started;
  });
  // A new worker with the real gateway: the activity times out on the server and is retried there.
  const second = await newWorker(new InProcessPaymentGateway(tdb.repos.funding));
  await second.runUntil(async () => {
    await env.sleep(60_000);
    const result = await handle.result();
    expect(result.state.status).toBe('paid');
  });
  const payments = await tdb.db.prisma.payment.findMany({ where: { caseId: i.caseId } });
  expect(payments.map((p) => p.status)).toEqual(['succeeded']);
  const commitment = await tdb.repos.funding.commitmentOf(i.caseId);
  expect(commitment?.status).toBe('paid');
});

it('escalates at review when the review deadline passes', async () => {
  const worker = await newWorker(new InProcessPaymentGateway(tdb.repos.funding));
  await worker.runUntil(async () => {
    const i = input();
    const handle = await client.workflow.start(applicationWorkflow, { taskQueue: TQ, workflowId: `application-${i.caseId}`, args: [i] });
    await handle.executeUpdate(applicationActUpdate, { args: [{ act: 'accept', actor: reviewer }] });
    const v = (await handle.query(applicationViewQuery)) as View;
    expect(v.clock?.stage).toBe('review');
    await env.sleep(Date.parse(v.clock!.deadlineAt!) - (await serverNow()) + 60_000);
    await eventually(`an escalation of ${i.caseId}`, () => tdb.repos.escalations.listForCase(i.caseId), (rows) => rows.length > 0);
    const rows = await tdb.repos.escalations.listForCase(i.caseId);
    expect(rows.map((r) => [r.level, r.stage, r.targetDepartment])).toEqual([[1, 'review', 'GXJ']]);
    await handle.executeUpdate(applicationActUpdate, { args: [{ act: 'reject', actor: reviewer, reason: 'late but decided' }] });
    await handle.result();
    expect((await tdb.repos.escalations.listForCase(i.caseId))[0]?.closedReason).toBe('rejected');
  });
});

it('waits for funds under the finance bureau’s clock, escalates to CZJ when it runs out, and pays after a top-up', async () => {
  const worker = await newWorker(new InProcessPaymentGateway(tdb.repos.funding));
  await worker.runUntil(async () => {
    const i = { ...input(), budgetYear: 2098 }; // no budget for this year yet
    const handle = await client.workflow.start(applicationWorkflow, { taskQueue: TQ, workflowId: `application-${i.caseId}`, args: [i] });
    await handle.executeUpdate(applicationActUpdate, { args: [{ act: 'accept', actor: reviewer }] });
    await handle.executeUpdate(applicationActUpdate, { args: [{ act: 'approve', actor: reviewer, amountFen: 300_000, opinion: 'ok' }] });
    const inPublicity = (await handle.query(applicationViewQuery)) as View;
    await env.sleep(Date.parse(inPublicity.state.publicity!.until) - (await serverNow()) + 60_000);
    const v = await eventually(`${i.caseId} awaiting funds`, async () => (await handle.query(applicationViewQuery)) as View, (x) => x.state.status === 'awaiting_funds');
    expect(v.clock?.stage).toBe('funding');
    await env.sleep(Date.parse(v.clock!.deadlineAt!) - (await serverNow()) + 60_000);
    await eventually(`an escalation of ${i.caseId}`, () => tdb.repos.escalations.listForCase(i.caseId), (rows) => rows.length > 0);
    const rows = await tdb.repos.escalations.listForCase(i.caseId);
    expect(rows.map((r) => [r.level, r.stage, r.targetDepartment])).toEqual([[1, 'funding', 'CZJ']]);

    await tdb.repos.funding.setBudget(2098, 'M09', 300_000, 'test', new Date());
    await handle.signal(fundsAvailableSignal, { year: 2098, policyCode: 'M09' });
    const done = await handle.result();
    expect(done.state.status).toBe('paid');
    expect((await tdb.repos.escalations.listForCase(i.caseId))[0]?.closedReason).toBe('paid');
  });
});
