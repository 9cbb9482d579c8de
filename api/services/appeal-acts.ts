// Acts on a 诉求 appeal, its view, the list, the appeals linked to another case and the report.
// Role and scope are checked here (api/access/appeal-policy.ts); the workflow's update validator
// decides whether the appeal allows the act now (409) and refuses input that does not fit (400).
// A refused attempt is audited by executeCaseUpdate, because a rejected Update leaves no history.
import type { AppealActBody } from '../../domain/appeal/acts';
import { appealReport, type AppealReport } from '../../domain/appeal/report';
import { endOfLocalDay, startOfLocalDay, type IsoDate } from '../../domain/calendar';
import { toCsv } from '../../domain/csv';
import { AppError } from '../../domain/errors';
import { actorRef, type Actor } from '../../domain/roles';
import type { CaseRecord } from '../../generated/prisma/client';
import type { AppealFilter } from '../../infra/db/appeals-repository';
import { appealActUpdate } from '../../workflows/appeal/messages';
import { actsAvailable, PLATFORM_DEPARTMENT, responsibility } from '../../workflows/appeal/state';
import { appealPolicy as policy, policyFor } from '../access';
import { notFound, requirePermission } from '../auth/guards';
import { storedAppealView } from '../schemas/appeal-view';
import { requireTemporal, type TemporalGateway } from '../temporal/gateway';
import { executeCaseUpdate } from './case-update';
import { createClockViews } from './clock-views';
import { caseDocumentManifest, documentsByAct } from './case-documents';
import type { ServiceDeps } from './deps';
import { toEscalationView } from './views';

export type AppealListQuery = Omit<AppealFilter, 'scope'>;

export interface AppealReportQuery {
  from: IsoDate;
  to: IsoDate;
  department?: string | undefined;
  basicallySatisfiedWeight: number;
}

/** Who reads the report of every department: oversight, and the head of the platform. */
function readsEveryDepartment(actor: Actor): boolean {
  return actor.role === 'supervisor' || actor.role === 'auditor' || actor.role === 'admin' || (actor.role === 'dept_head' && actor.departmentCode === PLATFORM_DEPARTMENT);
}

/**
 * The department the report is over. Another department's head reads the own department's only
 * (the default when none is named; another one named is 403); reviewers and enterprises none.
 */
function reportDepartment(actor: Actor, asked: string | undefined): string | undefined {
  if (readsEveryDepartment(actor)) return asked;
  if (actor.role === 'dept_head' && actor.departmentCode && (asked === undefined || asked === actor.departmentCode)) return actor.departmentCode;
  if (actor.role === 'dept_head') throw new AppError('FORBIDDEN', `A department head reads the appeal report of the own department (${actor.departmentCode}) only.`);
  throw new AppError('FORBIDDEN', `The role ${actor.role} may not read the appeal report; supervisors, auditors, administrators and department heads may.`);
}

export const REPORT_CSV_HEADER = ['key', 'labelZh', 'formula', 'numerator', 'denominator', 'value'] as const;

export function createAppealActs(deps: ServiceDeps, temporal: TemporalGateway | undefined) {
  const { repos, now } = deps;
  const { readerFor } = createClockViews(deps);

  async function load(caseId: string): Promise<CaseRecord> {
    const c = await repos.cases.findById(caseId);
    if (!c || c.caseType !== 'appeal') throw notFound('Appeal', caseId);
    return c;
  }

  /** The related case as the caller may see it under its own type's rule; null when not theirs to see. */
  async function relatedCaseOf(actor: Actor, caseId: string | null) {
    const c = caseId === null ? null : await repos.cases.findById(caseId);
    if (!c) return null;
    const p = policyFor(c.caseType);
    return p.canSee(actor, p.scopeOf(c)) ? { caseId: c.caseId, caseType: c.caseType, status: c.status, title: c.title } : null;
  }

  async function toView(actor: Actor, c: CaseRecord) {
    const { view, scope } = policy.scopeAndView(c);
    const { input, state } = view;
    const { status: _status, priority: _priority, leadDepartment: _lead, coDepartments: _co, ratingClosed: _ratingClosed, closedAt: _closedAt, ...trail } = state;
    // The reads beside the case row, at once (an act's answer waits for them).
    const [relatedCase, manifest, clocks, history, escalationRows] = await Promise.all([
      relatedCaseOf(actor, input.relatedCaseId),
      caseDocumentManifest(repos, c.caseId),
      readerFor(view.clocks).then((read) => view.clocks.map(read)),
      repos.cases.history(c.caseId),
      repos.escalations.listForCase(c.caseId),
    ]);
    return {
      caseId: c.caseId,
      status: state.status,
      category: input.category,
      title: input.title,
      description: input.description,
      enterpriseId: input.enterpriseId,
      enterpriseName: input.enterpriseName,
      contactPhone: input.contactPhone,
      relatedPolicyCode: input.relatedPolicyCode,
      relatedCase,
      proposal: input.proposal,
      priority: state.priority,
      leadDepartment: state.leadDepartment,
      coDepartments: state.coDepartments,
      responsible: responsibility(state, view.clocks, input),
      ...trail,
      documentsByAct: documentsByAct(manifest),
      clocks,
      history,
      escalations: escalationRows.map(toEscalationView),
      // The acts the appeal allows now (the return window by the clock of this read) that the caller may take.
      actsAvailable: actsAvailable(state, now().getTime()).filter((a) => policy.mayAct(actor, scope, a, state.status) === 'ok'),
      openedAt: c.openedAt.toISOString(),
      closedAt: c.closedAt?.toISOString() ?? null,
    };
  }

  return {
    async get(actor: Actor, caseId: string) {
      const c = await load(caseId);
      if (!policy.canSee(actor, policy.scopeOf(c))) throw notFound('Appeal', caseId);
      return toView(actor, c);
    },

    async list(actor: Actor, q: AppealListQuery) {
      // The same rule as a read: the list shows exactly the appeals the caller could open.
      const rows = await repos.appeals.list({ ...q, scope: policy.listFilter(actor) });
      return rows.map((c) => {
        const { input, state, clocks } = storedAppealView(c.caseId, c.view);
        return {
          caseId: c.caseId,
          status: state.status,
          category: input.category,
          title: c.title,
          enterpriseId: input.enterpriseId,
          leadDepartment: state.leadDepartment,
          responsible: responsibility(state, clocks, input),
          openedAt: c.openedAt.toISOString(),
          closedAt: c.closedAt?.toISOString() ?? null,
        };
      });
    },

    async act(actor: Actor, caseId: string, body: AppealActBody, idempotencyKey: string | undefined) {
      const c = await load(caseId);
      const { scope, view } = policy.scopeAndView(c);
      const note = body.act === 'dispatch' && view.state.status === 'awaiting_redispatch' ? ' (a reopened appeal is dispatched again by the supervisor)' : '';
      requirePermission(policy.mayAct(actor, scope, body.act, view.state.status), actor, { what: 'Appeal', id: caseId, act: body.act, note });
      await executeCaseUpdate({
        temporal: requireTemporal(temporal),
        repos,
        now,
        actor,
        caseId,
        workflowId: c.workflowId,
        status: c.status,
        action: `appeal.${body.act}`,
        update: appealActUpdate,
        arg: { ...body, actor: actorRef(actor) },
        idempotencyKey,
      });
      // The workflow projected the appeal before answering: the read model is current.
      return toView(actor, await load(caseId));
    },

    async report(actor: Actor, q: AppealReportQuery): Promise<AppealReport & { from: IsoDate; to: IsoDate; department: string | null; basicallySatisfiedWeight: number }> {
      const department = reportDepartment(actor, q.department);
      if (q.from > q.to) throw new AppError('VALIDATION_FAILED', `from (${q.from}) is after to (${q.to}).`, { issues: [{ path: 'querystring.from', message: 'after to' }] });
      // Filed on the Asia/Shanghai dates from..to, both included.
      const rows = await repos.appeals.filedBetween(startOfLocalDay(q.from), endOfLocalDay(q.to), department);
      const states = rows.map((r) => storedAppealView(r.caseId, r.view).state);
      return { from: q.from, to: q.to, department: department ?? null, basicallySatisfiedWeight: q.basicallySatisfiedWeight, ...appealReport(states, { basicallySatisfiedWeight: q.basicallySatisfiedWeight }) };
    },
  };
}
export type AppealActs = ReturnType<typeof createAppealActs>;

/** A report's figures as CSV (RFC 4180), one figure a line. */
export function reportCsv(report: AppealReport): string {
  return toCsv(
    REPORT_CSV_HEADER,
    report.figures.map((f) => [f.key, f.labelZh, f.formula, f.numerator, f.denominator, f.value]),
  );
}

/**
 * The appeals that name a case as their related case, those the caller may see: a case's own view
 * (an application, a 代办 case, the generic case view) lists them.
 */
export function createAppealLinks({ repos }: ServiceDeps) {
  return async (actor: Actor, caseId: string) =>
    (await repos.appeals.relatedTo(caseId, policy.listFilter(actor))).map((c) => {
      const { input, state } = storedAppealView(c.caseId, c.view);
      return { caseId: c.caseId, status: state.status, title: c.title, category: input.category };
    });
}
export type AppealLinks = ReturnType<typeof createAppealLinks>;
