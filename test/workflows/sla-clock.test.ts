// The SLA clock and the escalation ladder in a real workflow on the time-skipping server:
// reminder, level 1, level 2 and level 3 at their instants and each once; nothing after the case
// is acted on; clock-stop arithmetic; re-projection when a calendar year is loaded; a worker
// restart mid-ladder; supervisor acts refused in the wrong state.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../../activities';
import { localDateOf, type TCalendarYear, type WorkCalendar } from '../../domain/calendar';
import type { ClockLedger } from '../../domain/sla';
import { seedDemoData, seedReferenceData } from '../../prisma/seed';
import { calendarChangedSignal, clockQuery, supervisorActUpdate, type SupervisorActInput } from '../../workflows/sla';
import { resolveProbeSignal, resumeProbeSignal, slaProbeWorkflow, suspendProbeSignal, type SlaProbeInput } from './fixtures/sla-probe';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { fixtureBundle, startTimeSkippingServer } from '../support/temporal';
import { eventually } from '../support/eventually';
import { guardServerClock, lockedClient, serverNow as serverClock } from '../support/time-skipping';

let env: TestWorkflowEnvironment;
/** Waits for results without unlocking time skipping: the clock moves only with skipTo and env.sleep. */
let client: Client;
let tdb: TestDatabase;
let calendar: WorkCalendar;
let reviewerId: string;
const TQ = 'sla-test';
const MINUTE = 60_000;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  [env, tdb] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  client = lockedClient(env);
  await seedReferenceData(tdb.repos);
  await seedDemoData(tdb.repos, 'sla-test-password');
  calendar = await tdb.repos.calendar.loadCalendar();
  reviewerId = (await tdb.repos.users.findByUsername('kjj.reviewer'))!.id;
});
afterAll(async () => {
  await env?.teardown();
  await tdb?.drop();
});

// Every test starts and ends within weeks of real time: what this file skips in all (about three
// months), never the decade the server's stale activity timeouts would take it to.
guardServerClock(() => env, { maxDaysAhead: 150 });

type Activities = ReturnType<typeof createActivities>;

async function newWorker(options: { sticky?: boolean; activities?: (real: Activities) => Activities } = {}): Promise<Worker> {
  const real = createActivities({ repos: tdb.repos, now: () => new Date() });
  return Worker.create({
    // Without a sticky queue, a worker that stops leaves no workflow task bound to it: the next
    // worker picks the task up at once (a real restart waits out the sticky timeout instead).
    ...(options.sticky === false ? { maxCachedWorkflows: 0 } : {}),
    connection: env.nativeConnection,
    taskQueue: TQ,
    workflowBundle: await fixtureBundle(),
    activities: options.activities ? options.activities(real) : real,
  });
}

let seq = 0;
function probe(overrides: Partial<SlaProbeInput> = {}): SlaProbeInput {
  seq++;
  return { caseId: `T-${seq}`, title: `probe ${seq}`, departmentCode: 'KJJ', assigneeId: reviewerId, stage: 'review', budgetDays: 3, ...overrides };
}

async function start(input: SlaProbeInput) {
  const handle = await client.workflow.start(slaProbeWorkflow, { taskQueue: TQ, workflowId: `probe-${input.caseId}`, args: [input] });
  // Wait until the clock has planned its deadline.
  const ledger = await eventually(`the clock of ${input.caseId} planning its deadline`, () => handle.query(clockQuery), (l) => Boolean(l?.deadlineAt));
  if (!ledger) throw new Error('unreachable: eventually returned no ledger');
  return { handle, ledger };
}

/** The test server's current time (it moves only when skipped). */
const serverNow = () => serverClock(env);

/** Advances the test server's clock to an instant (plus a margin) and lets the worker catch up. */
async function skipTo(instantIso: string, marginMs = MINUTE): Promise<void> {
  const now = await serverNow();
  const target = Date.parse(instantIso) + marginMs;
  if (target > now) await env.sleep(target - now);
  await new Promise((r) => setTimeout(r, 300));
}

const escalationsOf = (caseId: string) => tdb.repos.escalations.listForCase(caseId);
const plusWorkingDays = (fromIso: string, n: number) => calendar.addWorkingDays({ from: new Date(fromIso), workingDays: n, allowProvisional: true });

async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  await eventually(what, check);
}

it('marks a deadline running into a year without a notice provisional, and re-projects it when the year is loaded', async () => {
  const worker = await newWorker();
  await worker.runUntil(async () => {
    const now = new Date(await serverNow());
    const today = localDateOf(now);
    // The first year from today on that has no notice loaded; the deadline is made to run into it.
    let y = Number(today.slice(0, 4));
    while (calendar.hasYear(y)) y++;
    const beforeY = `${y - 1}-12-31`;
    const daysBeforeY = today < beforeY ? calendar.countWorkingDays(today, beforeY, { allowProvisional: true }).count : 0;
    const input = probe({ budgetDays: daysBeforeY + 10 });
    const { handle, ledger } = await start(input);
    expect(ledger.provisional).toBe(true);
    expect(Number(ledger.deadlineDate!.slice(0, 4))).toBe(y);
    expect((await tdb.repos.cases.findById(input.caseId))?.deadlineProvisional).toBe(true);

    // A notice for year y (a test fixture, not an official one): three weekdays inside the span are off.
    const spanStart = today > beforeY ? today : beforeY;
    const off: string[] = [];
    for (let d = new Date(`${spanStart}T00:00:00Z`); off.length < 3; ) {
      d = new Date(d.getTime() + DAY);
      const wd = d.getUTCDay();
      if (wd !== 0 && wd !== 6) off.push(d.toISOString().slice(0, 10));
    }
    const notice: TCalendarYear = {
      document: `测试〔${y}〕1号`,
      title: `test notice for ${y}`,
      issued: `${y - 1}-11-01`,
      urls: [],
      holidays: [{ name: '测试假日', start: off[0]!, end: off[2]!, days: (Date.parse(off[2]!) - Date.parse(off[0]!)) / DAY + 1 }],
      makeupWorkdays: [],
    };
    await tdb.repos.calendar.upsertFromAdmin(y, notice, 'admin', new Date());
    await handle.signal(calendarChangedSignal, { year: y, document: notice.document });
    await waitUntil(async () => (await handle.query(clockQuery))?.projections.length === 2, 're-projection');
    const after = (await handle.query(clockQuery)) as ClockLedger;
    expect(after.provisional).toBe(false);
    expect(Date.parse(after.deadlineAt!)).toBeGreaterThan(Date.parse(ledger.deadlineAt!));
    expect(after.projections.at(-1)?.cause).toBe(`calendar: the ${y} notice ${notice.document} was loaded`);
    expect(after.projections.at(-1)?.calendarDocuments).toContain(`${y}: ${notice.document}`);
    expect((await tdb.repos.cases.findById(input.caseId))?.deadlineProvisional).toBe(false);
    await handle.signal(resolveProbeSignal);
    await handle.result();
  });
  // The worker now counts with the fixture year; so must this file's expectations.
  calendar = await tdb.repos.calendar.loadCalendar();
});

it('reminds one working day before, then fires levels 1, 2 and 3 at their instants, each once, and closes them on resolve', async () => {
  const worker = await newWorker();
  await worker.runUntil(async () => {
    const input = probe();
    const { handle, ledger } = await start(input);
    // The deadline is the end of the 3rd working day after the start day (day 0 not counted).
    const expected = plusWorkingDays(ledger.startedAt, 3);
    expect(ledger.deadlineAt).toBe(expected.deadlineAt.toISOString());
    expect(ledger.reminderAt).toBe(plusWorkingDays(ledger.startedAt, 2).deadlineAt.toISOString());
    const l2 = plusWorkingDays(new Date(expected.deadlineAt.getTime() - 1).toISOString(), 2).deadlineAt.toISOString();
    const l3 = plusWorkingDays(new Date(Date.parse(l2) - 1).toISOString(), 2).deadlineAt.toISOString();
    expect(ledger.rungs.map((r) => [r.level, r.at])).toEqual([
      [1, expected.deadlineAt.toISOString()],
      [2, l2],
      [3, l3],
    ]);

    const reminderPrefix = `${input.caseId}:review:1:${ledger.deadlineAt}:reminder`;
    await skipTo(ledger.reminderAt!, -MINUTE);
    expect(await tdb.repos.notifications.countByDedupePrefix(reminderPrefix)).toBe(0);
    await skipTo(ledger.reminderAt!);
    await waitUntil(async () => (await tdb.repos.notifications.countByDedupePrefix(reminderPrefix)) === 1, 'the reminder');
    expect(await escalationsOf(input.caseId)).toHaveLength(0);

    await skipTo(ledger.deadlineAt!, -MINUTE);
    expect(await escalationsOf(input.caseId)).toHaveLength(0);
    for (const [level, at] of [[1, ledger.deadlineAt!], [2, l2], [3, l3]] as const) {
      await skipTo(at);
      await waitUntil(async () => (await escalationsOf(input.caseId)).length === level, `level ${level}`);
      const rows = await escalationsOf(input.caseId);
      const row = rows.find((r) => r.level === level)!;
      expect(row.firedAt.getTime()).toBeGreaterThanOrEqual(Date.parse(at));
      expect(row.firedAt.getTime()).toBeLessThan(Date.parse(at) + 2 * MINUTE);
      expect(row.targetDepartment).toBe(level === 1 ? 'KJJ' : level === 2 ? 'GXJ' : 'CITY');
    }
    const l3Row = (await escalationsOf(input.caseId)).find((r) => r.level === 3)!;
    expect(l3Row.overdueWorkingDays).toBe(4);
    // The department head was told of level 1, the supervisor of levels 2 and 3.
    const head = await tdb.repos.users.findByUsername('kjj.head');
    const supervisor = await tdb.repos.users.findByUsername('supervisor');
    expect((await tdb.repos.notifications.listForRecipient(head!.id, { unreadOnly: false, limit: 50, offset: 0 })).filter((n) => n.payload && (n.payload as { caseId?: string }).caseId === input.caseId).map((n) => n.kind)).toEqual(['sla.escalation.l1']);
    expect((await tdb.repos.notifications.listForRecipient(supervisor!.id, { unreadOnly: false, limit: 50, offset: 0 })).filter((n) => (n.payload as { caseId?: string }).caseId === input.caseId).map((n) => n.kind).sort()).toEqual(['sla.escalation.l2', 'sla.escalation.l3']);

    await handle.signal(resolveProbeSignal);
    const final = await handle.result();
    expect(final?.state).toBe('stopped');
    await env.sleep(30 * DAY);
    const rows = await escalationsOf(input.caseId);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.closedAt !== null && r.closedReason === 'decided')).toBe(true);
    const trail = await tdb.repos.audit.listForSubject('case', input.caseId);
    expect(trail.filter((r) => r.action === 'sla.escalate')).toHaveLength(3);
  });
});

it('fires nothing once the case is acted on before its deadline', async () => {
  const worker = await newWorker();
  await worker.runUntil(async () => {
    const input = probe();
    const { handle, ledger } = await start(input);
    await skipTo(ledger.deadlineAt!, -DAY / 2);
    await handle.signal(resolveProbeSignal);
    await handle.result();
    await env.sleep(20 * DAY);
    expect(await escalationsOf(input.caseId)).toHaveLength(0);
  });
});

it('stops the clock while suspended and counts the remaining days again from the resume day', async () => {
  const worker = await newWorker();
  await worker.runUntil(async () => {
    const input = probe({ budgetDays: 5 });
    const { handle, ledger } = await start(input);
    // Run for two working days, then suspend (补正), wait ten calendar days, resume.
    const twoDays = plusWorkingDays(ledger.startedAt, 2).deadlineAt.toISOString();
    await skipTo(twoDays, 2 * 3600_000); // 02:00 Shanghai on the day after day 2
    await handle.signal(suspendProbeSignal, 'supplement');
    await waitUntil(async () => (await handle.query(clockQuery))?.state === 'suspended', 'suspension');
    const suspended = (await handle.query(clockQuery)) as ClockLedger;
    // Day 0 not counted; the suspension day itself counts as consumed (work happened on it).
    const consumedExpected = calendar.countWorkingDays(localDateOf(new Date(ledger.startedAt)), localDateOf(new Date(suspended.suspensions[0]!.from)), { allowProvisional: true }).count;
    expect(suspended.consumedDays).toBe(consumedExpected);
    await env.sleep(10 * DAY);
    // Nothing fires while suspended, even past the original deadline.
    expect(await escalationsOf(input.caseId)).toHaveLength(0);
    await handle.signal(resumeProbeSignal, 'supplement');
    await waitUntil(async () => (await handle.query(clockQuery))?.state === 'running', 'resume');
    const resumed = (await handle.query(clockQuery)) as ClockLedger;
    const resumeAt = resumed.suspensions[0]!.to!;
    expect(resumed.deadlineAt).toBe(plusWorkingDays(resumeAt, 5 - consumedExpected).deadlineAt.toISOString());
    expect(resumed.projections.at(-1)?.cause).toContain('resumed after supplement');
    await handle.signal(resolveProbeSignal);
    await handle.result();
  });
});

it('shows a resumed clock only with its new deadline, and stays suspended while the re-planning is in flight', async () => {
  // The re-planning activity waits on a gate the test opens: in between, a query must see the
  // whole suspended ledger, never "running" with the deadline from before the suspension.
  let gate: (() => void) | null = null;
  let gated = false;
  const worker = await newWorker({
    activities: (real) => ({
      ...real,
      planSla: async (i) => {
        if (gated) await new Promise<void>((open) => (gate = open));
        return real.planSla(i);
      },
    }),
  });
  // Opened whatever happens: an activity held shut would keep the worker from shutting down.
  const openGate = () => {
    gated = false;
    (gate as (() => void) | null)?.();
  };
  await worker.runUntil(async () => {
    try {
      await resumeWhileGated();
    } finally {
      openGate();
    }
  });

  async function resumeWhileGated(): Promise<void> {
    const { handle, ledger } = await start(probe({ budgetDays: 5 }));
    await handle.signal(suspendProbeSignal, 'supplement');
    await waitUntil(async () => (await handle.query(clockQuery))?.state === 'suspended', 'suspension');
    await env.sleep(3 * DAY);
    gated = true;
    await handle.signal(resumeProbeSignal, 'supplement');
    await waitUntil(async () => gate !== null, 'the re-planning activity');
    const during = (await handle.query(clockQuery)) as ClockLedger;
    expect(during.state).toBe('suspended');
    expect(during.suspensions[0]!.to).toBeNull();
    expect(during.projections).toHaveLength(1);
    openGate();
    await waitUntil(async () => (await handle.query(clockQuery))?.state === 'running', 'resume');
    const after = (await handle.query(clockQuery)) as ClockLedger;
    expect(after.projections).toHaveLength(2);
    expect(after.deadlineAt).toBe(plusWorkingDays(after.suspensions[0]!.to!, 5 - after.consumedDays).deadlineAt.toISOString());
    expect(Date.parse(after.deadlineAt!)).toBeGreaterThan(Date.parse(ledger.deadlineAt!));
    await handle.signal(resolveProbeSignal);
    await handle.result();
  }
});

it('survives a worker restart mid-ladder without firing a rung twice', async () => {
  const input = probe();
  let ledger: ClockLedger;
  const first = await newWorker({ sticky: false });
  const started = await first.runUntil(async () => {
    const s = await start(input);
    ledger = s.ledger;
    await skipTo(ledger.deadlineAt!);
    await waitUntil(async () => (await escalationsOf(input.caseId)).length === 1, 'level 1 before the restart');
    return s;
  });
  // A new worker with an empty cache replays the history from the start.
  const second = await newWorker();
  await second.runUntil(async () => {
    const l2 = ledger.rungs.find((r) => r.level === 2)!.at;
    await skipTo(l2);
    await waitUntil(async () => (await escalationsOf(input.caseId)).length === 2, 'level 2 after the restart');
    await started.handle.signal(resolveProbeSignal);
    await started.handle.result();
  });
  const rows = await escalationsOf(input.caseId);
  expect(rows.map((r) => r.level).sort()).toEqual([1, 2]);
});

describe('supervisor acts, validated by the workflow', () => {
  const supervisor = { userId: '00000000-0000-4000-8000-000000000001', username: 'supervisor', role: 'supervisor', departmentCode: 'GXJ' };
  const head = { userId: '00000000-0000-4000-8000-000000000002', username: 'kjj.head', role: 'dept_head', departmentCode: 'KJJ' };

  async function refusal(p: Promise<unknown>): Promise<string> {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return (cause as ApplicationFailure).type ?? '';
  }

  it('extends, holds and releases, and refuses what the state does not allow', async () => {
    const worker = await newWorker();
    await worker.runUntil(async () => {
      const input = probe({ budgetDays: 5 });
      const { handle, ledger } = await start(input);
      const update = (args: SupervisorActInput) => handle.executeUpdate(supervisorActUpdate, { args: [args] });

      const extended = await update({ act: 'extend', actor: head, reason: '材料复杂 complex file', workingDays: 3 });
      expect(extended.clock?.deadlineAt).toBe(plusWorkingDays(ledger.startedAt, 8).deadlineAt.toISOString());
      expect(extended.clock?.projections.at(-1)?.cause).toContain('extended by 3 working days (dept_head)');
      expect(await refusal(update({ act: 'extend', actor: head, reason: 'again', workingDays: 2 }))).toBe('STATE_CONFLICT');
      expect(await refusal(update({ act: 'extend', actor: supervisor, reason: 'x', workingDays: 0 }))).toBe('VALIDATION_FAILED');
      const bySupervisor = await update({ act: 'extend', actor: supervisor, reason: '督办同意 supervision agreed', workingDays: 15 });
      expect(bySupervisor.clock?.extensions.map((e) => e.workingDays)).toEqual([3, 15]);

      await update({ act: 'hold', actor: supervisor, reason: '等待上级答复 awaiting the province' });
      expect(await refusal(update({ act: 'hold', actor: supervisor, reason: 'again' }))).toBe('STATE_CONFLICT');
      const released = await update({ act: 'release', actor: supervisor, reason: 'answer received' });
      expect(released.clock?.state).toBe('running');
      expect(await refusal(update({ act: 'release', actor: supervisor, reason: 'again' }))).toBe('STATE_CONFLICT');
      expect(await refusal(update({ act: 'urge', actor: supervisor, reason: '  ' }))).toBe('VALIDATION_FAILED');

      const reassigned = await update({ act: 'reassign', actor: supervisor, reason: 'leave', assigneeId: head.userId });
      expect(reassigned.assigneeId).toBe(head.userId);

      await handle.signal(resolveProbeSignal);
      await handle.result();
      const trail = await tdb.repos.audit.listForSubject('case', input.caseId);
      expect(trail.map((r) => r.action)).toEqual(['case.extend', 'case.extend', 'case.hold', 'case.release', 'case.reassign']);
    });
  });

  it('stacks suspensions: releasing a hold while a supplement is pending keeps the clock stopped', async () => {
    const worker = await newWorker();
    await worker.runUntil(async () => {
      const { handle } = await start(probe({ budgetDays: 5 }));
      await handle.executeUpdate(supervisorActUpdate, { args: [{ act: 'hold', actor: supervisor, reason: '待省厅答复' }] });
      await handle.signal(suspendProbeSignal, 'supplement');
      await waitUntil(async () => ((await handle.query(clockQuery))?.suspensions.length ?? 0) === 2, 'the second suspension');
      const released = await handle.executeUpdate(supervisorActUpdate, { args: [{ act: 'release', actor: supervisor, reason: 'answered' }] });
      expect(released.clock?.state).toBe('suspended');
      await handle.signal(resumeProbeSignal, 'supplement');
      await waitUntil(async () => (await handle.query(clockQuery))?.state === 'running', 'running again');
      await handle.signal(resolveProbeSignal);
      await handle.result();
    });
  });

  it('refuses a head extension above 10 working days', async () => {
    const worker = await newWorker();
    await worker.runUntil(async () => {
      const { handle } = await start(probe());
      expect(await refusal(handle.executeUpdate(supervisorActUpdate, { args: [{ act: 'extend', actor: head, reason: 'x', workingDays: 11 }] }))).toBe('STATE_CONFLICT');
      await handle.signal(resolveProbeSignal);
      await handle.result();
    });
  });
});

