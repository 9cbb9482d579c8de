// Filing applications through the API by ten enterprises (HTTP, auth, validation, quote, case number, filing
// transaction, workflow start, audit) against starting the same workflow with the raw client;
// then an act (accept) through the API against the same act as a raw Update. Both sets of cases
// are left to settle (first task done, clock planned) before the acts, so neither act phase runs
// beside the other's start-up work.
import { applicationActUpdate } from '../../workflows/application/messages';
import { formatResult, ratio, runConcurrent, waitUntil } from '../harness';
import type { BenchContext, BenchReport } from './context';
import { startBenchApi } from './bench-api';
import { benchFacts, rawWorkflowId, startRawCase } from './raw-case';
import { BENCH_ENTERPRISES } from '../stack';

export async function applications(ctx: BenchContext): Promise<BenchReport> {
  const worker = await ctx.stack.startWorker('applications');
  const api = await startBenchApi(ctx.stack.databaseUrl, { address: ctx.stack.env.address, taskQueue: worker.taskQueue });
  try {
    // Ten enterprises file side by side (one enterprise's filings of one measure wait for each other: its caps).
    const filers = await Promise.all(Array.from({ length: BENCH_ENTERPRISES }, (_, i) => api.login(`bench.ent${i}`)));
    const reviewer = await api.login('gxj.reviewer');
    const reviewerId = (await api.repos.users.findByUsername('gxj.reviewer'))!.id;
    const enterpriseId = (await api.repos.users.findByUsername('ent1'))!.enterpriseId!;
    const run = Date.now().toString(36);
    const apiCases: string[] = [];
    const rawPrefix = `SB-2099-${run}`;

    const fileViaApi = (n: number, c: number, tag: string, keep: boolean) =>
      runConcurrent(n, c, async (i) => {
        const res = await fetch(`${api.base}/api/v1/applications`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${filers[i % filers.length]}`, 'idempotency-key': `bench-${run}-${tag}-${i}` },
          body: JSON.stringify({ policyCode: 'M09', item: 'exhibition', facts: benchFacts(i) }),
        });
        if (res.status !== 201) throw new Error(`filing answered ${res.status}: ${await res.text()}`);
        const body = (await res.json()) as { caseId: string; deadline: string | null };
        if (!body.deadline) throw new Error('filing answered no deadline');
        if (keep) apiCases.push(body.caseId);
      });
    const settled = async (what: string, where: object, n: number) => {
      const count = await waitUntil(() => api.prisma.caseRecord.count({ where: { ...where, deadlineAt: { not: null } } }), (k) => k >= n, 120_000);
      if (count < n) throw new Error(`${what}: only ${count} of ${n} cases planned their clock within 2 minutes`);
    };

    await fileViaApi(Math.min(10, ctx.iterations), 2, 'warm', false);
    const filed = await fileViaApi(ctx.iterations, ctx.concurrency, 'run', true);
    const started = await runConcurrent(ctx.iterations, ctx.concurrency, async (i) => {
      await startRawCase(ctx.client, worker.taskQueue, `${rawPrefix}${i}`, enterpriseId, i);
    });
    await settled('filed through the API', { caseId: { in: apiCases } }, apiCases.length);
    await settled('started raw', { caseId: { startsWith: rawPrefix } }, ctx.iterations);

    const acceptViaApi = await runConcurrent(apiCases.length, ctx.concurrency, async (i) => {
      const res = await fetch(`${api.base}/api/v1/applications/${apiCases[i]}/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${reviewer}` },
        body: '{}',
      });
      if (res.status !== 200) throw new Error(`accept answered ${res.status}: ${await res.text()}`);
    });
    const acceptRaw = await runConcurrent(ctx.iterations, ctx.concurrency, async (i) => {
      await ctx.client.workflow.getHandle(rawWorkflowId(`${rawPrefix}${i}`)).executeUpdate(applicationActUpdate, {
        args: [{ act: 'accept', actor: { userId: reviewerId, username: 'gxj.reviewer', role: 'reviewer', departmentCode: 'GXJ' } }],
      });
    });
    const rss = worker.rss();
    const fileRatio = filed.perSecond / started.perSecond;
    const tailRatio = acceptViaApi.latencyMs.p95 / acceptRaw.latencyMs.p95;
    return {
      lines: [
        formatResult('file via API (POST /api/v1/applications)', filed),
        formatResult('  anchor: start the same workflow, raw client', started),
        `  → filing throughput API / raw start: ${ratio(filed.perSecond, started.perSecond)} (goal ≥ 0.80×)`,
        formatResult('accept via API (POST /api/v1/applications/:id/accept)', acceptViaApi),
        formatResult('  anchor: accept as a raw Update', acceptRaw),
        `  → accept p95 API / raw Update: ${ratio(acceptViaApi.latencyMs.p95, acceptRaw.latencyMs.p95)} (goal ≤ 1.30×); raw Update p50 ${acceptRaw.latencyMs.p50.toFixed(0)} ms (goal ≤ 150), p95 ${acceptRaw.latencyMs.p95.toFixed(0)} ms (goal ≤ 400)`,
        `  worker peak RSS ${rss.peakMiB.toFixed(0)} MiB`,
      ],
      goals: [
        { goal: 'filing ≥ 0.8× raw start', met: fileRatio >= 0.8 },
        { goal: 'accept p95 ≤ 1.3× raw Update', met: tailRatio <= 1.3 },
        { goal: 'raw accept p50 ≤ 150 ms', met: acceptRaw.latencyMs.p50 <= 150 },
        { goal: 'raw accept p95 ≤ 400 ms', met: acceptRaw.latencyMs.p95 <= 400 },
      ],
    };
  } finally {
    await api.close();
    await worker.stop();
  }
}
