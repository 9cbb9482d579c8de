// Database errors no retry can fix get one failure type, DB_DATA_REFUSED (issue 17, finding 1): a
// projection carrying U+0000 used to fail on every attempt, forever, and hold its case's act. An
// act's activities do not retry that type (the act is refused and rolled back); background work
// keeps retrying it, and a transient error (a lost connection) stays an ordinary retryable error.
import { ApplicationFailure } from '@temporalio/common';
import { createActivities, DB_DATA_REFUSED } from '../../activities';
import { permanentDbError } from '../../infra/db/db-errors';
import { BUSINESS_FAILURES } from '../../workflows/case/act-proxies';
import { createTestDatabase, type TestDatabase } from '../support/db';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => tdb.drop());

const projection = (over: Record<string, unknown>) => ({
  caseId: 'SB-2026-999999',
  caseType: 'application',
  workflowId: 'application-SB-2026-999999',
  status: 'under_review',
  title: '测试',
  departmentCode: 'GXJ',
  assigneeId: null,
  enterpriseId: null,
  policyCode: 'M09',
  catalogueVersion: 1,
  slaState: null,
  deadlineAt: null,
  deadlineProvisional: false,
  view: { note: 'ok' },
  projectionVersion: 1,
  openedAt: '2026-11-30T00:00:00.000Z',
  closedAt: null,
  updatedAt: '2026-11-30T00:00:00.000Z',
  ...over,
});

async function failureOf(p: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApplicationFailure)) throw new Error(`expected an ApplicationFailure, got ${String(err)}`);
  return err;
}

it.each([
  ['U+0000 in the jsonb view', '22P05', { view: { note: 'x\u0000y' } }],
  ['U+0000 in a text column', '22021', { title: 'x\u0000y' }],
  ['an id that is no uuid', '22P02', { assigneeId: 'not-a-uuid' }],
])('%s: the activity fails non-retryably with SQLSTATE %s, naming the activity', async (_name, sqlState, over) => {
  const activities = createActivities({ repos: tdb.repos, now: () => new Date() });
  const failure = await failureOf(activities.projectCase(projection(over) as Parameters<typeof activities.projectCase>[0]));
  expect(failure.type).toBe(DB_DATA_REFUSED);
  // Not retried inside an act (its proxy lists the type), retried in the background.
  expect(failure.nonRetryable).toBe(false);
  expect(BUSINESS_FAILURES).toContain(DB_DATA_REFUSED);
  expect(failure.details).toEqual([sqlState]);
  expect(failure.message).toContain('projectCase');
});

it('a good projection is written as before', async () => {
  const activities = createActivities({ repos: tdb.repos, now: () => new Date() });
  await expect(activities.projectCase(projection({}) as Parameters<typeof activities.projectCase>[0])).resolves.toBe(true);
});

it('connection, deadlock and serialization errors stay retryable; constraint and length errors do not', () => {
  const pg = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
  const viaPrisma = (code: string) => ({ code: 'P2010', meta: { driverAdapterError: { cause: { originalCode: code, originalMessage: 'm', code } } } });
  for (const transient of ['08006', '08001', '40001', '40P01', '53300', '57P01']) {
    expect(permanentDbError(pg(transient))).toBeNull();
    expect(permanentDbError(viaPrisma(transient))).toBeNull();
  }
  expect(permanentDbError(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBeNull();
  expect(permanentDbError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBeNull();
  for (const permanent of ['23505', '23503', '22001', '22P05', '54001']) {
    expect(permanentDbError(pg(permanent))?.code).toBe(permanent);
    expect(permanentDbError(viaPrisma(permanent))?.code).toBe(permanent);
  }
  expect(permanentDbError({ code: 'P2002', message: 'Unique constraint failed' })?.code).toBe('P2002');
  expect(permanentDbError(new Error('wrapped', { cause: pg('22021') }))?.code).toBe('22021');
});
