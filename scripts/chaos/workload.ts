// The users of a chaos run. Applications arrive at seeded moments over the fault window; each is
// taken as far as a real-time run allows:
// - 'api-filed': filed by the enterprise through the API (Idempotency-Key), accepted and approved
//   by the GXJ reviewer; it then rests in 公示 publicity, which lasts five working days in real time.
// - 'payment-path': driven to 拨付 payment. No award item of the catalogue is without publicity and
//   a catalogue version can change parameters only, so these cases are started by the harness
//   with the Temporal client, with exactly the input the filing API builds (same catalogue, quote,
//   lead department, SLA) except publicityDays 0; accept and approve go through the API, and the
//   real workers commit the budget and pay through the payment gateway into the real database.
import type { Client } from '@temporalio/client';
import { localDateOf } from '../../domain/calendar';
import { DEFAULT_SLA, findItem, findMeasure } from '../../domain/policy';
import { quoteForEnterprise, quoteSummary } from '../../infra/db/quoting';
import type { Repositories } from '../../infra/db/repositories';
import type { ApplicationInput } from '../../workflows/application/state';
import { applicationWorkflowId } from '../../workflows/ids';
import { z } from 'zod';
import { ZApplicationAnswer, ZFiledAnswer, ZHealth, type TApplicationAnswer } from './api-schemas';
import { ApiError, sleep, type ApiClient } from './http';
import type { Rng } from './rng';
import type { ChaosActors, ChaosEnterprise } from './setup';

export type Cohort = 'api-filed' | 'payment-path';
export const EXPECTED_FINAL: Readonly<Record<Cohort, string>> = { 'api-filed': 'in_publicity', 'payment-path': 'paid' };

export interface ChaosCase {
  cohort: Cohort;
  index: number;
  enterprise: ChaosEnterprise;
  facts: { exhibitionName: string; boothFeeFen: number; travelFen: number; lodgingFen: number; rateBps: number };
  /** Seconds after the window opened. */
  arrivalAt: number;
  thinkSeconds: [number, number];
  idempotencyKey: string;
  caseId: string | null;
  /** Every case id the API answered for this filing (more than one distinct id is a duplicate). */
  answeredCaseIds: string[];
  amountFen: number | null;
  /** Acts whose retry met a conflict and were found done by reading the case. */
  confirmedAfterConflict: string[];
  /** Temporal client errors while the harness started a payment-path workflow (retried). */
  startRetries: number;
  done: boolean;
  error: string | null;
}

export interface WorkloadDeps {
  api: ApiClient;
  actors: ChaosActors;
  temporal: Client;
  taskQueue: string;
  /** The harness's own database view, for the quote of payment-path inputs (never cut). */
  repos: Repositories;
  secondsNow: () => number;
}

/** The seeded plan: which enterprise files what, when, and how long each user thinks. */
export function planCases(rng: Rng, n: number, windowSeconds: number, enterprises: ChaosEnterprise[], runTag: string): ChaosCase[] {
  const cases: ChaosCase[] = [];
  for (const cohort of ['api-filed', 'payment-path'] as const) {
    for (let i = 1; i <= n; i++) {
      const enterprise = enterprises[rng.int(enterprises.length)] as ChaosEnterprise;
      cases.push({
        cohort,
        index: i,
        enterprise,
        // A distinct exhibition per case: M09's cap counts per enterprise and exhibition.
        facts: { exhibitionName: `混沌测试展${runTag}${cohort === 'api-filed' ? 'A' : 'P'}${i}`, boothFeeFen: 600_000, travelFen: 300_000, lodgingFen: 100_000, rateBps: 1000 + 100 * rng.int(21) },
        // Arrivals over the first 85% of the window, so the last faults still meet live cases.
        arrivalAt: rng.between(0, 0.85 * windowSeconds),
        thinkSeconds: [rng.between(0.5, 4), rng.between(0.5, 4)],
        idempotencyKey: `chaos-${runTag}-${cohort}-${i}`,
        caseId: null,
        answeredCaseIds: [],
        amountFen: null,
        confirmedAfterConflict: [],
        startRetries: 0,
        done: false,
        error: null,
      });
    }
  }
  return cases.sort((a, b) => a.arrivalAt - b.arrivalAt);
}

/** Runs every case's user flow at its arrival moment; resolves when all have finished or failed. */
export async function runWorkload(deps: WorkloadDeps, cases: ChaosCase[], windowOpenedAt: number): Promise<void> {
  await Promise.all(
    cases.map(async (c) => {
      await sleep(Math.max(0, (windowOpenedAt + c.arrivalAt - deps.secondsNow()) * 1000));
      try {
        if (c.cohort === 'api-filed') await fileThroughApi(deps, c);
        else await startPaymentPathCase(deps, c);
        await sleep(c.thinkSeconds[0] * 1000);
        await act(deps, c, 'accept', {});
        await sleep(c.thinkSeconds[1] * 1000);
        await act(deps, c, 'approve', { amountFen: c.amountFen, opinion: '材料齐全,同意补贴' });
        c.done = true;
      } catch (err) {
        c.error = err instanceof Error ? err.message : String(err);
      }
    }),
  );
}

/**
 * The people who only look while the cases run: a monitor polling GET /health every 2 s (it
 * takes a 503 as an answer), and enterprise users opening their list of applications every
 * 1.5 s (a 503 is retried like any request). They make sure the API is asked while each part is
 * down, whatever the cases are doing then.
 */
export async function runObservers(deps: WorkloadDeps, rng: Rng, running: () => boolean): Promise<void> {
  const monitor = async () => {
    while (running()) {
      await deps.api.call({ op: 'monitor-health', method: 'GET', path: '/health', route: '/health', expect: [200, 503], schema: ZHealth }).catch(() => undefined);
      await sleep(2000);
    }
  };
  const watcher = async () => {
    while (running()) {
      const e = deps.actors.enterprises[rng.int(deps.actors.enterprises.length)];
      if (e) {
        await deps.api
          .call({ op: 'watch-list', method: 'GET', path: '/api/v1/applications', route: '/api/v1/applications', token: e.token, expect: [200], schema: z.object({ items: z.array(z.object({ caseId: z.string() })) }) })
          .catch(() => undefined);
      }
      await sleep(1500);
    }
  };
  await Promise.all([monitor(), watcher()]);
}

async function fileThroughApi(deps: WorkloadDeps, c: ChaosCase): Promise<void> {
  const { body } = await deps.api.call({
    op: 'file',
    method: 'POST',
    path: '/api/v1/applications',
    route: '/api/v1/applications',
    token: c.enterprise.token,
    idempotencyKey: c.idempotencyKey,
    body: { policyCode: 'M09', item: 'exhibition', facts: c.facts, documentIds: [] },
    // 200: the same key again (a retry after a lost answer) returns the same case.
    expect: [200, 201],
    schema: ZFiledAnswer,
  });
  c.answeredCaseIds.push(body.caseId);
  c.caseId = body.caseId;
  c.amountFen = body.quote?.amountFen ?? null;
}

/** The input file-application.ts builds, with publicityDays 0 (see the head of this file). */
async function paymentPathInput(deps: WorkloadDeps, c: ChaosCase, caseId: string): Promise<ApplicationInput> {
  const at = new Date();
  const asOf = localDateOf(at);
  const loaded = await deps.repos.catalogue.loadInEffect(asOf);
  if (!loaded) throw new Error(`no catalogue version in effect on ${asOf}`);
  const measure = findMeasure(loaded.catalogue, 'M09');
  const item = findItem(measure, 'exhibition');
  const quote = await quoteForEnterprise(deps.repos, { policyCode: 'M09', item: 'exhibition', facts: c.facts, catalogueVersion: loaded.record.version, enterpriseId: c.enterprise.id, asOf });
  const sla = measure.sla ?? DEFAULT_SLA;
  return {
    caseId,
    title: `${measure.titleZh.slice(0, 40)} · ${c.enterprise.name}`,
    enterpriseId: c.enterprise.id,
    filedBy: { userId: c.enterprise.user.userId, username: c.enterprise.user.username, role: 'enterprise', departmentCode: null },
    policyCode: 'M09',
    item: 'exhibition',
    kind: item.kind,
    facts: c.facts,
    documents: [],
    catalogueVersion: loaded.record.version,
    quote: quoteSummary(quote),
    leadDepartment: measure.lead,
    coDepartments: [...measure.co],
    sla: { acceptanceDays: sla.acceptanceDays, reviewDays: sla.reviewDays, publicityDays: 0, supplementDays: sla.supplementDays, paymentDays: sla.paymentDays },
    startDayCounts: sla.startDayCounts ?? false,
    filedAt: at.toISOString(),
    budgetYear: Number(asOf.slice(0, 4)),
  };
}

async function startPaymentPathCase(deps: WorkloadDeps, c: ChaosCase): Promise<void> {
  const year = Number(localDateOf(new Date()).slice(0, 4));
  // 9xxxxx: far above the API's own numbering in a fresh database.
  const caseId = `SB-${year}-9${String(c.index).padStart(5, '0')}`;
  const input = await paymentPathInput(deps, c, caseId);
  const started = Date.now();
  for (;;) {
    try {
      // As the filing API starts it: the same id again uses the running workflow.
      await deps.temporal.workflow.start('applicationWorkflow', {
        taskQueue: deps.taskQueue,
        workflowId: applicationWorkflowId(caseId),
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      break;
    } catch (err) {
      if (Date.now() - started > 120_000) throw err;
      c.startRetries++;
      await sleep(1000);
    }
  }
  c.caseId = caseId;
  c.amountFen = input.quote.amountFen;
  // The case is visible once the workflow's first projection is written.
  await readCase(deps, c, 'await-visible', 60_000);
}

export async function readCase(deps: WorkloadDeps, c: ChaosCase, op: string, notFoundForMs?: number): Promise<TApplicationAnswer> {
  const { body } = await deps.api.call({
    op,
    method: 'GET',
    path: `/api/v1/applications/${c.caseId ?? ''}`,
    route: '/api/v1/applications/:caseId',
    token: deps.actors.reviewer,
    expect: [200],
    schema: ZApplicationAnswer,
    ...(notFoundForMs !== undefined ? { notFoundForMs } : {}),
  });
  return body;
}

/** One act by the reviewer, with an Idempotency-Key so a retried act is the same Update. */
async function act(deps: WorkloadDeps, c: ChaosCase, name: 'accept' | 'approve', body: Record<string, unknown>): Promise<void> {
  try {
    await deps.api.call({
      op: name,
      method: 'POST',
      path: `/api/v1/applications/${c.caseId ?? ''}/${name}`,
      route: `/api/v1/applications/:caseId/${name}`,
      token: deps.actors.reviewer,
      idempotencyKey: `${c.idempotencyKey}-${name}`,
      body,
      expect: [200],
      schema: ZApplicationAnswer,
    });
  } catch (err) {
    // A 409 after a lost answer can be the first attempt's success (e.g. the case has closed
    // since): a real client reads the case before it reports a failure.
    if (!(err instanceof ApiError) || err.status !== 409 || err.transientFailures === 0) throw err;
    const now = await readCase(deps, c, `confirm-${name}`);
    if (!now.history.some((h) => h.act === name)) throw err;
    c.confirmedAfterConflict.push(name);
  }
}
