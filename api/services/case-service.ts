// Acts every case type shares: the generic case view with its SLA clock and escalations, and
// the supervisor acts (urge, reassign, extend, hold, release). Who may act is checked here
// (403 for the role, 404 outside the caller's scope); what the case's state allows is checked by
// the workflow's update validator (409), and a refused attempt is audited here, because a
// rejected Update leaves no trace in the workflow history.
import { AppError } from '../../domain/errors';
import { actorRef, type Actor } from '../../domain/roles';
import { clockView, workingDaysBetween, type ClockLedger } from '../../domain/sla';
import type { CaseRecord } from '../../generated/prisma/client';
import { supervisorActUpdate, type SupervisorAct, type SupervisorActInput } from '../../workflows/sla/messages';
import { notFound, requireRole } from '../auth/guards';
import { requireTemporal, type TemporalGateway } from '../temporal/gateway';
import { applicationScopeOf, canSeeApplication } from './application-access';
import type { ServiceDeps } from './deps';
import { executeCaseUpdate } from './case-update';
import { toEscalationView } from './views';

/** Who may take each act (DESIGN.md "Users and access"). */
const ACT_ROLES: Record<SupervisorAct, readonly Actor['role'][]> = {
  urge: ['supervisor', 'dept_head'],
  reassign: ['supervisor', 'dept_head'],
  extend: ['supervisor', 'dept_head'],
  hold: ['supervisor'],
  release: ['supervisor'],
};

export interface ActRequest {
  reason: string;
  workingDays?: number | undefined;
  assigneeId?: string | undefined;
  idempotencyKey?: string | undefined;
}

/** The department whose clock runs now, when the case type has one (CZJ while an award is paid). */
function stageDepartmentOf(c: CaseRecord): string | null {
  const v = c.view as { stageDepartment?: unknown };
  return typeof v.stageDepartment === 'string' ? v.stageDepartment : null;
}

/**
 * Who sees a case: each case type's own rule (an application's is the one its own routes use, so
 * a co-department reviewer who can open /applications/X can open /cases/X too); the default for
 * types without one: staff of the case's department, supervisors, auditors and admins, an
 * enterprise its own, an agent the cases assigned to them.
 */
function canSee(actor: Actor, c: CaseRecord): boolean {
  if (c.caseType === 'application') return canSeeApplication(actor, applicationScopeOf(c));
  switch (actor.role) {
    case 'supervisor':
    case 'auditor':
    case 'admin':
      return true;
    case 'enterprise':
      return c.enterpriseId !== null && c.enterpriseId === actor.enterpriseId;
    case 'agent':
      return c.assigneeId === actor.userId;
    default:
      return c.departmentCode === actor.departmentCode || stageDepartmentOf(c) === actor.departmentCode;
  }
}

export function createCaseService(deps: ServiceDeps, temporal: TemporalGateway | undefined) {
  const { repos, now } = deps;

  async function loadVisible(actor: Actor, caseId: string): Promise<CaseRecord> {
    const c = await repos.cases.findById(caseId);
    if (!c || !canSee(actor, c)) throw notFound('Case', caseId);
    return c;
  }

  async function viewOfClock(ledger: ClockLedger | null) {
    if (!ledger) return null;
    let running = 0;
    if (ledger.state === 'running' && ledger.segmentStartedAt) {
      const calendar = await repos.calendar.loadCalendar();
      const at = now();
      // The clock's own rule: the start day counts in the first segment of a stage that says so.
      running = workingDaysBetween(calendar, {
        from: ledger.segmentStartedAt,
        to: at.toISOString(),
        startDayCounts: ledger.firstSegment && ledger.startDayCounts === true,
        allowProvisional: true,
      });
    }
    return clockView(ledger, running, now().getTime());
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
      const c = await loadVisible(actor, caseId);
      const ledger = ((c.view as { clock?: ClockLedger | null }).clock ?? null) as ClockLedger | null;
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
        clock: await viewOfClock(ledger),
        escalations: await escalationsOf(c.caseId),
      };
    },

    async act(actor: Actor, caseId: string, act: SupervisorAct, req: ActRequest) {
      requireRole(actor, ACT_ROLES[act], act === 'urge' ? 'urge (催办) a case' : `${act} a case`);
      const c = await loadVisible(actor, caseId);
      // A department head acts on the own department's cases only.
      if (actor.role === 'dept_head' && c.departmentCode !== actor.departmentCode && stageDepartmentOf(c) !== actor.departmentCode) throw notFound('Case', caseId);
      if (act === 'reassign') await checkAssignee(c, req.assigneeId);

      const input: SupervisorActInput = {
        act,
        actor: actorRef(actor),
        reason: req.reason,
        ...(req.workingDays !== undefined ? { workingDays: req.workingDays } : {}),
        ...(req.assigneeId !== undefined ? { assigneeId: req.assigneeId } : {}),
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
      return { caseId, act, assigneeId: result.assigneeId, clock: await viewOfClock(result.clock) };
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
