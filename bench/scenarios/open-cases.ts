// Many open cases on one worker process: N applications awaiting acceptance, each with its SLA
// clock's timers armed (reminder, deadline, rungs), started with the raw client as fast as the
// server takes them; the worker's RSS once all are planned, at the cache size it runs with.
// The cases stay open: the inbox scenario reads them.
import type { BenchContext, BenchReport } from './context';
import { runConcurrent, waitUntil } from '../harness';
import { startRawCase } from './raw-case';
import { openDatabase } from '../../infra/db/database';
import { DEFAULT_MAX_CACHED_WORKFLOWS } from '../../worker';

export const OPEN_CASE_PREFIX = 'SB-2098-';

export async function openCases(ctx: BenchContext): Promise<BenchReport> {
  const db = await openDatabase({ url: ctx.stack.databaseUrl });
  const worker = await ctx.stack.startWorker('open-cases', ctx.cache ? { maxCachedWorkflows: ctx.cache } : {});
  try {
    const enterpriseId = (await db.prisma.user.findFirst({ where: { username: 'ent1' } }))!.enterpriseId!;
    const planned = () => db.prisma.caseRecord.count({ where: { caseId: { startsWith: OPEN_CASE_PREFIX }, closedAt: null, deadlineAt: { not: null } } });
    const already = await planned();
    const n = Math.max(0, ctx.cases - already);
    const t0 = performance.now();
    const started = await runConcurrent(n, 20, async (i) => {
      await startRawCase(ctx.client, worker.taskQueue, `${OPEN_CASE_PREFIX}${String(already + i).padStart(6, '0')}`, enterpriseId, i);
    });
    const count = await waitUntil(planned, (k) => k >= ctx.cases, 30 * 60_000, 1000);
    const armedS = (performance.now() - t0) / 1000;
    const rss = worker.rss();
    const lines = [
      `open cases: ${count} of ${ctx.cases} awaiting acceptance with armed SLA timers on one worker (maxCachedWorkflows ${ctx.cache ?? DEFAULT_MAX_CACHED_WORKFLOWS})`,
      `  started ${n} in ${(started.wallMs / 1000).toFixed(1)} s (${started.perSecond.toFixed(0)}/s, ${started.errors} errors); all planned after ${armedS.toFixed(1)} s`,
      `  worker RSS now ${rss.nowMiB.toFixed(0)} MiB, peak ${rss.peakMiB.toFixed(0)} MiB (goal ≤ 1024 MiB)`,
    ];
    return { lines, goals: [{ goal: `${ctx.cases} open cases: all planned`, met: count >= ctx.cases }, { goal: 'worker peak RSS ≤ 1 GiB', met: rss.peakMiB <= 1024 }] };
  } finally {
    await worker.stop();
    await db.close();
  }
}
