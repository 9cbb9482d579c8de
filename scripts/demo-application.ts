// `npm run demo:application`: one award application from filing to payment through the API,
// printing every call and its answer. Runs on the time-skipping test server (so the 5 working
// days of publicity pass in seconds), an in-memory PGlite and an in-process worker.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { openDatabase } from '../infra/db/database';
import { applyMigrations, readMigrations, MIGRATIONS_DIR } from '../infra/db/migrate';
import { createRepositories } from '../infra/db/repositories';
import { parseConfig } from '../infra/config';
import { resolveTestServer } from '../infra/embedded';
import { buildApp } from '../api/app';
import { seedDemoData, seedReferenceData } from '../prisma/seed';
import { preloadedModules, WORKFLOWS_PATH } from '../infra/workflow-bundle';

const PASSWORD = 'demo-password-1';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const config = parseConfig(process.env);
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: resolveTestServer(config.TEMPORAL_TEST_SERVER_PATH, config.PATH) } });
  const db = await openDatabase({ pgliteInMemory: true });
  await applyMigrations(db.sql, readMigrations(MIGRATIONS_DIR));
  const repos = createRepositories(db.prisma);
  await seedReferenceData(repos);
  await seedDemoData(repos, PASSWORD);
  const taskQueue = 'demo';
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: preloadedModules() }, activities: createActivities({ repos, now: () => new Date() }) });
  const app = await buildApp({ repos, probes: [], jwtSecret: 'demo-secret-demo-secret-demo-secret-12', tokenTtlSeconds: 3600, version: 'demo', logger: false, temporal: { client: env.client, taskQueue } });

  const tokens: Record<string, string> = {};
  const call = async (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) => {
    tokens[user] ??= (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user, password: PASSWORD } })).json().token;
    const res = await app.inject({ method, url, headers: { authorization: `Bearer ${tokens[user]}`, ...headers }, ...(payload ? { payload } : {}) });
    process.stdout.write(`\n## ${user}: ${method} ${url}${payload ? `\n${JSON.stringify(payload)}` : ''}\n→ ${res.statusCode} ${res.body}\n`);
    return res.json();
  };

  try {
    await worker.runUntil(async () => {
      const year = new Date().getUTCFullYear();
      const ent1 = (await repos.users.findByUsername('ent1'))!.enterpriseId!;
      await call('czj.reviewer', 'PUT', `/api/v1/budgets/${year}/M09`, { amountFen: 100_000_000 });
      await call('ent1', 'PUT', `/api/v1/enterprises/${ent1}/bank-account`, { accountName: '辽源示范机械制造有限公司', accountNo: '6222021234567890123', bankName: '中国工商银行辽源分行' });
      await call('ent1', 'POST', '/api/v1/policies/M09/quote', { item: 'exhibition', facts: { exhibitionName: '东北亚博览会', boothFeeFen: 600_000, travelFen: 300_000, lodgingFen: 100_000, rateBps: 3000 } });
      const filed = await call(
        'ent1',
        'POST',
        '/api/v1/applications',
        { policyCode: 'M09', item: 'exhibition', facts: { exhibitionName: '东北亚博览会', boothFeeFen: 600_000, travelFen: 300_000, lodgingFen: 100_000, rateBps: 3000 }, documentIds: [] },
        { 'idempotency-key': 'demo-filing-0001' },
      );
      const id = filed.caseId as string;
      await call('ent1', 'POST', '/api/v1/applications', { policyCode: 'M09', item: 'exhibition', facts: { exhibitionName: '东北亚博览会', boothFeeFen: 600_000, travelFen: 300_000, lodgingFen: 100_000, rateBps: 3000 }, documentIds: [] }, { 'idempotency-key': 'demo-filing-0001' });
      await call('gxj.reviewer', 'POST', `/api/v1/applications/${id}/approve`, { amountFen: 300_000, opinion: '提前审批' });
      await call('gxj.reviewer', 'POST', `/api/v1/applications/${id}/accept`, { opinion: '材料齐全,予以受理' });
      await call('gxj.reviewer', 'POST', `/api/v1/applications/${id}/approve`, { amountFen: 300_000, opinion: '符合第9条,按30%补贴,封顶3000元' });
      const inPublicity = await call('ent1', 'GET', `/api/v1/applications/${id}`);
      process.stdout.write(`\n(time skips to the end of publicity: ${inPublicity.publicity.until})\n`);
      const { time } = await env.connection.testService!.getCurrentTime({});
      await env.sleep(Date.parse(inPublicity.publicity.until) + 60_000 - Number(String(time!.seconds)) * 1000);
      for (let i = 0; i < 100; i++) {
        const c = await repos.cases.findById(id);
        if (c?.status === 'paid') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await call('ent1', 'GET', `/api/v1/applications/${id}`);
      await call('czj.reviewer', 'GET', `/api/v1/budgets/${year}`);
      await call('auditor', 'GET', `/api/v1/audit?subjectType=case&subjectId=${id}`);
      await call('auditor', 'GET', '/api/v1/audit/verify');
    });
  } finally {
    await app.close();
    await db.close();
    await env.teardown();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
