// A running case across National Day 2026 on the official calendar: the SLA clock of a real
// workflow (the slaProbeWorkflow fixture) counts the holiday 10-01..10-07 as off and the make-up
// Saturday 10-10 (调休) as a working day, and the reminder and the rungs fire at those instants
// as the time-skipping server's clock is moved to them.
//
// The test server cannot start at a chosen instant: it starts at the real current time (today
// is after National Day 2026) and only moves forward; its binary takes a port and
// --enable-time-skipping, nothing else, and its API only sleeps forward. So the case's workflow
// reads its clock from 2026-09-28 through the test-only interceptor of
// test/workflows/fixtures/shifted-clock.ts, a fixed offset from the server's time. The timers,
// the activities and the calendar (seeded from prisma/data/cn-calendar-2025-2026.json, the same
// bytes as shared/data, 国办发明电〔2025〕7号) are real. Times below are workflow times, which the
// database rows record; the server's clock is moved to them minus the offset.
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { createActivities } from '../../activities';
import type { ClockLedger } from '../../domain/sla';
import { seedDemoData, seedReferenceData } from '../../prisma/seed';
import { clockQuery } from '../../workflows/sla';
import { CLOCK_STARTS_AT_MEMO } from './fixtures/shifted-clock';
import { resolveProbeSignal, slaProbeWorkflow, type SlaProbeInput } from './fixtures/sla-probe';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { eventually } from '../support/eventually';
import { fixtureBundle, shiftedClockBundle, startTimeSkippingServer } from '../support/temporal';
import { guardServerClock, lockedClient, serverNow } from '../support/time-skipping';

const TQ = 'sla-holiday-test';
const MINUTE = 60_000;
const OFFICIAL_2026 = '国办发明电〔2025〕7号';
let env: TestWorkflowEnvironment;
let client: Client;
let tdb: TestDatabase;
let reviewerId: string;

beforeAll(async () => {
  [env, tdb] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  client = lockedClient(env);
  await seedReferenceData(tdb.repos);
  await seedDemoData(tdb.repos, 'sla-holiday-password');
  reviewerId = (await tdb.repos.users.findByUsername('kjj.reviewer'))!.id;
});
afterAll(async () => {
  await env?.teardown();
  await tdb?.drop();
});
// The case runs 09-28 .. 10-15 on its own clock: about 18 days of the server's.
guardServerClock(() => env, { maxDaysAhead: 30 });

it('the calendar in the database is the official 2026 notice: 国庆节 10-01..10-07 off, Saturday 10-10 a make-up working day', async () => {
  const calendar = await tdb.repos.calendar.loadCalendar();
  expect(calendar.notice(2026)?.document).toBe(OFFICIAL_2026);
  expect(calendar.dayInfo('2026-10-01')).toMatchObject({ working: false, reason: 'holiday', holidayName: '国庆节', provisional: false });
  expect(calendar.dayInfo('2026-10-07')).toMatchObject({ working: false, reason: 'holiday', holidayName: '国庆节' });
  expect(calendar.dayInfo('2026-10-10')).toMatchObject({ working: true, reason: 'makeup_workday', provisional: false });
  expect(calendar.dayInfo('2026-10-11')).toMatchObject({ working: false, reason: 'weekend' });
});

it('a case accepted Mon 2026-09-28 with 5 working days is due at the end of the make-up Saturday 10-10; reminder and rungs fire at their instants', async () => {
  // Hand count, day 0 = Mon 09-28 (not counted): 09-29 = 1, 09-30 = 2, 10-01..10-07 国庆节 off,
  // 10-08 = 3, 10-09 = 4, Sat 10-10 (调休) = 5. Weekdays only would give 10-05; the holiday
  // without its make-up day, 10-12. The end of a day is 24:00 Asia/Shanghai, 16:00Z.
  const acceptedAt = '2026-09-28T02:00:00.000Z'; // 10:00 +08
  const due = {
    reminder: '2026-10-09T16:00:00.000Z', // end of working day 4, one before the deadline
    level1: '2026-10-10T16:00:00.000Z', // the deadline
    level2: '2026-10-13T16:00:00.000Z', // 2 working days on: Sun 10-11 off, 10-12, 10-13
    level3: '2026-10-15T16:00:00.000Z', // 2 more: 10-14, 10-15
  };
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TQ,
    workflowBundle: await shiftedClockBundle(),
    // Date.now is replaced in the workflow's own V8 context (test/workflows/fixtures/shifted-clock.ts).
    reuseV8Context: false,
    activities: createActivities({ repos: tdb.repos, now: () => new Date() }),
  });
  await worker.runUntil(async () => {
    const input: SlaProbeInput = { caseId: 'HOL-2026-1', title: 'National Day case', departmentCode: 'KJJ', assigneeId: reviewerId, stage: 'review', budgetDays: 5 };
    const handle = await client.workflow.start(slaProbeWorkflow, { taskQueue: TQ, workflowId: 'probe-national-day', args: [input], memo: { [CLOCK_STARTS_AT_MEMO]: acceptedAt } });
    const offset = Date.parse(acceptedAt) - (await handle.describe()).startTime.getTime();
    const ledgerOf = async () => (await handle.query(clockQuery)) as ClockLedger;
    /** Moves the server's clock to a workflow instant plus a margin, and lets the worker act on it. */
    const skipTo = async (workflowInstant: string, marginMs: number) => {
      const target = Date.parse(workflowInstant) + marginMs - offset;
      const now = await serverNow(env);
      if (target > now) await env.sleep(target - now);
      await new Promise((r) => setTimeout(r, 300));
    };

    const ledger = await eventually('the clock planning its deadline', ledgerOf, (l) => Boolean(l?.deadlineAt));
    expect(Date.parse(ledger.startedAt) - Date.parse(acceptedAt)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(ledger.startedAt) - Date.parse(acceptedAt)).toBeLessThan(MINUTE);
    expect(ledger).toMatchObject({ deadlineDate: '2026-10-10', deadlineAt: due.level1, provisional: false, reminderAt: due.reminder });
    expect(ledger.rungs.map((r) => [r.level, r.at])).toEqual([
      [1, due.level1],
      [2, due.level2],
      [3, due.level3],
    ]);
    expect(ledger.projections.at(-1)?.calendarDocuments).toEqual([`2026: ${OFFICIAL_2026}`]);
    const projected = await eventually('the case projected', () => tdb.repos.cases.findById(input.caseId), (c) => c?.deadlineAt != null);
    expect(projected?.deadlineAt?.toISOString()).toBe(due.level1);
    expect(projected?.deadlineProvisional).toBe(false);

    // The reminder: not a minute before the end of Fri 10-09, then once.
    const reminders = () => tdb.repos.notifications.countByDedupePrefix(`${input.caseId}:review:1:${due.level1}:reminder`);
    await skipTo(due.reminder, -MINUTE);
    expect(await reminders()).toBe(0);
    expect((await ledgerOf()).reminded).toBe(false);
    await skipTo(due.reminder, MINUTE);
    await eventually('the reminder', reminders, (n) => n === 1);
    const reminder = (await tdb.repos.notifications.listForRecipient(reviewerId, { unreadOnly: false, limit: 50, offset: 0 })).find((n) => n.kind === 'sla.reminder');
    expect(reminder?.createdAt.getTime()).toBeGreaterThanOrEqual(Date.parse(due.reminder));
    expect(reminder?.createdAt.getTime()).toBeLessThan(Date.parse(due.reminder) + 2 * MINUTE);

    // No rung on 10-05 (a weekday count's deadline), nor during the make-up Saturday itself.
    const escalations = () => tdb.repos.escalations.listForCase(input.caseId);
    await skipTo(due.level1, -MINUTE);
    expect(await escalations()).toHaveLength(0);
    expect((await ledgerOf()).firedRungKeys).toEqual([]);

    // Each rung at its instant, and the working days overdue as the official calendar counts them
    // (10-11 a Sunday: 0 at level 1; 10-12 and 10-13 at level 2; 10-12 .. 10-15 at level 3).
    for (const [level, at, before, overdue] of [
      [1, due.level1, null, 0],
      [2, due.level2, 1, 2],
      [3, due.level3, 2, 4],
    ] as const) {
      if (before !== null) {
        await skipTo(at, -MINUTE);
        expect(await escalations()).toHaveLength(before);
      }
      await skipTo(at, MINUTE);
      const rows = await eventually(`level ${level}`, escalations, (r) => r.length === level);
      const row = rows.find((r) => r.level === level)!;
      expect(row.deadlineAt.toISOString()).toBe(due.level1);
      expect(row.firedAt.getTime()).toBeGreaterThanOrEqual(Date.parse(at));
      expect(row.firedAt.getTime()).toBeLessThan(Date.parse(at) + 2 * MINUTE);
      expect(row.overdueWorkingDays).toBe(overdue);
    }

    await handle.signal(resolveProbeSignal);
    const final = await handle.result();
    expect(final?.state).toBe('stopped');
    expect((await escalations()).every((r) => r.closedReason === 'decided')).toBe(true);

    // The shift is part of the case's history: it replays with the interceptor, and without it
    // (the clock at the server's December time) the same history is not the same case.
    const history = await handle.fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: await shiftedClockBundle(), reuseV8Context: false }, history, 'replay-national-day');
    await expect(Worker.runReplayHistory({ workflowBundle: await fixtureBundle() }, history, 'replay-national-day-unshifted')).rejects.toThrow(DeterminismViolationError);
  });
});
