// The read model's projection with its history rows (infra/db/cases-repository.ts), on PGlite and
// on PostgreSQL: the rows are written with the case row in one statement, an older projection
// delivered late writes neither, and a projection after a rolled-back act removes the act's rows.
import type { CaseProjection, CaseHistoryRow } from '../../infra/db/cases-repository';
import { createTestDatabase, type TestDatabase } from '../support/db';

const entry = (act: string, i: number): CaseHistoryRow => ({ at: new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString(), act, by: i === 0 ? null : 'gxj.reviewer', role: null, department: 'GXJ', note: `n${i}` });

function projection(caseId: string, version: number, from: number, acts: string[]): CaseProjection {
  return {
    caseId,
    caseType: 'sla_probe',
    workflowId: `wf-${caseId}`,
    status: `v${version}`,
    title: 'history test',
    departmentCode: 'GXJ',
    assigneeId: null,
    enterpriseId: null,
    policyCode: null,
    catalogueVersion: null,
    slaState: null,
    deadlineAt: null,
    deadlineProvisional: false,
    view: { version, historyLength: from + acts.length },
    history: { from, entries: acts.map((a, i) => entry(a, from + i)) },
    projectionVersion: version,
    openedAt: new Date(Date.UTC(2026, 11, 1)),
    closedAt: null,
    updatedAt: new Date(),
  };
}

describe.each([
  ['PGlite', false],
  ['PostgreSQL', true],
])('case history rows on %s', (_name, postgres) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase({ postgres });
  }, 60_000);
  afterAll(async () => {
    await tdb?.drop();
  });

  it('appends with each projection, replaces from `from` on, and never writes for an older version', async () => {
    const cases = tdb.repos.cases;
    expect(await cases.project(projection('H-1', 1, 0, ['file']))).toBe(true);
    expect(await cases.project(projection('H-1', 2, 1, ['accept', 'approve']))).toBe(true);
    expect((await cases.history('H-1')).map((h) => h.act)).toEqual(['file', 'accept', 'approve']);
    expect((await cases.history('H-1'))[1]).toEqual(entry('accept', 1));

    // A late retry of version 1 with other entries: neither the row nor the history changes.
    expect(await cases.project(projection('H-1', 1, 0, ['file', 'stale']))).toBe(false);
    expect((await cases.findById('H-1'))?.status).toBe('v2');
    expect((await cases.history('H-1')).map((h) => h.act)).toEqual(['file', 'accept', 'approve']);

    // The approve was rolled back: the next projection carries the history from where it now ends.
    expect(await cases.project(projection('H-1', 3, 2, []))).toBe(true);
    expect((await cases.history('H-1')).map((h) => h.act)).toEqual(['file', 'accept']);
    // Two projections under way carry the history from the same base: the newer one leaves it whole.
    expect(await cases.project(projection('H-1', 5, 1, ['accept', 'reject', 'close']))).toBe(true);
    expect(await cases.project(projection('H-1', 4, 1, ['accept', 'reject']))).toBe(false);
    expect((await cases.history('H-1')).map((h) => h.act)).toEqual(['file', 'accept', 'reject', 'close']);
  });

  it('shows only the rows the stored version counts: a row a concurrent older write left beyond it is not history', async () => {
    const cases = tdb.repos.cases;
    await cases.project(projection('H-4', 1, 0, ['file', 'accept']));
    // What a late older projection, committed while the newer one waited on the row, can leave behind.
    await tdb.db.prisma.caseHistoryEntry.create({ data: { caseId: 'H-4', seq: 2, at: new Date(), act: 'rolled-back-approve' } });
    expect((await cases.history('H-4')).map((h) => h.act)).toEqual(['file', 'accept']);
    // The next act's projection reaches that number and replaces the row.
    await cases.project(projection('H-4', 2, 2, ['reject']));
    expect((await cases.history('H-4')).map((h) => h.act)).toEqual(['file', 'accept', 'reject']);
  });

  it('keeps cases apart and accepts a projection without history', async () => {
    const cases = tdb.repos.cases;
    await cases.project(projection('H-2', 1, 0, ['file', 'accept']));
    const { history: _none, ...bare } = projection('H-3', 1, 0, []);
    expect(await cases.project(bare)).toBe(true);
    expect((await cases.history('H-2')).map((h) => h.act)).toEqual(['file', 'accept']);
    expect(await cases.history('H-3')).toEqual([]);
  });
});
