// Acts every case type shares: the generic case view with its SLA clock and escalations, and
// the supervisor acts (urge, reassign, extend, hold, release). Who may see and act is the case
// type's access policy (api/access/: 403 for the role, 404 outside the caller's scope); what the case's state allows is checked by
// the workflow's update validator (409), and a refused attempt is audited here, because a
// rejected Update leaves no trace in the workflow history.
import { AppError } from '../../domain/errors';
import { actorRef, type Actor } from '../../domain/roles';
import type { CaseRecord } from '../../generated/prisma/client';
import { supervisorActUpdate, type SupervisorAct, type SupervisorActInput } from '../../workflows/sla/messages';
import { notFound, requireRole } from '../auth/guards';
import { storedClocks } from '../schemas/sla';
import { requireTemporal, type TemporalGateway } from '../temporal/gateway';
import { policyFor, SUPERVISOR_ACT_ROLES, type CaseAccessPolicy, type CaseScope } from '../access';
import type { ServiceDeps } from './deps';
import { createAppealLinks } from './appeal-acts';
import { executeCaseUpdate } from './case-update';
import { createClockViews } from './clock-views';
import { toEscalationView } from './views';

export interface ActRequest {
  reason: string;
  /** The stage whose clock the act is on; default: the one running. */
  stage?: string | undefined;
  workingDays?: number | undefined;
  assigneeId?: string | undefined;
  idempotencyKey?: string | undefined;
}

export function createCaseService(deps: ServiceDeps, temporal: TemporalGateway | undefined) {
  const { repos, now } = deps;
  const { readerFor } = createClockViews(deps);
  const appealsOf = createAppealLinks(deps);

  /** The case with its type's policy and scope, or 404 when it is not there or not the caller's to see. */
  async function loadVisible(actor: Actor, caseId: string): Promise<{ c: CaseRecord; policy: CaseAccessPolicy; scope: CaseScope }> {
    const c = await repos.cases.findById(caseId);
    if (!c) throw notFound('Case', caseId);
    // The case type's own policy: an application's is the one /applications/X asks, so the two agree.
    const policy = policyFor(c.caseType);
    const scope = policy.scopeOf(c);
    if (!policy.canSee(actor, scope)) throw notFound('Case', caseId);
    return { c, policy, scope };
  }

  async function escalationsOf(caseId: string) {
    return (await repos.escalations.listForCase(caseId)).map(toEscalationView);
  }

  async function checkAssignee(c: CaseRecord, assigneeId: string | undefined): Promise<void> {
    if (!assigneeId) throw new AppError('VALIDATION_FAILED', 'reassign needs assigneeId.', { issues: [{ path: 'body.assigneeId', message: 'required' }] });
    const user = await repos.users.findById(assigneeId);
    const staffOfDept = user?.active && ['reviewer', 'dept_head', 'agent'].includes(user.role) && (user.departmentCode === c.departmentCode || user.role === 'agent');
    if (!staffOfDept) {
      throw new AppError('VALIDATION_FAILED', `assigneeId ${assigneeId} is not an active reviewer, head or agent who can take a ${c.departmentCode} case.`, {
        issues: [{ path: 'body.assigneeId', message: 'not eligible' }],
      });
    }
  }

  return {
    async get(actor: Actor, caseId: string) {
      const { c } = await loadVisible(actor, caseId);
      const { clock, clocks } = storedClocks(c.caseId, c.view);
      // The reads beside the case row at once; the clocks on one load of the calendar.
      const [readClock, escalations, appeals] = await Promise.all([readerFor([clock, ...clocks]), escalationsOf(c.caseId), appealsOf(actor, c.caseId)]);
      return {
        caseId: c.caseId,
        caseType: c.caseType,
        status: c.status,
        title: c.title,
        departmentCode: c.departmentCode,
        assigneeId: c.assigneeId,
        enterpriseId: c.enterpriseId,
        openedAt: c.openedAt.toISOString(),
        closedAt: c.closedAt?.toISOString() ?? null,
        clock: clock ? readClock(clock) : null,
        clocks: clocks.map(readClock),
        escalations,
        appeals,
      };
    },

    async act(actor: Actor, caseId: string, act: SupervisorAct, req: ActRequest) {
      // The role first, before the case is even read: a role that never takes the act learns nothing.
      requireRole(actor, SUPERVISOR_ACT_ROLES[act], act === 'urge' ? 'urge (催办) a case' : `${act} a case`);
      const { c, policy, scope } = await loadVisible(actor, caseId);
      // A department head supervises the own department's cases only (the policy says which).
      if (policy.maySupervise(actor, scope, act) !== 'ok') throw notFound('Case', caseId);
      // A 代办 case's agent is part of its own state (the handover record, the entrustment): the
      // kernel's reassign would move the assignee column only and leave the case's agent behind.
      if (act === 'reassign' && c.caseType === 'proxy') {
        throw new AppError('STATE_CONFLICT', `Case ${caseId} is a 代办 proxy case: reassign its agent with POST /api/v1/proxy-cases/${caseId}/reassign, which records the handover.`, { status: c.status });
      }
      if (act === 'reassign') await checkAssignee(c, req.assigneeId);

      const input: SupervisorActInput = {
        act,
        actor: actorRef(actor),
        reason: req.reason,
        ...(req.workingDays !== undefined ? { workingDays: req.workingDays } : {}),
        ...(req.assigneeId !== undefined ? { assigneeId: req.assigneeId } : {}),
        ...(req.stage !== undefined ? { stage: req.stage } : {}),
      };
      const result = await executeCaseUpdate({
        temporal: requireTemporal(temporal),
        repos,
        now,
        actor,
        caseId,
        workflowId: c.workflowId,
        status: c.status,
        action: `case.${act}`,
        update: supervisorActUpdate,
        arg: input,
        idempotencyKey: req.idempotencyKey,
        auditPayload: { requestReason: req.reason, ...(req.workingDays !== undefined ? { workingDays: req.workingDays } : {}) },
      });
      // Absent in the answer of a case that ran code from before stage clocks were kept.
      const clocks = result.clocks ?? (result.clock ? [result.clock] : []);
      const readClock = await readerFor([result.clock, ...clocks]);
      return { caseId, act, assigneeId: result.assigneeId, clock: result.clock ? readClock(result.clock) : null, clocks: clocks.map(readClock) };
    },

    async escalations(actor: Actor, q: { level?: number | undefined; department?: string | undefined; open?: boolean | undefined; limit: number; offset: number }) {
      requireRole(actor, ['supervisor', 'dept_head', 'auditor', 'admin'], 'list escalations');
      let filter = q;
      if (actor.role === 'dept_head') {
        // Heads see their own department's level 1 only.
        if ((q.department && q.department !== actor.departmentCode) || (q.level !== undefined && q.level !== 1)) {
          throw new AppError('FORBIDDEN', `A department head sees only level 1 escalations of ${actor.departmentCode}.`);
        }
        filter = { ...q, level: 1, department: actor.departmentCode ?? '' };
      }
      const rows = await repos.escalations.list(filter);
      const titles = new Map<string, string>();
      for (const r of rows) {
        if (!titles.has(r.caseId)) titles.set(r.caseId, (await repos.cases.findById(r.caseId))?.title ?? '');
      }
      return rows.map((e) => ({
        id: e.id,
        caseId: e.caseId,
        caseTitle: titles.get(e.caseId) ?? '',
        caseDepartment: e.caseDepartment,
        level: e.level,
        targetDepartment: e.targetDepartment,
        targetRole: e.targetRole,
        stage: e.stage,
        deadlineAt: e.deadlineAt.toISOString(),
        overdueWorkingDays: e.overdueWorkingDays,
        firedAt: e.firedAt.toISOString(),
        closedAt: e.closedAt?.toISOString() ?? null,
        closedReason: e.closedReason,
      }));
    },
  };
}
export type CaseService = ReturnType<typeof createCaseService>;
