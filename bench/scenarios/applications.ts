// Filing applications through the API (HTTP, auth, validation, quote, case number, workflow
// start, read-model write) against starting the same workflow with the raw Temporal client;
// then the p95 of an act (accept) through the API against a raw Update.
import { openDatabase } from '../../infra/db/database';
import { createRepositories } from '../../infra/db/repositories';
import { buildApp } from '../../api/app';
import { applicationWorkflow } from '../../workflows';
import { applicationActUpdate } from '../../workflows/application/messages';
import type { ApplicationInput } from '../../workflows/application/state';
import { formatResult, runConcurrent } from '../harness';
import type { BenchContext } from './context';

const PASSWORD = 'bench-password-1';
const facts = (i: number) => ({ exhibitionName: `bench-${i}`, boothFeeFen: 600_000, travelFen: 300_000, lodgingFen: 100_000, rateBps: 3000 });

export async function applications(ctx: BenchContext): Promise<string> {
  if (!ctx.databaseUrl) throw new Error('the applications scenario needs DATABASE_URL (PostgreSQL): the API and the worker share its database');
  const db = await openDatabase({ url: ctx.databaseUrl });
  const repos = createRepositories(db.prisma);
  const app = await buildApp({
    repos,
    probes: [],
    jwtSecret: 'bench-secret-bench-secret-bench-secret-1',
    tokenTtlSeconds: 3600,
    version: 'bench',
    logger: false,
    temporal: { client: ctx.client, taskQueue: ctx.taskQueue },
  });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const login = async (username: string) => {
      const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
      return ((await res.json()) as { token: string }).token;
    };
    const [ent, reviewer] = [await login('ent1'), await login('gxj.reviewer')];
    const enterpriseId = (await repos.users.findByUsername('ent1'))!.enterpriseId!;
    const run = Date.now().toString(36);
    const apiCases: string[] = [];

    const fileViaApi = (n: number, c: number, tag: string, keep: boolean) =>
      runConcurrent(n, c, async (i) => {
        const res = await fetch(`${base}/api/v1/applications`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${ent}`, 'idempotency-key': `bench-${run}-${tag}-${i}` },
          body: JSON.stringify({ policyCode: 'M09', item: 'exhibition', facts: facts(i) }),
        });
        if (res.status !== 201) throw new Error(`filing answered ${res.status}: ${await res.text()}`);
        if (keep) apiCases.push(((await res.json()) as { caseId: string }).caseId);
      });

    const rawInput = (i: number): ApplicationInput => ({
      caseId: `SB-2099-${run}${i}`,
      title: `bench ${i}`,
      enterpriseId,
      filedBy: { userId: enterpriseId, username: 'ent1', role: 'enterprise', departmentCode: null },
      policyCode: 'M09',
      item: 'exhibition',
      kind: 'award',
      facts: facts(i),
      documents: [],
      catalogueVersion: 1,
      quote: { eligible: true, amountFen: 300_000, breakdown: [], reasons: [], pending: [], awardRecords: [] },
      leadDepartment: 'GXJ',
      coDepartments: [],
      sla: { acceptanceDays: 5, reviewDays: 20, publicityDays: 5, supplementDays: 10, paymentDays: 15 },
      startDayCounts: false,
      filedAt: new Date().toISOString(),
      budgetYear: 2099,
    });
    const startRaw = (n: number, c: number) =>
      runConcurrent(n, c, async (i) => {
        await ctx.client.workflow.start(applicationWorkflow, { taskQueue: ctx.taskQueue, workflowId: `application-bench-${run}-${i}`, args: [rawInput(i)] });
      });

    await fileViaApi(Math.min(10, ctx.iterations), 2, 'warm', false);
    const api = await fileViaApi(ctx.iterations, ctx.concurrency, 'run', true);
    const raw = await startRaw(ctx.iterations, ctx.concurrency);

    const acceptViaApi = await runConcurrent(apiCases.length, ctx.concurrency, async (i) => {
      const res = await fetch(`${base}/api/v1/applications/${apiCases[i]}/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${reviewer}` },
        body: '{}',
      });
      if (res.status !== 200) throw new Error(`accept answered ${res.status}: ${await res.text()}`);
    });
    const acceptRaw = await runConcurrent(ctx.iterations, ctx.concurrency, async (i) => {
      await ctx.client.workflow.getHandle(`application-bench-${run}-${i}`).executeUpdate(applicationActUpdate, {
        args: [{ act: 'accept', actor: { userId: enterpriseId, username: 'gxj.reviewer', role: 'reviewer', departmentCode: 'GXJ' } }],
      });
    });
    return [
      formatResult('file via API (POST /api/v1/applications)', api),
      formatResult('start the same workflow, raw client', raw),
      `  ratio API / raw throughput: ${(api.perSecond / raw.perSecond).toFixed(2)}`,
      formatResult('accept via API', acceptViaApi),
      formatResult('accept as a raw Update', acceptRaw),
      `  p95 accept API / raw: ${acceptViaApi.latencyMs.p95.toFixed(1)} ms / ${acceptRaw.latencyMs.p95.toFixed(1)} ms`,
    ].join('\n');
  } finally {
    await app.close();
    await db.close();
  }
}
