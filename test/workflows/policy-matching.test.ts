// policyMatchingWorkflow on the time-skipping server with the real activities against this
// file's database, started directly and by publishing through the API: new matches notify each
// enterprise user once; a repeated run, a second publication and a nightly run notify nobody
// again; an enterprise that newly matches under a later version is notified then.
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError, type Client } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { buildApp, type App } from '../../api/app';
import { startPolicyMatching } from '../../api/services/publish-catalogue-version';
import { createTemporalGateway } from '../../api/temporal/gateway';
import { yuan } from '../../domain/money';
import { seedDemoData, seedReferenceData } from '../../prisma/seed';
import { policyMatchingWorkflow } from '../../workflows';
import type { PolicyMatchingResult } from '../../workflows/policy-matching-ids';
import { bearer, TEST_JWT_SECRET, TEST_PASSWORD } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { startTimeSkippingServer, workflowBundle } from '../support/temporal';
import { guardServerClock, lockedClient } from '../support/time-skipping';

const TASK_QUEUE = 'policy-matching-test';
// 2026-03-02 10:00 Asia/Shanghai: titles granted in 2026 count for measure 3.
const clock = { now: new Date('2026-03-02T02:00:00Z') };

let env: TestWorkflowEnvironment;
/** Waits for results without unlocking time skipping (these runs have no timer to skip). */
let client: Client;
let tdb: TestDatabase;
let worker: Worker;
let workerRunning: Promise<void>;
let app: App;
let adminToken: string;
const enterprise: Record<'a' | 'b', string> = { a: '', b: '' };
const user: Record<'a1' | 'a2' | 'b1', string> = { a1: '', a2: '', b1: '' };

beforeAll(async () => {
  [env, tdb] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  client = lockedClient(env);
  await seedReferenceData(tdb.repos);
  // The demo profiles' "this year" facts of 2026, the year of this file's clock.
  await seedDemoData(tdb.repos, TEST_PASSWORD, { year: 2026 });
  const a = await tdb.repos.enterprises.create({
    creditCode: '91350100M000100Y43',
    name: '辽源甲机械有限公司',
    industry: 'C34',
    aboveScale: true,
    profile: { titles: [{ level: 'national', name: '专精特新小巨人', grantedYear: 2026 }], listings: ['neeq'] },
  });
  const b = await tdb.repos.enterprises.create({ creditCode: '9144030071526726XG', name: '辽源乙化工有限公司', industry: 'C26', aboveScale: true, profile: {} });
  enterprise.a = a.id;
  enterprise.b = b.id;
  const account = (username: string, enterpriseId: string) =>
    tdb.repos.users.create({ username, displayName: username, passwordHash: 'x', role: 'enterprise', departmentCode: null, enterpriseId });
  user.a1 = (await account('a1', a.id)).id;
  user.a2 = (await account('a2', a.id)).id;
  user.b1 = (await account('b1', b.id)).id;

  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ repos: tdb.repos, now: () => clock.now }),
  });
  // One worker for the whole file: runs are started both here and by the API.
  workerRunning = worker.run();
  app = await buildApp({
    repos: tdb.repos,
    probes: [],
    jwtSecret: TEST_JWT_SECRET,
    tokenTtlSeconds: 900,
    version: 'test',
    logger: false,
    now: () => clock.now,
    temporal: { client, taskQueue: TASK_QUEUE },
  });
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: TEST_PASSWORD } });
  adminToken = login.json().token;
});
afterAll(async () => {
  await app?.close();
  worker?.shutdown();
  await workerRunning;
  await env?.teardown();
  await tdb?.drop();
});
guardServerClock(() => env, { maxDaysAhead: 1 });

const run = (workflowId: string, catalogueVersion: number | null) =>
  client.workflow.execute(policyMatchingWorkflow, { taskQueue: TASK_QUEUE, workflowId, args: [{ catalogueVersion, reason: 'test' }] });

/** Publishes through the API and waits for the matching run the publication started. */
async function publish(parameters: Record<string, number | null>): Promise<{ version: number; result: PolicyMatchingResult }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/policies/versions', headers: bearer(adminToken), payload: { effectiveFrom: '2026-03-01', parameters, note: 'test' } });
  expect(res.statusCode).toBe(201);
  const { version, matching } = res.json() as { version: number; matching: { workflowId: string; started: boolean } };
  expect(matching).toEqual({ workflowId: `policy-matching-v${version}`, started: true, problem: null });
  const result = (await client.workflow.getHandle(matching.workflowId).result()) as PolicyMatchingResult;
  return { version, result };
}

async function notificationsOf(recipientId: string) {
  return tdb.db.prisma.notification.findMany({ where: { recipientId }, orderBy: { dedupeKey: 'asc' } });
}

it('a first run stores the matches and notifies each user of the enterprise once per new item', async () => {
  const result = await run('policy-matching-v1', 1);
  // 4 demo and test enterprises: A likely qualifies for M03 (national title of 2026) and M21
  // (NEEQ), demo ent1 for M03, M11 and M21, demo ent2 for M38; B for nothing.
  expect(result).toEqual(expect.objectContaining({ catalogueVersion: 1, asOf: '2026-03-02', enterprises: 4, likely: 6, newMatches: 6, notified: 8, skipped: 0 }));
  const ent2 = await tdb.repos.users.findByUsername('ent2');
  expect((await notificationsOf(ent2?.id ?? '')).map((n) => n.title)).toEqual([expect.stringContaining('M38')]);
  for (const u of [user.a1, user.a2]) {
    const mine = await notificationsOf(u);
    expect(mine.map((n) => n.dedupeKey)).toEqual([`match:${enterprise.a}:M03:title:${u}`, `match:${enterprise.a}:M21:listing:${u}`]);
    expect(mine[0]?.kind).toBe('policy.match');
    expect(mine[0]?.payload).toEqual(expect.objectContaining({ policyCode: 'M03', catalogueVersion: 1, estimatedAmountFen: yuan(300_000) }));
  }
  expect(await notificationsOf(user.b1)).toEqual([]);
  const stored = await tdb.db.prisma.enterpriseMatch.findMany({ where: { enterpriseId: enterprise.a, catalogueVersion: 1, likelihood: 'likely' }, orderBy: { policyCode: 'asc' } });
  expect(stored.map((m) => [m.policyCode, m.item, Number(m.estimatedFen)])).toEqual([
    ['M03', 'title', yuan(300_000)],
    ['M21', 'listing', yuan(500_000)],
  ]);
});

it('running it again under the same version notifies nobody a second time', async () => {
  const result = await run('policy-matching-v1-again', 1);
  expect(result).toEqual(expect.objectContaining({ likely: 6, notified: 0 }));
  expect(await tdb.db.prisma.notification.count()).toBe(8);
  // The matches were replaced, not duplicated.
  expect(await tdb.db.prisma.enterpriseMatch.count({ where: { enterpriseId: enterprise.a, catalogueVersion: 1, likelihood: 'likely' } })).toBe(2);
});

it('publishing a version starts its matching run; items likely under an earlier version are not new and notify nobody', async () => {
  const { version, result } = await publish({ 'M12.extraRateBps': 1000 });
  expect(version).toBe(2);
  expect(result).toEqual(expect.objectContaining({ catalogueVersion: 2, likely: 6, newMatches: 0, notified: 0 }));
  expect(await tdb.db.prisma.notification.count()).toBe(8);
});

it('an enterprise that newly matches under a later version is notified once; the nightly run adds nothing', async () => {
  await tdb.db.prisma.enterprise.update({
    where: { id: enterprise.b },
    data: { profile: { titles: [{ level: 'provincial', name: '吉林省专精特新中小企业', grantedYear: 2026 }] } },
  });
  const { version, result } = await publish({ 'M44.maxBufferMonths': 6 });
  expect(version).toBe(3);
  expect(result).toEqual(expect.objectContaining({ catalogueVersion: 3, newMatches: 1, notified: 1 }));
  const b1 = await notificationsOf(user.b1);
  expect(b1.map((n) => n.dedupeKey)).toEqual([`match:${enterprise.b}:M03:title:${user.b1}`]);
  expect(b1[0]?.body).toContain('100,000');

  // The nightly schedule's run: the version in effect today (3), nothing new for anyone.
  const nightly = await run('policy-matching-nightly-test', null);
  expect(nightly).toEqual(expect.objectContaining({ catalogueVersion: 3, notified: 0 }));
  expect(await tdb.db.prisma.notification.count()).toBe(9);
});

it('a second start of a version’s run is a no-op: the same run, no new notification', async () => {
  const before = await client.workflow.getHandle('policy-matching-v3').describe();
  const again = await startPolicyMatching(createTemporalGateway({ client, taskQueue: TASK_QUEUE }), 3);
  expect(again).toEqual({ workflowId: 'policy-matching-v3', started: true, problem: null });
  const after = await client.workflow.getHandle('policy-matching-v3').describe();
  expect(after.runId).toBe(before.runId);
  expect(await tdb.db.prisma.notification.count()).toBe(9);
});

it('an unknown version fails the run at once with the non-retryable UNKNOWN_CATALOGUE_VERSION', async () => {
  const failure = await run(`policy-matching-unknown-${randomUUID()}`, 99).then(
    () => null,
    (err: unknown) => err,
  );
  expect(failure).toBeInstanceOf(WorkflowFailedError);
  const activity = (failure as WorkflowFailedError).cause;
  expect(activity).toBeInstanceOf(ActivityFailure);
  const cause = (activity as ActivityFailure).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect(cause).toEqual(expect.objectContaining({ type: 'UNKNOWN_CATALOGUE_VERSION', nonRetryable: true }));
  expect((cause as ApplicationFailure).message).toContain('version 99');
});

describe('external policies: published by GXJ staff, matched and pushed by the same run', () => {
  // Above-scale manufacturers (C) of 龙山区 (220402): demo ent1 meets it; A and B (C34, C26) lack
  // the region in their profiles (needs checking, nobody told); demo ent2 (G54) does not meet it.
  const body = {
    source: { issuingAuthority: '吉林省工业和信息化厅', documentNumber: '吉工信发〔2026〕12号', issuedOn: '2026-02-20', level: 'provincial', url: 'https://gxt.jl.gov.cn/2026/12' },
    title: '吉林省制造业数字化转型专项支持',
    summary: '对规上制造业企业数字化改造项目给予支持',
    validFrom: '2026-03-01',
    category: 'innovation',
    criteria: {
      all: [
        { fact: 'aboveScale', op: 'eq', value: true },
        { fact: 'industryCode', op: 'startsWith', value: 'C' },
        { fact: 'region', op: 'eq', value: '220402' },
      ],
    },
  };
  let staff: string;
  let policyId: string;
  const externalNotifications = () => tdb.db.prisma.notification.findMany({ where: { kind: 'policy.external' }, orderBy: { dedupeKey: 'asc' } });
  const finish = async (res: { statusCode: number; json(): unknown }) => {
    expect(res.statusCode).toBeLessThan(300);
    const view = res.json() as { id: string; version: number; matching: { workflowId: string; started: boolean } };
    expect(view.matching.started).toBe(true);
    return { view, result: (await client.workflow.getHandle(view.matching.workflowId).result()) as PolicyMatchingResult };
  };
  const login = async (username: string) => (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } })).json().token as string;

  beforeAll(async () => {
    staff = await login('gxj.reviewer');
  });

  it('a provincial policy tells the enterprises that meet it, once; a missing fact is "needs checking"', async () => {
    const before = await tdb.db.prisma.notification.count();
    const { view, result } = await finish(await app.inject({ method: 'POST', url: '/api/v1/external-policies', headers: bearer(staff), payload: body }));
    policyId = view.id;
    expect(view.matching.workflowId).toBe(`policy-matching-external-${policyId}-v1`);
    expect(result.notified).toBe(1);
    const ent1 = await tdb.repos.users.findByUsername('ent1');
    const told = await externalNotifications();
    expect(told.map((n) => n.recipientId)).toEqual([ent1?.id]);
    expect(told[0]?.payload).toEqual(expect.objectContaining({ policyId, policyVersion: 1, met: ['aboveScale eq true', 'industryCode startsWith "C"', 'region eq "220402"'] }));
    expect(await tdb.db.prisma.notification.count()).toBe(before + 1);

    const mine = await app.inject({ method: 'GET', url: `/api/v1/enterprises/${ent1?.enterpriseId}/external-policies`, headers: bearer(await login('ent1')) });
    expect(mine.json().items).toEqual([expect.objectContaining({ outcome: 'met', policy: expect.objectContaining({ id: policyId, version: 1 }) })]);
    const a = await app.inject({ method: 'GET', url: `/api/v1/enterprises/${enterprise.a}/external-policies`, headers: bearer(staff) });
    expect(a.json().items).toEqual([expect.objectContaining({ outcome: 'needs_checking', missingFacts: ['region'] })]);
  });

  it('republishing runs again and tells nobody twice; a revision (version 2) tells them once more', async () => {
    const again = await finish(await app.inject({ method: 'POST', url: `/api/v1/external-policies/${policyId}/publish`, headers: bearer(staff) }));
    expect(again.result.notified).toBe(0);
    expect(await externalNotifications()).toHaveLength(1);
    const revised = await finish(await app.inject({ method: 'PUT', url: `/api/v1/external-policies/${policyId}`, headers: bearer(staff), payload: { ...body, summary: '修订:支持比例提高' } }));
    expect(revised.view.version).toBe(2);
    expect(revised.result.notified).toBe(1);
    const who = await app.inject({ method: 'GET', url: `/api/v1/external-policies/${policyId}/notifications`, headers: bearer(staff) });
    expect(who.json().items.map((i: { recipient: string; policyVersion: number }) => [i.recipient, i.policyVersion])).toEqual([
      ['ent1', 1],
      ['ent1', 2],
    ]);
  });

  it('an expired policy stops matching: its matches go, nobody is told', async () => {
    const expired = await finish(await app.inject({ method: 'PUT', url: `/api/v1/external-policies/${policyId}`, headers: bearer(staff), payload: { ...body, validFrom: '2026-01-01', validUntil: '2026-02-28' } }));
    expect(expired.result.notified).toBe(0);
    expect(await tdb.db.prisma.externalPolicyMatch.count({ where: { policyId } })).toBe(0);
    expect(await externalNotifications()).toHaveLength(2);
  });
});
