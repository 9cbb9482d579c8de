// Acts on a 代办 proxy case, its view, the list and an agent's workload. Role and scope are
// checked here (api/access/proxy-policy.ts); the workflow's update validator decides whether the
// case allows the act now (409) and refuses input its plan does not have (400). A refused attempt
// is audited by executeCaseUpdate, because a rejected Update leaves no history.
import { AppError } from '../../domain/errors';
import type { ProxyActBody, ProxyActName } from '../../domain/proxy/acts';
import { ZProxyStatus } from '../../domain/proxy/status';
import { actorRef, type Actor } from '../../domain/roles';
import type { ClockLedger } from '../../domain/sla';
import type { CaseRecord } from '../../generated/prisma/client';
import { proxyActUpdate } from '../../workflows/proxy/messages';
import { PROXY_DEPARTMENT } from '../../workflows/proxy/projection';
import { ASSIGNMENT_CLOCK, FOLLOW_UP_CLOCK, problemClock, REFORM_CLOCK, runningStage, waitingOnItem } from '../../workflows/proxy/state';
import { proxyPolicy as policy, type CaseScope } from '../access';
import { notFound, requirePermission } from '../auth/guards';
import { storedProxyView, type TStoredProxyView } from '../schemas/proxy-view';
import type { TemporalGateway } from '../temporal/gateway';
import { createCaseUpdater } from './case-update';
import { createClockViews } from './clock-views';
import type { ServiceDeps } from './deps';
import { createAppealLinks } from './appeal-acts';
import { caseDocumentManifest, documentsByAct, type CaseDocuments } from './case-documents';
import { toEscalationView } from './views';

export interface ProxyListQuery {
  agentId?: string | undefined;
  status?: string | undefined;
  stage?: string | undefined;
  overdue?: boolean | undefined;
  limit: number;
  offset: number;
}

/** The last clock of a name (a clock started again, e.g. after a reassignment, is the newest one). */
const lastLedger = (ledgers: readonly ClockLedger[], name: string): ClockLedger | null => [...ledgers].reverse().find((l) => l.stage === name) ?? null;

const isOverdue = (deadlineAt: Date | string | null, closed: boolean, at: Date): boolean => !closed && deadlineAt !== null && new Date(deadlineAt).getTime() < at.getTime();

/** Who reads an agent's workload beside the agent: the proxy team's head and the oversight roles. */
function mayReadAnyWorkload(actor: Actor): boolean {
  return actor.role === 'supervisor' || actor.role === 'admin' || actor.role === 'auditor' || (actor.role === 'dept_head' && actor.departmentCode === PROXY_DEPARTMENT);
}

export function createProxyCaseActs(deps: ServiceDeps, temporal: TemporalGateway | undefined, documents: CaseDocuments) {
  const { repos, now } = deps;
  const { readerFor } = createClockViews(deps);
  const appealsOf = createAppealLinks(deps);
  const updateCase = createCaseUpdater(deps, temporal);

  async function load(caseId: string): Promise<CaseRecord> {
    const c = await repos.cases.findById(caseId);
    if (!c || c.caseType !== 'proxy') throw notFound('Proxy case', caseId);
    return c;
  }

  /** Whether the caller may take the act now on some item of the running stage (return and approve are per item). */
  function mayTakeNow(actor: Actor, scope: CaseScope, view: TStoredProxyView, act: ProxyActName): boolean {
    if (act !== 'return' && act !== 'approve') return policy.mayAct(actor, scope, act) === 'ok';
    const stage = runningStage(view.state);
    return view.state.items.some((i) => i.stage === stage?.key && i.status === 'submitted' && policy.mayAct(actor, scope, act, i.authority) === 'ok');
  }

  async function toView(actor: Actor, c: CaseRecord) {
    const { view, scope } = policy.scopeAndView(c);
    const { input, state, clocks } = view;
    // The reads beside the case row, at once (an act's answer waits for them); the clocks on one load of the calendar.
    const [readClock, manifest, history, escalationRows, appeals] = await Promise.all([
      readerFor(clocks),
      caseDocumentManifest(repos, c.caseId),
      repos.cases.history(c.caseId),
      repos.escalations.listForCase(c.caseId),
      appealsOf(actor, c.caseId),
    ]);
    const clockOf = (name: string) => {
      const ledger = lastLedger(clocks, name);
      return ledger ? readClock(ledger) : null;
    };
    const reform = clockOf(REFORM_CLOCK);
    const stages = input.plan.stages.map((planned) => {
      const st = state.stages.find((s) => s.key === planned.key);
      const items = planned.items.map((p) => {
        const i = state.items.find((x) => x.key === p.key);
        if (!i) throw new Error(`case ${c.caseId}: item ${p.key} of the plan has no state`);
        return {
          key: p.key,
          labelZh: p.labelZh,
          label: p.label,
          plannedAuthority: p.authority,
          authority: i.authority,
          workingDays: p.workingDays,
          guidanceRequired: p.guidance,
          status: i.status,
          guidance: i.guidance,
          materialsRequest: i.materialsRequest,
          materials: i.materials,
          submissions: i.submissions,
          returns: i.returns,
          permitNo: i.permitNo,
          approvedAt: i.approvedAt,
          approvedBy: i.approvedBy,
          waitingOn: waitingOnItem(i),
          clock: clockOf(p.key),
        };
      });
      return {
        key: planned.key,
        labelZh: planned.labelZh,
        label: planned.label,
        workingDays: planned.workingDays,
        status: st?.status ?? 'pending',
        startedAt: st?.startedAt ?? null,
        doneAt: st?.doneAt ?? null,
        clock: clockOf(planned.key),
        items,
      };
    });
    return {
      caseId: c.caseId,
      status: ZProxyStatus.parse(c.status),
      title: c.title,
      enterpriseId: input.enterpriseId,
      enterpriseName: input.enterpriseName,
      project: { name: input.projectName, type: input.projectType, location: input.location, investmentFen: input.investmentFen },
      contact: input.contact,
      channel: input.plan.channel,
      filedBy: input.filedBy.username,
      filedByEnterprise: input.filedByEnterprise,
      confirmedAt: state.confirmedAt,
      entrustment: state.entrustment,
      agentId: state.agentId,
      handovers: state.handovers,
      stages,
      currentStage: view.currentStage,
      waitingOn: view.waitingOn,
      // Before the stages start the target is the plan's, none of it used.
      reformTarget: reform
        ? { budgetDays: reform.budgetDays, consumedDays: reform.consumedDays, remainingDays: reform.remainingDays, state: reform.state }
        : { budgetDays: input.plan.reformTargetDays, consumedDays: 0, remainingDays: input.plan.reformTargetDays, state: 'not_started' as const },
      assignment: clockOf(ASSIGNMENT_CLOCK),
      problems: state.problems.map((p) => ({ ...p, waitingOn: p.resolution ? null : ('supervisor' as const), clock: clockOf(problemClock(p.id)) })),
      followUp: state.followUp ? { ...state.followUp, clock: clockOf(FOLLOW_UP_CLOCK) } : null,
      notes: state.notes,
      documentsByAct: documentsByAct(manifest),
      completion: state.completion,
      rating: state.rating,
      ratingDueAt: state.ratingDueAt,
      ending: state.ending,
      history,
      escalations: escalationRows.map(toEscalationView),
      appeals,
      // What this caller may do now: the case allows it and the role, assignment or authority fit.
      actsAvailable: view.actsAvailable.filter((a) => mayTakeNow(actor, scope, view, a)),
      openedAt: c.openedAt.toISOString(),
      closedAt: c.closedAt?.toISOString() ?? null,
    };
  }

  /** assign and reassign name an active agent (the case's state records them as its agent). */
  async function checkAgent(agentId: string): Promise<void> {
    const user = await repos.users.findById(agentId);
    if (user?.active && user.role === 'agent') return;
    throw new AppError('VALIDATION_FAILED', `agentId ${agentId} is not an active proxy agent (role agent).`, { issues: [{ path: 'body.agentId', message: 'not an active agent' }] });
  }

  return {
    async get(actor: Actor, caseId: string) {
      const c = await load(caseId);
      if (!policy.canSee(actor, policy.scopeOf(c))) throw notFound('Proxy case', caseId);
      return toView(actor, c);
    },

    async list(actor: Actor, q: ProxyListQuery) {
      // The same rule as a read: the list shows exactly the cases the caller could open (an agent
      // asking for another agent's cases gets an empty list: the scope holds only the own ones).
      const at = now();
      const rows = await repos.proxyCases.list({ ...q, scope: policy.listFilter(actor), now: at });
      return rows.map((c) => {
        const view = storedProxyView(c.caseId, c.view);
        return {
          caseId: c.caseId,
          status: c.status,
          title: c.title,
          enterpriseId: c.enterpriseId,
          agentId: c.assigneeId,
          currentStage: view.currentStage,
          waitingOn: view.waitingOn,
          deadlineAt: c.deadlineAt?.toISOString() ?? null,
          overdue: isOverdue(c.deadlineAt, c.closedAt !== null, at),
          openedAt: c.openedAt.toISOString(),
          closedAt: c.closedAt?.toISOString() ?? null,
        };
      });
    },

    /** An act; provide-materials and approve may attach uploads (documentIds), which the workflow never sees. */
    async act(actor: Actor, caseId: string, request: ProxyActBody & { documentIds?: string[] | undefined }, idempotencyKey: string | undefined) {
      const { documentIds = [], ...body } = request;
      const name = body.act;
      const c = await load(caseId);
      const { scope, view } = policy.scopeAndView(c);
      // An authority decides its own item only: the item's authority as the case records it now.
      const itemAuthority = 'item' in body && body.item !== undefined ? view.state.items.find((i) => i.key === body.item)?.authority : undefined;
      const permission = policy.mayAct(actor, scope, name, itemAuthority);
      const decidedBy = itemAuthority && (name === 'approve' || name === 'return') ? ` (item ${body.item} is decided by ${itemAuthority})` : '';
      requirePermission(permission, actor, { what: 'Proxy case', id: caseId, act: name, note: decidedBy });
      if (body.act === 'assign' || body.act === 'reassign') await checkAgent(body.agentId);

      // An item act's documents are attached in the act and its item: `approve:construction_licence`.
      const act = 'item' in body && body.item !== undefined ? `${name}:${body.item}` : name;
      await documents.withActDocuments({ actor, caseId, enterpriseId: c.enterpriseId, documentIds, act, idempotencyKey }, () =>
        updateCase(actor, c, { action: `proxy.${name}`, update: proxyActUpdate, arg: { ...body, actor: actorRef(actor) }, idempotencyKey }),
      );
      // The workflow projected the case before answering: the read model is current.
      return toView(actor, await load(caseId));
    },

    async workload(actor: Actor, agentId: string) {
      if (actor.role === 'agent') {
        // An agent reads the own workload only; another agent's is not there for them.
        if (agentId !== actor.userId) throw notFound('Agent', agentId);
      } else if (!mayReadAnyWorkload(actor)) {
        throw new AppError('FORBIDDEN', `The role ${actor.role}${actor.departmentCode ? ` of ${actor.departmentCode}` : ''} may not read an agent's workload; the agent, the ${PROXY_DEPARTMENT} head and supervisors may.`);
      }
      const agent = await repos.users.findById(agentId);
      if (!agent || agent.role !== 'agent') throw notFound('Agent', agentId);

      const at = now();
      const cases = (await repos.proxyCases.workloadOf(agentId)).map((c) => ({ c, view: storedProxyView(c.caseId, c.view) }));
      const waiting = cases.filter(({ view }) => view.waitingOn === 'enterprise').map(({ c }) => c.caseId);
      // The clocks someone answers for that run now: a tracked total is shown on the case, never
      // chased, and a clock stopped while its item waits on the enterprise has no deadline until it
      // runs again (its date moves on resume).
      const running = (view: (typeof cases)[number]['view']) =>
        view.clocks.filter((l): l is ClockLedger & { deadlineAt: string } => l.tracking !== true && l.state === 'running' && l.deadlineAt !== null);
      const nextDeadlines = cases
        .flatMap(({ c, view }) => running(view).map((l) => ({ caseId: c.caseId, title: c.title, clock: l.stage, deadlineAt: l.deadlineAt, overdue: isOverdue(l.deadlineAt, false, at) })))
        .sort((a, b) => Date.parse(a.deadlineAt) - Date.parse(b.deadlineAt) || a.caseId.localeCompare(b.caseId));
      const overdueCount = cases.filter(({ view }) => running(view).some((l) => isOverdue(l.deadlineAt, false, at))).length;
      return {
        agentId,
        openCases: cases.length,
        overdueCount,
        waitingOnEnterprise: { count: waiting.length, caseIds: waiting },
        nextDeadlines,
      };
    },
  };
}
export type ProxyCaseActs = ReturnType<typeof createProxyCaseActs>;
