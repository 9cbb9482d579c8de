// The audit log against a real database: hash-chained, append-only, idempotent, and a
// verification that finds a record altered behind the application's back.
import { createTestDatabase, type TestDatabase } from '../support/db';
import { GENESIS_HASH } from '../../domain/audit-chain';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb.drop();
});

const entry = (i: number, extra: Partial<Parameters<TestDatabase['repos']['audit']['append']>[0]> = {}) => ({
  at: new Date(Date.UTC(2026, 10, 30, 8, 0, i)),
  actorId: null,
  actorUsername: 'tester',
  actorRole: 'admin',
  actorDepartment: null,
  action: 'test.act',
  subjectType: 'test',
  subjectId: `s${i}`,
  outcome: 'ok' as const,
  payload: { i, nested: { b: 2, a: 1 } },
  ...extra,
});

it('chains each record to the one before, starting from the genesis hash', async () => {
  const first = await tdb.repos.audit.append(entry(1));
  const second = await tdb.repos.audit.append(entry(2));
  expect(first.prevHash).toBe(GENESIS_HASH);
  expect(second.prevHash).toBe(first.hash);
  expect(await tdb.repos.audit.verifyChain()).toEqual(expect.objectContaining({ ok: true, records: 2, lastHash: second.hash }));
});

it('keeps the chain intact under concurrent appends', async () => {
  await Promise.all(Array.from({ length: 20 }, (_, i) => tdb.repos.audit.append(entry(100 + i))));
  const v = await tdb.repos.audit.verifyChain();
  expect(v.ok).toBe(true);
  expect(v.records).toBe(22);
});

it('writes a record once per idempotency key, whatever the retries', async () => {
  const a = await tdb.repos.audit.append(entry(200, { idempotencyKey: 'wf-1:event-7' }));
  const b = await tdb.repos.audit.append(entry(201, { idempotencyKey: 'wf-1:event-7' }));
  expect(b.seq).toBe(a.seq);
  expect(await tdb.db.prisma.auditRecord.count({ where: { idempotencyKey: 'wf-1:event-7' } })).toBe(1);
});

it('refuses UPDATE and DELETE, even from the application', async () => {
  await expect(tdb.db.sql.exec(`UPDATE audit_log SET reason = 'rewritten' WHERE seq = 1`)).rejects.toThrow(/append-only/);
  await expect(tdb.db.sql.exec(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
});

it('verification names the first record altered behind its back', async () => {
  // Only someone who can disable the trigger (a database owner) can do this; the chain still tells.
  await tdb.db.sql.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
    UPDATE audit_log SET reason = 'tampered' WHERE seq = 2;
    ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;`);
  const v = await tdb.repos.audit.verifyChain();
  expect(v.ok).toBe(false);
  expect(v.firstBrokenSeq).toBe('2');
  expect(v.problem).toContain('altered');
});
