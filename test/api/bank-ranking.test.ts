// Measure 25 through the API: the PBoC branch publishes two quarters, the ranking shares a rank
// between exactly equal ratios and shows the change against the quarter before; a published
// quarter never changes (a correction is version 2 with a reason, and the rows refuse UPDATE);
// bad figures are refused with the field named; every upload is audited.
import { bearer, createTestApi, type TestApi } from '../support/app';

let t: TestApi;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApi();
  for (const u of ['rmyh.reviewer', 'rmyh.head', 'gxj.reviewer', 'auditor', 'ent1', 'supervisor']) tokens[u] = await t.login(u);
});
afterAll(async () => t?.close());

const put = (period: string, payload: object, user = 'rmyh.reviewer') => t.app.inject({ method: 'PUT', url: `/api/v1/bank-ratios/${period}`, headers: bearer(tokens[user]!), payload });
const ranking = (query: string, user = 'ent1') => t.app.inject({ method: 'GET', url: `/api/v1/reports/bank-ranking?${query}`, headers: bearer(tokens[user]!) });
const yuan = (n: number) => n * 100;

const Q2 = [
  { bank: '工商银行辽源分行', industrialLoansFen: yuan(40), depositsFen: yuan(100) },
  { bank: '农业银行辽源分行', industrialLoansFen: yuan(60), depositsFen: yuan(100) },
  { bank: '吉林银行辽源分行', industrialLoansFen: yuan(30), depositsFen: yuan(200) },
];
const Q3 = [
  { bank: '工商银行辽源分行', industrialLoansFen: yuan(50), depositsFen: yuan(100) },
  // 1/2 exactly as 50/100: the same rank.
  { bank: '农业银行辽源分行', industrialLoansFen: yuan(1), depositsFen: yuan(2) },
  { bank: '吉林银行辽源分行', industrialLoansFen: yuan(140), depositsFen: yuan(200) },
  { bank: '邮储银行辽源分行', industrialLoansFen: 1, depositsFen: 3 },
];

describe('measure 25 bank ranking', () => {
  it('ranks by loans / deposits, ties sharing a rank (1, 2, 2, 4), with the change against the previous quarter', async () => {
    expect((await put('2026Q2', { banks: Q2 })).statusCode).toBe(201);
    const res = await put('2026Q3', { banks: Q3 });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ period: '2026Q3', version: 1, reason: null, publishedBy: 'rmyh.reviewer', previousPeriod: '2026Q2', previousVersion: 1 });
    expect(r.banks.map((b: { rank: number; bank: string; ratioPercent: string; rankChange: number | null; ratioChangePoints: string | null }) => [b.rank, b.bank, b.ratioPercent, b.rankChange, b.ratioChangePoints])).toEqual([
      // Q2: 农业 60% rank 1, 工商 40% rank 2, 吉林 15% rank 3.
      [1, '吉林银行辽源分行', '70.00', 2, '55.00'],
      // Equal ratios share the rank, in code-point order of the name (农 U+519C before 工 U+5DE5).
      [2, '农业银行辽源分行', '50.00', -1, '-10.00'],
      [2, '工商银行辽源分行', '50.00', 0, '10.00'],
      // New this quarter: no previous; 1/3 rounds to 33.33.
      [4, '邮储银行辽源分行', '33.33', null, null],
    ]);
    expect(r.banks[3]).toMatchObject({ previous: null, ratio: 1 / 3 });
    expect(r.banks[0].previous).toEqual({ rank: 3, ratioPercent: '15.00' });

    // The first quarter has nothing before it.
    expect((await ranking('period=2026Q2')).json()).toMatchObject({ previousVersion: null, banks: [{ rank: 1, previous: null, rankChange: null }, {}, {}] });
  });

  it('keeps a published quarter: without a reason 409, with one version 2; version 1 stays readable; the rows refuse UPDATE', async () => {
    const again = await put('2026Q3', { banks: Q3 });
    expect([again.statusCode, again.json().code]).toEqual([409, 'STATE_CONFLICT']);
    expect(again.json().message).toContain('version 2');

    const corrected = Q3.map((b) => (b.bank === '邮储银行辽源分行' ? { ...b, industrialLoansFen: yuan(90), depositsFen: yuan(100) } : b));
    const res = await put('2026Q3', { banks: corrected, reason: '邮储银行报送口径有误，更正' }, 'rmyh.head');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ version: 2, reason: '邮储银行报送口径有误，更正', publishedBy: 'rmyh.head', banks: [{ rank: 1, bank: '邮储银行辽源分行', ratioPercent: '90.00' }, { rank: 2 }, { rank: 3 }, { rank: 3 }] });
    expect(res.json().versions.map((v: { version: number; reason: string | null }) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, '邮储银行报送口径有误，更正'],
    ]);

    expect((await ranking('period=2026Q3')).json().version).toBe(2);
    const first = (await ranking('period=2026Q3&version=1')).json();
    expect(first.banks.find((b: { bank: string }) => b.bank === '邮储银行辽源分行')).toMatchObject({ rank: 4, ratioPercent: '33.33' });

    await expect(t.tdb.db.prisma.$executeRaw`UPDATE bank_ratio_entries SET deposits_fen = 1 WHERE period = '2026Q3'`).rejects.toThrow(/immutable/);
    await expect(t.tdb.db.prisma.$executeRaw`DELETE FROM bank_ratio_versions WHERE period = '2026Q3'`).rejects.toThrow(/immutable/);

    const trail = (await t.tdb.repos.audit.listForSubject('bank-ratios', '2026Q3')).map((a) => `${a.action}:${a.outcome}:${a.actorUsername}`);
    expect(trail).toEqual(['bank-ratios.publish:ok:rmyh.reviewer', 'bank-ratios.correct:refused:rmyh.reviewer', 'bank-ratios.correct:ok:rmyh.head']);
  });

  it('refuses bad figures with the field named, and a quarter nobody published is 404', async () => {
    const bad = async (period: string, payload: object, path: string) => {
      const res = await put(period, payload);
      expect([res.statusCode, res.json().code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.json().issues.map((i: { path: string }) => i.path)).toContain(path);
    };
    const bank = { bank: '建设银行辽源分行', industrialLoansFen: 1, depositsFen: 10 };
    await bad('2026Q4', { banks: [bank, { ...bank, bank: ' 建设银行辽源分行 ' }] }, 'body.banks.1.bank');
    await bad('2026Q4', { banks: [{ ...bank, industrialLoansFen: -1 }] }, 'body.banks.0.industrialLoansFen');
    await bad('2026Q4', { banks: [{ ...bank, depositsFen: 0 }] }, 'body.banks.0.depositsFen');
    await bad('2026Q4', { banks: [{ ...bank, depositsFen: 10.5 }] }, 'body.banks.0.depositsFen');
    await bad('2026Q4', { banks: [] }, 'body.banks');
    await bad('2026-09', { banks: [bank] }, 'params.period');
    expect((await ranking('period=2026Q4')).statusCode).toBe(404);
    expect((await ranking('period=2026-10')).statusCode).toBe(400);
    // Nothing was written by the refusals.
    expect(await t.tdb.repos.bankRatios.find('2026Q4')).toBeNull();
  });

  it('lets only RMYH staff upload', async () => {
    for (const user of ['gxj.reviewer', 'supervisor', 'ent1', 'auditor']) {
      const res = await put('2027Q1', { banks: [{ bank: 'x', industrialLoansFen: 1, depositsFen: 1 }] }, user);
      expect([user, res.statusCode, res.json().code]).toEqual([user, 403, 'FORBIDDEN']);
    }
    expect(await t.tdb.repos.bankRatios.find('2027Q1')).toBeNull();
  });
});
