// The history archive and the auditors' replay, with the Temporal server replaced: cases run on
// one dev server, the archive sweep (historyArchiveWorkflow) stores their histories in Postgres,
// the server is torn down, and on a fresh dev server that has never seen them the auditor still
// reads each case's runs and replays them against the current code; a code change made without
// patched() is reported as a verdict with the diverging event.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createHash } from 'node:crypto';
import { createActivities } from '../../activities';
import { historyJson } from '../../infra/history/codec';
import { workflowCodeVersion } from '../../infra/history/code-version';
import { InProcessPaymentGateway } from '../../infra/payments/in-process-gateway';
import { HISTORY_ARCHIVE_WORKFLOW_TYPE } from '../../workflows/history-archive-ids';
import { bearer, createTestApi, type TestApi } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { pdf, sha256 as sha256Of, uploadId } from '../support/documents';
import { eventually } from '../support/eventually';
import { recordRun } from '../support/histories';
import { changedFixtureBundle, fixtureBundle, startTestDevServer, startWorker, type RunningWorker } from '../support/temporal';

const TQ = 'case-history-test';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let tdb: TestDatabase;
let first: TestWorkflowEnvironment;
let firstRunning = true;
let second: TestWorkflowEnvironment | undefined;
let worker: RunningWorker | undefined;
let onFirst: TestApi;
let onSecond: TestApi;
const tokens: Record<string, string> = {};
const recorded: Record<string, { events: number; sha256: string }> = {};
let closedCase = '';
let openCase = '';
const PROBE_CASE = 'PROBE-2026-000001';

let invoiceId = '';
const INVOICE = pdf('展位费发票 2026');

async function file(t: TestApi, key: string, documentIds: string[] = []) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: { ...bearer(tokens.ent1!), 'idempotency-key': key },
    payload: { policyCode: 'M09', item: 'exhibition', facts: { exhibitionName: `展会 ${key}`, boothFeeFen: 600_000, travelFen: 300_000, lodgingFen: 100_000, rateBps: 3000 }, documentIds },
  });
  expect(res.statusCode).toBe(201);
  return res.json().caseId as string;
}
const act = (t: TestApi, caseId: string, name: string, user: string, payload: object = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/applications/${caseId}/${name}`, headers: bearer(tokens[user]!), payload });

beforeAll(async () => {
  const [env, db, bundle] = await Promise.all([startTestDevServer(), createTestDatabase(), fixtureBundle()]);
  first = env;
  tdb = db;
  onFirst = await createTestApi({ tdb, temporal: { client: first.client, taskQueue: TQ } });
  worker = await startWorker(first, {
    taskQueue: TQ,
    workflowBundle: bundle,
    activities: createActivities({
      repos: tdb.repos,
      now: () => new Date(),
      payments: new InProcessPaymentGateway(tdb.repos.funding),
      histories: { client: first.client, codeVersion: workflowCodeVersion('test', bundle.code) },
    }),
  });
  for (const u of ['ent1', 'ent2', 'gxj.reviewer', 'auditor', 'admin', 'supervisor']) tokens[u] = await onFirst.login(u);
  const ent1 = (await tdb.repos.users.findByUsername('ent1'))!.enterpriseId!;
  const account = await onFirst.app.inject({ method: 'PUT', url: `/api/v1/enterprises/${ent1}/bank-account`, headers: bearer(tokens.ent1!), payload: { accountName: 'ent1', accountNo: '6222021234567890123', bankName: '中国工商银行辽源分行' } });
  expect(account.statusCode).toBe(200);
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await onSecond?.app.close();
  if (firstRunning) {
    await onFirst?.app.close();
    await first?.teardown();
  }
  await second?.teardown();
  await tdb?.drop();
});

describe('on the first server', () => {
  it('runs a case to its end, leaves one open and runs a probe through three runs', async () => {
    invoiceId = await uploadId(onFirst.app, tokens.ent1!, '展位费发票.pdf', INVOICE);
    closedCase = await file(onFirst, 'history-closed-0001', [invoiceId]);
    // Refused in the wrong status: no trace in the workflow history, one in the audit log.
    expect((await act(onFirst, closedCase, 'reject', 'gxj.reviewer', { reason: '先审核' })).statusCode).toBe(409);
    expect((await act(onFirst, closedCase, 'not-accept', 'gxj.reviewer', { reason: '不属于支持范围' })).json().status).toBe('not_accepted');
    openCase = await file(onFirst, 'history-open-0001');
    expect((await act(onFirst, openCase, 'accept', 'gxj.reviewer')).statusCode).toBe(200);

    // A case row for the probe (its projection is not what this test is about), then its three runs.
    await tdb.db.prisma.$executeRaw`
      INSERT INTO cases (case_id, case_type, workflow_id, status, title, department_code, projection_version, opened_at, closed_at, updated_at)
      VALUES (${PROBE_CASE}, 'probe', 'archive-probe-1', 'probe_done', 'probe', 'GXJ', 1, now(), now(), now())`;
    const probe = await first.client.workflow.start('archiveProbeWorkflow', { taskQueue: TQ, workflowId: 'archive-probe-1', args: [3] });
    expect(await probe.result()).toEqual({ status: 'probe_done' });

    // The application's workflow ends right after its last act: wait until Temporal says so.
    const closedWorkflow = (await tdb.repos.cases.findById(closedCase))!.workflowId;
    await eventually('the not-accepted workflow completes', () => first.client.workflow.getHandle(closedWorkflow).describe(), (d) => d.status.name === 'COMPLETED', { timeoutMs: 30_000 });
    for (const [caseId, workflowId] of [[closedCase, closedWorkflow], [openCase, (await tdb.repos.cases.findById(openCase))!.workflowId]] as const) {
      const history = await first.client.workflow.getHandle(workflowId).fetchHistory();
      recorded[caseId] = { events: history.events!.length, sha256: sha256(historyJson(history)) };
    }
  }, 120_000);

  it('the archive sweep stores the closed cases for good and snapshots the open one', async () => {
    // Pages of one case: the sweep walks the three due cases page by page (its history is kept in test/histories).
    const counts = await first.client.workflow.execute(HISTORY_ARCHIVE_WORKFLOW_TYPE, { taskQueue: TQ, workflowId: 'history-archive-test-1', args: [{ pageSize: 1 }] });
    expect(counts).toEqual({ final: 2, snapshots: 1, missing: 0, failed: 0 });
    expect(await recordRun(first.client, 'history-archive-test-1', undefined, 'history-archive-sweep')).toBeGreaterThan(20);

    const closed = await tdb.repos.historyArchive.manifest(closedCase);
    expect(closed).toEqual(expect.objectContaining({ final: true, runs: 1, events: recorded[closedCase]!.events }));
    expect((await tdb.repos.historyArchive.runs(closedCase))[0]!.sha256).toBe(recorded[closedCase]!.sha256);
    expect(await tdb.repos.historyArchive.manifest(openCase)).toEqual(expect.objectContaining({ final: false, runs: 1 }));
    const probeRuns = await tdb.repos.historyArchive.runs(PROBE_CASE);
    expect(probeRuns.map((r) => r.closedAs)).toEqual(['continued_as_new', 'continued_as_new', 'completed']);

    // While a case runs, its history is read live from Temporal.
    const live = await onFirst.app.inject({ method: 'GET', url: `/api/v1/cases/${openCase}/history`, headers: bearer(tokens.auditor!) });
    expect(live.json()).toEqual(expect.objectContaining({ source: 'temporal', final: false, runs: [expect.objectContaining({ closedAs: null, sha256: recorded[openCase]!.sha256 })] }));

    // A second sweep finds nothing due: the final archives are done, the snapshot is fresh.
    const again = await first.client.workflow.execute(HISTORY_ARCHIVE_WORKFLOW_TYPE, { taskQueue: TQ, workflowId: 'history-archive-test-2', args: [{}] });
    expect(again).toEqual({ final: 0, snapshots: 0, missing: 0, failed: 0 });
  }, 60_000);

  it('an ended run and a final archive can be neither changed nor removed', async () => {
    await expect(tdb.db.sql.exec(`UPDATE history_runs SET event_count = 1 WHERE case_id = '${closedCase}'`)).rejects.toThrow(/archived for good/);
    await expect(tdb.db.sql.exec(`DELETE FROM history_runs WHERE case_id = '${openCase}'`)).rejects.toThrow(/ever removed/);
    await expect(tdb.db.sql.exec(`UPDATE case_archives SET runs = 9 WHERE case_id = '${closedCase}'`)).rejects.toThrow(/is final/);
  });
});

describe('on a fresh server that has never seen the cases', () => {
  beforeAll(async () => {
    await worker?.stop();
    worker = undefined;
    await onFirst.app.close();
    await first.teardown();
    firstRunning = false;
    second = await startTestDevServer();
    onSecond = await createTestApi({ tdb, temporal: { client: second.client, taskQueue: TQ }, workflowBundle: await fixtureBundle() });
    await expect(second.client.workflow.getHandle((await tdb.repos.cases.findById(closedCase))!.workflowId).describe()).rejects.toThrow(/not found/i);
  }, 120_000);

  const replay = (caseId: string, user = 'auditor') => onSecond.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/replay`, headers: bearer(tokens[user]!) });
  const history = (caseId: string, user = 'auditor') => onSecond.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/history`, headers: bearer(tokens[user]!) });

  it('reads a closed case from the archive, with the hash of the history Temporal recorded', async () => {
    const res = await history(closedCase);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual(expect.objectContaining({ caseId: closedCase, source: 'archive', final: true }));
    expect(body.runs).toEqual([expect.objectContaining({ runNo: 1, workflowType: 'applicationWorkflow', closedAs: 'completed', events: recorded[closedCase]!.events, sha256: recorded[closedCase]!.sha256 })]);
    expect(body.runs[0].codeVersion).toMatch(/^test\+wf\.[0-9a-f]{12}$/);
  });

  it('replays the closed case against the current code: deterministic, with its final status', async () => {
    const res = await replay(closedCase);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(expect.objectContaining({ caseId: closedCase, source: 'archive', deterministic: true, runs: 1, events: recorded[closedCase]!.events, finalStatus: 'not_accepted' }));
    expect(res.json().error).toBeUndefined();
    const audit = await tdb.repos.audit.listForSubject('case', closedCase, 100);
    expect(audit.find((r) => r.action === 'case.replay')).toEqual(expect.objectContaining({ actorUsername: 'auditor', outcome: 'ok' }));
  });

  it('replays every run of a case that continued as new', async () => {
    const res = await replay(PROBE_CASE);
    expect(res.json()).toEqual(expect.objectContaining({ source: 'archive', deterministic: true, runs: 3, finalStatus: 'probe_done' }));
  });

  it('an open case Temporal no longer holds is read from its last snapshot', async () => {
    const res = await replay(openCase);
    expect(res.json()).not.toHaveProperty('code');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(expect.objectContaining({ source: 'snapshot', deterministic: true, runs: 1, events: recorded[openCase]!.events, finalStatus: null }));
  });

  it('a code change without patched() is reported with the first diverging event, not as a crash', async () => {
    const changed = await createTestApi({ tdb, temporal: { client: second!.client, taskQueue: TQ }, workflowBundle: await changedFixtureBundle() });
    try {
      const res = await changed.app.inject({ method: 'POST', url: `/api/v1/cases/${PROBE_CASE}/replay`, headers: bearer(tokens.auditor!) });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toEqual(expect.objectContaining({ deterministic: false, runs: 3 }));
      expect(body.error).toEqual(expect.objectContaining({ runId: expect.any(String), message: expect.stringMatching(/nondetermin/i) }));
      expect(body.error.eventId).toEqual(expect.any(Number));
      expect(body.error.eventType).toMatch(/TIMER|WORKFLOW_TASK|WORKFLOW_EXECUTION/);
      // The unchanged application case replays under the changed bundle too: only the probe changed.
      expect((await changed.app.inject({ method: 'POST', url: `/api/v1/cases/${closedCase}/replay`, headers: bearer(tokens.auditor!) })).json().deterministic).toBe(true);
    } finally {
      await changed.app.close();
    }
  }, 60_000);

  it('the timeline tells the closed case in plain words, from the archive and the audit log', async () => {
    const res = await onSecond.app.inject({ method: 'GET', url: `/api/v1/cases/${closedCase}/timeline`, headers: bearer(tokens.auditor!) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual(expect.objectContaining({ caseId: closedCase, caseType: 'application', source: 'archive', historySha256: expect.stringMatching(/^[0-9a-f]{64}$/) }));
    type Item = { at: string; source: string; kind: string; code: string; termZh: string; termEn: string; by: { username: string; name: string; role: string; department: string } | null; outcome: string; auditHash: string | null; clocks: Array<{ stage: string; state: string; consumedDays: number }>; detail: Record<string, unknown> };
    const items = body.items as Item[];
    expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort());
    // The filing is audited when the API takes it, before its workflow starts (this API's clock is the test's).
    expect(items.find((i) => i.code === 'file')).toEqual(expect.objectContaining({ source: 'audit', termZh: '提交申请', by: expect.objectContaining({ username: 'ent1', role: 'enterprise' }) }));
    expect(items.filter((i) => i.source === 'workflow')[0]).toEqual(expect.objectContaining({ kind: 'started', termZh: '立案', termEn: 'case opened' }));
    const act = items.find((i) => i.source === 'workflow' && i.kind === 'act_done');
    expect(act).toEqual(expect.objectContaining({ code: 'not-accept', termZh: '不予受理', termEn: 'not accepted', outcome: 'ok', by: expect.objectContaining({ username: 'gxj.reviewer', role: 'reviewer', department: 'GXJ', name: expect.any(String) }) }));
    expect(act!.by!.name).not.toBe('');
    expect(JSON.stringify(act!.detail)).toContain('不属于支持范围');
    // The acceptance clock was running when the act came in.
    expect(act!.clocks).toEqual(expect.arrayContaining([expect.objectContaining({ state: expect.stringMatching(/running|stopped/) })]));
    const refused = items.find((i) => i.source === 'audit' && i.outcome === 'refused');
    expect(refused).toEqual(expect.objectContaining({ code: 'reject', termZh: '审核不通过', by: expect.objectContaining({ username: 'gxj.reviewer' }), auditHash: expect.stringMatching(/^[0-9a-f]{64}$/) }));
    expect(items.some((i) => i.source === 'audit' && i.code === 'replay' && i.by?.username === 'auditor')).toBe(true);
    // The filing's documents, with the hash of the invoice's bytes.
    expect(items.find((i) => i.source === 'documents')).toEqual(expect.objectContaining({ code: 'file', termZh: '提交申请 · 附材料', by: expect.objectContaining({ username: 'ent1' }), detail: { documents: [expect.objectContaining({ name: '展位费发票.pdf', sha256: sha256Of(INVOICE) })] } }));
    expect(items.at(-1)?.kind === 'closed' || items.some((i) => i.kind === 'closed')).toBe(true);
  });

  it('participants read the timeline of their case; others get 404', async () => {
    const read = (user: string) => onSecond.app.inject({ method: 'GET', url: `/api/v1/cases/${closedCase}/timeline`, headers: bearer(tokens[user]!) });
    expect((await read('ent1')).statusCode).toBe(200);
    expect((await read('gxj.reviewer')).statusCode).toBe(200);
    expect((await read('ent2')).statusCode).toBe(404);
  });

  it('the dossier holds the case, its timeline, its audit records with proofs, the history hash and the replay verdict', async () => {
    const res = await onSecond.app.inject({ method: 'GET', url: `/api/v1/cases/${closedCase}/dossier`, headers: bearer(tokens.auditor!) });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.case).toEqual(expect.objectContaining({ caseId: closedCase, status: 'not_accepted', closedAt: expect.any(String) }));
    expect(d.history).toEqual(expect.objectContaining({ source: 'archive', final: true }));
    expect(d.history.runs[0].sha256).toBe(recorded[closedCase]!.sha256);
    expect(d.replay).toEqual(expect.objectContaining({ deterministic: true, finalStatus: 'not_accepted' }));
    expect(d.audit.records.length).toBeGreaterThanOrEqual(3);
    expect(d.audit.records.every((r: { holds: boolean; hash: string; recomputedHash: string }) => r.holds && r.hash === r.recomputedHash)).toBe(true);
    expect(d.audit).toEqual(expect.objectContaining({ allHold: true, chain: expect.objectContaining({ ok: true }) }));
    expect(d.timeline.length).toBeGreaterThan(4);
    // The invoice the enterprise filed, by the hash of its bytes.
    expect(d.documents).toEqual([expect.objectContaining({ documentId: invoiceId, name: '展位费发票.pdf', sha256: sha256Of(INVOICE), uploadedBy: 'ent1' })]);
    const after = await tdb.repos.audit.listForSubject('case', closedCase, 100);
    expect(after.some((r) => r.action === 'case.dossier' && r.actorUsername === 'auditor')).toBe(true);
    expect((await onSecond.app.inject({ method: 'GET', url: `/api/v1/cases/${closedCase}/dossier`, headers: bearer(tokens['gxj.reviewer']!) })).statusCode).toBe(403);
  });

  it('the dossier as a PDF: Chinese text that a PDF reader extracts, with the hashes', async () => {
    const res = await onSecond.app.inject({ method: 'GET', url: `/api/v1/cases/${closedCase}/dossier.pdf`, headers: bearer(tokens.auditor!) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`dossier-${closedCase}.pdf`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Read back with Mozilla's pdf.js: the text comes out as written (the font is embedded with its Unicode map).
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(res.rawPayload), useSystemFonts: false }).promise;
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      text += content.items.map((i) => ('str' in i ? i.str : '')).join('');
    }
    expect(text).toContain(`案卷 Case dossier ${closedCase}`);
    expect(text).toContain('不予受理');
    expect(text).toContain('重放 replay: 一致 deterministic');
    expect(text).toContain(recorded[closedCase]!.sha256);
    expect(text).toContain('展位费发票.pdf');
    expect((await onSecond.app.inject({ method: 'GET', url: `/api/v1/cases/${closedCase}/dossier.pdf`, headers: bearer(tokens.ent1!) })).statusCode).toBe(403);
    // The OpenAPI document says what the route answers (the fuzzer checks answers against it).
    const openapi = (await onSecond.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(openapi.paths['/api/v1/cases/{caseId}/dossier.pdf'].get.responses['200'].content)).toEqual(['application/pdf']);
  }, 60_000);

  it('only auditors and admins read histories and replay; an unknown case is 404; no workflow code is 503', async () => {
    expect((await replay(closedCase, 'admin')).statusCode).toBe(200);
    for (const user of ['ent1', 'gxj.reviewer', 'supervisor']) {
      expect((await replay(closedCase, user)).statusCode).toBe(403);
      expect((await history(closedCase, user)).statusCode).toBe(403);
    }
    expect((await replay('SB-2026-999999')).statusCode).toBe(404);
    const noCode = await createTestApi({ tdb, temporal: { client: second!.client, taskQueue: TQ } });
    try {
      const res = await noCode.app.inject({ method: 'POST', url: `/api/v1/cases/${closedCase}/replay`, headers: bearer(tokens.auditor!) });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual(expect.objectContaining({ code: 'DEPENDENCY_UNAVAILABLE' }));
      expect(res.json().message).toMatch(/workflow code/);
    } finally {
      await noCode.app.close();
    }
  });
});
