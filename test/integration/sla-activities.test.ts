// The SLA activities against a real database and the official calendar: clock-stop arithmetic
// across National Day 2026, the reminder and ladder instants, and the escalation rung written
// once whatever the retries.
import { createSlaActivities } from '../../activities/sla';
import { createAppMetrics } from '../../infra/metrics';
import { seedDemoData, seedReferenceData } from '../../prisma/seed';
import { createTestDatabase, type TestDatabase } from '../support/db';

let tdb: TestDatabase;
let sla: ReturnType<typeof createSlaActivities>;
const metrics = createAppMetrics();
beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedReferenceData(tdb.repos);
  await seedDemoData(tdb.repos, 'activities-test-1');
  sla = createSlaActivities({ repos: tdb.repos, now: () => new Date(), metrics });
});
afterAll(async () => tdb.drop());

const base = { startDayCounts: false, allowProvisional: false, reminderWorkingDays: 1, graceWorkingDays: 2 };

describe('suspend and resume across National Day 2026 (10-01..10-07 off, 10-10 a make-up Saturday)', () => {
  // Accepted Mon 2026-09-28 10:00 (+08): 5 working days, 09-28 is day 0.
  const accepted = '2026-09-28T02:00:00Z';

  it('without a stop, the deadline is the 5th working day: 09-29, 09-30, 10-08, 10-09, 10-10 → 10-10', async () => {
    const plan = await sla.planSla({ ...base, from: accepted, workingDays: 5 });
    expect(plan.deadlineDate).toBe('2026-10-10');
    expect(plan.deadlineAt).toBe('2026-10-10T16:00:00.000Z');
    expect(plan.calendarDocuments[0]).toMatch(/^2026: 国办发明电/);
  });

  it('suspended on 09-30 for a supplement: 2 days consumed (09-29, 09-30); resumed 10-09: 3 remain → 10-10, 10-12, 10-13', async () => {
    const consumed = await sla.countWorkingDaysBetween({ from: accepted, to: '2026-09-30T07:00:00Z', startDayCounts: false, allowProvisional: false });
    expect(consumed).toBe(2);
    const plan = await sla.planSla({ ...base, from: '2026-10-09T01:00:00Z', workingDays: 5 - consumed });
    expect(plan.deadlineDate).toBe('2026-10-13');
    // Reminder one working day before: the end of 10-12 (the 2nd remaining day).
    expect(plan.reminderAt).toBe('2026-10-12T16:00:00.000Z');
    // Level 2 two working days after 10-13 (10-14, 10-15), level 3 two more (10-16, 10-19: 10-17/18 weekend).
    expect(plan.rungs).toEqual([
      { level: 1, at: '2026-10-13T16:00:00.000Z' },
      { level: 2, at: '2026-10-15T16:00:00.000Z' },
      { level: 3, at: '2026-10-19T16:00:00.000Z' },
    ]);
  });

  it('a suspension spanning the whole holiday consumes no holiday day', async () => {
    // Suspended 09-30 evening, nothing counted until the resume; the holiday days never count.
    const consumedDuring = await sla.countWorkingDaysBetween({ from: '2026-09-30T12:00:00Z', to: '2026-10-07T12:00:00Z', startDayCounts: false, allowProvisional: false });
    expect(consumedDuring).toBe(0);
  });

  it('an overdue clock keeps its deadline when no working days remain', async () => {
    const plan = await sla.planSla({ ...base, from: '2026-10-20T02:00:00Z', workingDays: 0, fixedDeadlineDate: '2026-10-13' });
    expect(plan.deadlineDate).toBe('2026-10-13');
    expect(plan.reminderAt).toBeNull();
  });

  it('refuses, as a non-retryable failure, a deadline into a year without a notice when provisional is not allowed', async () => {
    await expect(sla.planSla({ ...base, from: '2026-12-28T02:00:00Z', workingDays: 10 })).rejects.toMatchObject({ type: 'CALENDAR_YEAR_MISSING', nonRetryable: true });
    const provisional = await sla.planSla({ ...base, allowProvisional: true, from: '2026-12-28T02:00:00Z', workingDays: 10 });
    expect(provisional).toEqual(expect.objectContaining({ provisional: true, missingYears: [2027] }));
  });
});

describe('fireEscalationRung', () => {
  it('writes the rung once, notifies the department head once, audits once, whatever the retries', async () => {
    const input = {
      rungKey: 'CASE-1:review:1:2026-10-13T16:00:00.000Z:L1',
      caseId: 'CASE-1',
      caseTitle: 'test case',
      caseDepartment: 'SCJ',
      stage: 'review',
      level: 1 as const,
      deadlineAt: '2026-10-13T16:00:00.000Z',
      deadlineDate: '2026-10-13',
      at: '2026-10-13T16:00:05.000Z',
    };
    const first = await sla.fireEscalationRung(input);
    const retry = await sla.fireEscalationRung(input);
    expect(first).toEqual({ created: true, overdueWorkingDays: 0 });
    expect(retry.created).toBe(false);
    expect(await tdb.repos.escalations.listForCase('CASE-1')).toHaveLength(1);
    const head = await tdb.repos.users.findByUsername('scj.head');
    const inbox = await tdb.repos.notifications.listForRecipient(head!.id, { unreadOnly: false, limit: 10, offset: 0 });
    expect(inbox.filter((n) => n.kind === 'sla.escalation.l1')).toHaveLength(1);
    expect((await tdb.repos.audit.listForSubject('case', 'CASE-1')).filter((r) => r.action === 'sla.escalate')).toHaveLength(1);
    // Counted once: the retry fired nothing new.
    expect((await metrics.escalationsFired.get()).values).toEqual([{ labels: { level: '1' }, value: 1 }]);
  });

  it('counts the working days fully elapsed since the deadline (today does not count yet)', async () => {
    // Deadline 10-13; fired 10-19 00:00:05 (+08) → 10-14, 10-15, 10-16 elapsed; 10-19 has just begun.
    const r = await sla.fireEscalationRung({
      rungKey: 'CASE-2:review:1:x:L3',
      caseId: 'CASE-2',
      caseTitle: 't',
      caseDepartment: 'SCJ',
      stage: 'review',
      level: 3,
      deadlineAt: '2026-10-13T16:00:00.000Z',
      deadlineDate: '2026-10-13',
      at: '2026-10-18T16:00:05.000Z',
    });
    expect(r.overdueWorkingDays).toBe(3);
  });
});
