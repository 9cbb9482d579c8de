// The inbox and the case list under load: a reviewer's GET /api/v1/inbox (and GET /api/v1/cases)
// at a fixed rate with the open cases of the open-cases scenario in the read model (started first
// when fewer are there), against the anchor GET /api/v1/me (the same HTTP, auth and JSON, no
// query of the read model) at the same rate. Prints the plan of the inbox's query (EXPLAIN).
import type { BenchContext, BenchReport } from './context';
import { formatResult, ratio, runPaced } from '../harness';
import { openCases, OPEN_CASE_PREFIX } from './open-cases';
import { startBenchApi } from './bench-api';

export async function inbox(ctx: BenchContext): Promise<BenchReport> {
  const filled = await openCases(ctx);
  const api = await startBenchApi(ctx.stack.databaseUrl);
  try {
    const token = await api.login('gxj.reviewer');
    const reviewerId = (await api.repos.users.findByUsername('gxj.reviewer'))!.id;
    const rate = ctx.smoke ? 20 : 100;
    const durationMs = ctx.smoke ? 3000 : 20_000;
    const get = (url: string) => async () => {
      const res = await fetch(`${api.base}${url}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      await res.arrayBuffer();
    };
    // The planner's statistics of the read model as autovacuum keeps them (10,000 rows just written
    // leave them stale for a while: the plan then scans every matching row instead of the index
    // in deadline order).
    await api.prisma.$executeRawUnsafe('ANALYZE cases');
    // Warm: connections, the JIT.
    await runPaced(rate, 1000, get('/api/v1/inbox'));
    const me = await runPaced(rate, durationMs, get('/api/v1/me'));
    const inboxRun = await runPaced(rate, durationMs, get('/api/v1/inbox?limit=50'));
    const search = await runPaced(rate, durationMs, get('/api/v1/cases?status=awaiting_acceptance&limit=50'));
    const open = await api.prisma.caseRecord.count({ where: { closedAt: null } });
    // The inbox's query as Prisma sends it for a reviewer of GXJ (api/services/inbox-service.ts):
    // the cases waiting on the department's staff or on the reviewer, in deadline order, one page.
    const plan = await api.prisma.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(
      `EXPLAIN (ANALYZE, BUFFERS) SELECT case_id, deadline_at FROM cases WHERE closed_at IS NULL AND waiting_for && $1::text[] ORDER BY deadline_at ASC NULLS LAST, case_id ASC LIMIT 51`,
      ['staff:GXJ', `user:${reviewerId}`],
    );
    const lines = [
      `inbox: ${open} open cases in the read model (${OPEN_CASE_PREFIX}… from open-cases), ${rate} requests/s for ${durationMs / 1000} s each, open loop`,
      formatResult('GET /api/v1/inbox?limit=50 (gxj.reviewer)', inboxRun),
      formatResult('GET /api/v1/cases?status=awaiting_acceptance&limit=50', search),
      formatResult('  anchor: GET /api/v1/me (HTTP, auth, JSON; no read-model query)', me),
      `  → inbox p99 ${inboxRun.latencyMs.p99.toFixed(1)} ms (goal ≤ 50 ms), ${ratio(inboxRun.latencyMs.p99, me.latencyMs.p99)} the anchor's p99`,
      '  EXPLAIN ANALYZE of the inbox query:',
      ...plan.map((r) => `    ${r['QUERY PLAN']}`),
    ];
    return {
      lines: [...filled.lines, ...lines],
      goals: [...filled.goals, { goal: 'inbox p99 ≤ 50 ms at the rate', met: inboxRun.latencyMs.p99 <= 50 && inboxRun.errors === 0 }],
    };
  } finally {
    await api.close();
  }
}
