// Supervisor acts and escalations through the API on a real workflow (time-skipping server):
// who may act (403), whose case it is (404), what the state allows (409, audited as refused),
// idempotent retries, the escalation list per role, and re-projection when a year is loaded.
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import { clockQuery } from '../../workflows/sla';
import { resolveProbeSignal, slaProbeWorkflow, type SlaProbeInput } from '../workflows/fixtures/sla-probe';
import { bearer, createTestApi, type TestApi } from '../support/app';
import { createTestDatabase } from '../support/db';
import { fixtureBundle, startTimeSkippingServer, startWorker, type RunningWorker } from '../support/temporal';
import { eventually } from '../support/eventually';
import { guardServerClock, lockedClient } from '../support/time-skipping';

const TQ = 'cases-api-test';
let env: TestWorkflowEnvironment;
/** Waits for results without unlocking time skipping: the clock moves only with env.sleep. */
let client: Client;
let t: TestApi;
let worker: RunningWorker;
let tokens: Record<string, string>;

beforeAll(async () => {
  const [e, tdb] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  env = e;
  client = lockedClient(env);
  t = await createTestApi({ tdb, temporal: { client, taskQueue: TQ } });
  worker = await startWorker(env, { taskQueue: TQ, workflowBundle: await fixtureBundle(), activities: createActivities({ repos: tdb.repos, now: () => new Date() }) });
  tokens = {};
  for (const u of ['kjj.reviewer', 'kjj.head', 'scj.head', 'scj.reviewer', 'supervisor', 'ent1', 'auditor', 'admin']) tokens[u] = await t.login(u);
});
afterAll(async () => {
  await worker?.stop();
  await t?.close();
  await env?.teardown();
});
// At most a few days are skipped here; a decade would show the stale activity timeouts (test/support/time-skipping.ts).
guardServerClock(() => env, { maxDaysAhead: 60 });

let seq = 0;
async function openCase(overrides: Partial<SlaProbeInput> = {}) {
  seq++;
  const reviewer = await t.tdb.repos.users.findByUsername('kjj.reviewer');
  const input: SlaProbeInput = { caseId: `API-${seq}`, title: `API case ${seq}`, departmentCode: 'KJJ', assigneeId: reviewer!.id, stage: 'review', budgetDays: 5, ...overrides };
  const handle = await client.workflow.start(slaProbeWorkflow, { taskQueue: TQ, workflowId: `api-probe-${seq}`, args: [input] });
  await eventually(`${input.caseId} projected with its deadline`, async () => (await t.tdb.repos.cases.findById(input.caseId))?.deadlineAt ?? null);
  return { input, handle };
}

const post = (caseId: string, act: string, user: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/${act}`, headers: { ...bearer(tokens[user]!), ...headers }, payload });

describe('GET /api/v1/cases/:caseId', () => {
  it('shows the clock to the department, hides the case from others (404)', async () => {
    const { input } = await openCase();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${input.caseId}`, headers: bearer(tokens['kjj.reviewer']!) });
    expect(res.statusCode).toBe(200);
    expect(res.json().clock).toEqual(expect.objectContaining({ stage: 'review', state: 'running', budgetDays: 5, consumedDays: 0, remainingDays: 5, provisional: expect.any(Boolean) }));
    for (const user of ['scj.reviewer', 'ent1']) {
      const other = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${input.caseId}`, headers: bearer(tokens[user]!) });
      expect(other.statusCode).toBe(404);
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/cases/${input.caseId}`, headers: bearer(tokens.auditor!) })).statusCode).toBe(200);
  });
});

describe('supervisor acts', () => {
  it('403 for a role that may not act, 404 for another department head', async () => {
    const { input } = await openCase();
    const asReviewer = await post(input.caseId, 'extend', 'kjj.reviewer', { workingDays: 2, reason: 'x' });
    expect(asReviewer.statusCode).toBe(403);
    expect(asReviewer.json().code).toBe('FORBIDDEN');
    expect((await post(input.caseId, 'hold', 'kjj.head', { reason: 'x' })).statusCode).toBe(403);
    const otherHead = await post(input.caseId, 'extend', 'scj.head', { workingDays: 2, reason: 'x' });
    expect(otherHead.statusCode).toBe(404);
    expect((await post('NO-SUCH-CASE', 'urge', 'supervisor', { message: 'x' })).statusCode).toBe(404);
  });

  it('a head extends once (200), a second time is 409 and audited as refused', async () => {
    const { input } = await openCase();
    const first = await post(input.caseId, 'extend', 'kjj.head', { workingDays: 3, reason: '材料多 many documents' });
    expect(first.statusCode).toBe(200);
    expect(first.json().clock).toEqual(expect.objectContaining({ budgetDays: 8 }));
    expect(first.json().clock.projections.at(-1).cause).toContain('extended by 3 working days');
    const second = await post(input.caseId, 'extend', 'kjj.head', { workingDays: 1, reason: 'again' });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('STATE_CONFLICT');
    expect(second.json().message).toContain('once');
    const trail = await t.tdb.repos.audit.listForSubject('case', input.caseId);
    expect(trail.map((r) => [r.action, r.outcome, r.actorUsername])).toEqual([
      ['case.extend', 'ok', 'kjj.head'],
      ['case.extend', 'refused', 'kjj.head'],
    ]);
  });

  it('400 for a bad body (zero days), before anything reaches the workflow', async () => {
    const { input } = await openCase();
    const res = await post(input.caseId, 'extend', 'supervisor', { workingDays: 0, reason: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe('body.workingDays');
  });

  it('the same Idempotency-Key twice extends once', async () => {
    const { input } = await openCase();
    const headers = { 'idempotency-key': `extend-${input.caseId}-1` };
    const a = await post(input.caseId, 'extend', 'supervisor', { workingDays: 4, reason: 'retry me' }, headers);
    const b = await post(input.caseId, 'extend', 'supervisor', { workingDays: 4, reason: 'retry me' }, headers);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(b.json().clock.extensions).toHaveLength(1);
    expect(b.json().clock.budgetDays).toBe(9);
  });

  it('parallel stage clocks: the case shows every one, an act names its stage; an unknown stage is 409, a malformed one 400', async () => {
    const { input } = await openCase({ stage: 'planning_review', parallel: [{ stage: 'fire_review', budgetDays: 4 }] });
    type Clocks = { clocks: Array<{ stage: string; state: string; deadlineAt: string | null }> };
    const view = await eventually(
      'both stage clocks in the read model',
      async (): Promise<Clocks> => (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${input.caseId}`, headers: bearer(tokens['kjj.reviewer']!) })).json(),
      (v) => v.clocks.length === 2 && v.clocks.every((c) => c.deadlineAt !== null),
    );
    expect(view.clocks.map((c) => [c.stage, c.state])).toEqual([
      ['planning_review', 'running'],
      ['fire_review', 'running'],
    ]);
    const held = await post(input.caseId, 'hold', 'supervisor', { reason: '等待消防意见', stage: 'fire_review' });
    expect(held.statusCode).toBe(200);
    expect(held.json().clocks.map((c: { stage: string; state: string }) => [c.stage, c.state])).toEqual([
      ['planning_review', 'running'],
      ['fire_review', 'suspended'],
    ]);
    const unknown = await post(input.caseId, 'extend', 'supervisor', { workingDays: 2, reason: 'x', stage: 'land_review' });
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json().message).toContain('no open clock of stage land_review');
    const malformed = await post(input.caseId, 'extend', 'supervisor', { workingDays: 2, reason: 'x', stage: 'Fire Review!' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().issues[0].path).toBe('body.stage');
  });

  it('hold stops the clock, release restarts it; a second release is 409', async () => {
    const { input } = await openCase();
    const held = await post(input.caseId, 'hold', 'supervisor', { reason: '等待省厅答复 awaiting the province' });
    expect(held.statusCode).toBe(200);
    expect(held.json().clock.state).toBe('suspended');
    const released = await post(input.caseId, 'release', 'supervisor', { reason: 'answer received' });
    expect(released.json().clock.state).toBe('running');
    const again = await post(input.caseId, 'release', 'supervisor', { reason: 'again' });
    expect(again.statusCode).toBe(409);
  });

  it('reassign: 400 for someone of another department, 200 for the head; urge notifies the assignee', async () => {
    const { input } = await openCase();
    const scj = await t.tdb.repos.users.findByUsername('scj.reviewer');
    const kjjHead = await t.tdb.repos.users.findByUsername('kjj.head');
    expect((await post(input.caseId, 'reassign', 'supervisor', { assigneeId: scj!.id, reason: 'x' })).statusCode).toBe(400);
    const ok = await post(input.caseId, 'reassign', 'supervisor', { assigneeId: kjjHead!.id, reason: 'reviewer on leave' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().assigneeId).toBe(kjjHead!.id);
    expect((await post(input.caseId, 'urge', 'supervisor', { message: '请尽快办理 please act' })).statusCode).toBe(200);
    const inbox = await t.tdb.repos.notifications.listForRecipient(kjjHead!.id, { unreadOnly: true, limit: 20, offset: 0 });
    expect(inbox.some((n) => n.title.includes(input.caseId) && n.body.includes('please act'))).toBe(true);
  });

  it('acting on a closed case is 409', async () => {
    const { input, handle } = await openCase();
    await handle.signal(resolveProbeSignal);
    await handle.result();
    const res = await post(input.caseId, 'extend', 'supervisor', { workingDays: 2, reason: 'too late' });
    expect(res.statusCode).toBe(409);
  });
});

describe('GET /api/v1/escalations', () => {
  it('lists a breached case for supervisors and the own head, not for others', async () => {
    const { input, handle } = await openCase({ budgetDays: 1 });
    const deadline = (await handle.query(clockQuery))!.deadlineAt!;
    const { time } = await env.connection.testService!.getCurrentTime({});
    await env.sleep(Date.parse(deadline) - Number(String(time!.seconds)) * 1000 + 60_000);
    await eventually(`an escalation of ${input.caseId}`, () => t.tdb.repos.escalations.listForCase(input.caseId), (rows) => rows.length > 0);

    const bySupervisor = await t.app.inject({ method: 'GET', url: '/api/v1/escalations?open=true', headers: bearer(tokens.supervisor!) });
    expect(bySupervisor.statusCode).toBe(200);
    const item = bySupervisor.json().items.find((e: { caseId: string }) => e.caseId === input.caseId);
    expect(item).toEqual(expect.objectContaining({ level: 1, caseDepartment: 'KJJ', targetDepartment: 'KJJ', caseTitle: input.title, deadlineAt: deadline, closedAt: null }));

    const byHead = await t.app.inject({ method: 'GET', url: '/api/v1/escalations', headers: bearer(tokens['kjj.head']!) });
    expect(byHead.json().items.map((e: { caseId: string }) => e.caseId)).toContain(input.caseId);
    const otherHead = await t.app.inject({ method: 'GET', url: '/api/v1/escalations', headers: bearer(tokens['scj.head']!) });
    expect(otherHead.json().items).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/escalations?level=2', headers: bearer(tokens['kjj.head']!) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/escalations', headers: bearer(tokens['kjj.reviewer']!) })).statusCode).toBe(403);

    await handle.signal(resolveProbeSignal);
    await handle.result();
    const closed = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${input.caseId}`, headers: bearer(tokens.supervisor!) });
    expect(closed.json().escalations[0]).toEqual(expect.objectContaining({ level: 1, closedReason: 'decided' }));
  });
});

describe('PUT /api/v1/calendar/:year re-projects open cases', () => {
  it('moves a provisional deadline of an open case and says which notice moved it', async () => {
    const calendar = await t.tdb.repos.calendar.loadCalendar();
    const { time } = await env.connection.testService!.getCurrentTime({});
    const today = new Date(Number(String(time!.seconds)) * 1000).toISOString().slice(0, 10);
    let y = Number(today.slice(0, 4));
    while (calendar.hasYear(y)) y++;
    const beforeY = `${y - 1}-12-31`;
    const daysBeforeY = today < beforeY ? calendar.countWorkingDays(today, beforeY, { allowProvisional: true }).count : 0;
    const { input, handle } = await openCase({ budgetDays: daysBeforeY + 5 });
    expect((await t.tdb.repos.cases.findById(input.caseId))?.deadlineProvisional).toBe(true);

    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/calendar/${y}`,
      headers: bearer(tokens.admin!),
      payload: { document: `测试〔${y - 1}〕9号`, title: `test notice for ${y} (not official)`, issued: `${y - 1}-11-25`, holidays: [], makeupWorkdays: [] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().reprojectedCases).toBeGreaterThanOrEqual(1);
    await eventually(`${input.caseId} re-projected on the loaded year`, () => t.tdb.repos.cases.findById(input.caseId), (c) => c?.deadlineProvisional === false);
    const view = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${input.caseId}`, headers: bearer(tokens.supervisor!) });
    expect(view.json().clock.provisional).toBe(false);
    expect(view.json().clock.projections.at(-1).cause).toBe(`calendar: the ${y} notice 测试〔${y - 1}〕9号 was loaded`);
    await handle.signal(resolveProbeSignal);
    await handle.result();
  });
});
