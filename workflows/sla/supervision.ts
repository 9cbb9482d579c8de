// Supervisor acts on any case (DESIGN.md "Time and SLAs"): urge (催办), reassign, extend (延期),
// hold and release. Delivered as an Update whose validator refuses what the case's state does
// not allow (a refused Update leaves no trace in history: the API audits the attempt). Who may
// act at all (role, department) is checked by the API before it sends the Update.
import { ApplicationFailure, currentUpdateInfo, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { REFUSAL, supervisorActUpdate, calendarChangedSignal, clockQuery, clocksQuery, type SupervisorActInput, type SupervisorActResult } from './messages';
import type { SlaClock } from './clock';
import { actTextProblem } from '../case/act-failure';
import { runActTransaction } from '../case/act-transaction';
import { interactiveActivities, type ActivityMode } from '../case/act-proxies';

export interface SupervisedCase {
  caseId: string;
  /** The department responsible now: an urge without an assignee reaches its reviewers. */
  departmentCode: () => string;
  isClosed: () => boolean;
  assigneeId: () => string | null;
  /** null: back to no assignee (an act rolled back). */
  setAssignee: (userId: string | null) => void;
  /** Projection of the case view after an act, in the act's mode. */
  onChanged: (via: ActivityMode) => Promise<void>;
  /** An act was rolled back: project the case as it is again (in the background when the database is what failed). */
  onRolledBack: (outage: boolean) => Promise<void>;
  /** Acts on a case run one at a time: these count a supervisor act with the case's own acts. */
  actInFlight: () => boolean;
  enterAct: () => void;
  leaveAct: () => void;
  /** Runs committed follow-up work in the background (see act-transaction.ts). */
  settle: (work: () => Promise<unknown>) => void;
  /** Extensions granted by department heads so far (a head may extend once): case state, carried by continue-as-new. */
  headExtensions: () => number;
  countHeadExtension: () => void;
  /** A copy of what a supervisor act may change; the returned function puts it back and says whether anything differed. */
  snapshot: () => () => boolean;
  /** The act being handled was applied by an earlier run (a retry after continue-as-new): answer it, do not apply it again. */
  alreadyApplied: () => boolean;
  /** The act is committed: remember its id across continue-as-new. */
  markApplied: () => void;
  /** A refusal of the case type's own (409), weighed after the kernel's checks; absent: none. */
  conflict?: (input: SupervisorActInput) => string | null;
}

/** The urge's notification once the act is committed: retried until it is sent. */
const background = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

function refuse(message: string, type: string = REFUSAL.stateConflict): never {
  throw ApplicationFailure.create({ message, type, nonRetryable: true });
}

/** What the validator weighs a head's extension against. */
interface HeadExtensionRule {
  maxDays: number;
  /** Extensions granted by department heads so far in this case (a head may extend once). */
  granted: number;
}

function validateSupervisorAct(c: SupervisedCase, clock: SlaClock, input: SupervisorActInput, head: HeadExtensionRule): void {
  const text = actTextProblem(input);
  if (text) refuse(text, REFUSAL.invalid);
  if (c.actInFlight()) refuse('Another act on this case is being processed; try again.');
  if (!input.reason || input.reason.trim().length === 0) refuse('A reason is required for every supervisor act.', REFUSAL.invalid);
  if (c.isClosed()) refuse(`Case ${c.caseId} is closed; no ${input.act} is possible.`);
  if (input.stage !== undefined && !clock.open(input.stage)) {
    const stages = clock.ledgers.filter((l) => l.state !== 'stopped').map((l) => l.stage);
    refuse(`Case ${c.caseId} has no open clock of stage ${input.stage}${stages.length > 0 ? `; open: ${stages.join(', ')}` : ''}.`);
  }
  const own = c.conflict?.(input);
  if (own) refuse(own);
  const state = input.stage === undefined ? clock.state : (clock.open(input.stage)?.state ?? 'none');
  switch (input.act) {
    case 'urge':
      return;
    case 'reassign':
      if (!input.assigneeId) refuse('reassign needs assigneeId.', REFUSAL.invalid);
      if (input.assigneeId === c.assigneeId()) refuse(`The case is already assigned to ${input.assigneeId}.`);
      return;
    case 'extend': {
      const days = input.workingDays ?? 0;
      if (!Number.isInteger(days) || days < 1 || days > 60) refuse('extend needs workingDays, an integer from 1 to 60.', REFUSAL.invalid);
      if (state === 'none' || state === 'stopped') refuse(`Case ${c.caseId} has no running deadline to extend.`);
      if (input.actor.role === 'dept_head') {
        if (head.granted >= 1) refuse('A department head may extend a case once; ask GXJ supervision for more.');
        if (days > head.maxDays) refuse(`A department head may extend by at most ${head.maxDays} working days; ask GXJ supervision for more.`);
      }
      return;
    }
    case 'hold':
      if (state !== 'running') refuse(`The clock of case ${c.caseId} is ${state}; only a running clock can be put on hold.`);
      return;
    case 'release': {
      const held = (input.stage === undefined ? clock.ledger : clock.open(input.stage))?.suspensions.some((s) => s.kind === 'supervisor_hold' && s.to === null);
      if (!held) refuse(`Case ${c.caseId} is not on hold.`);
      return;
    }
  }
}

/** Registers the supervision handlers shared by every case workflow. */
export function installSupervision(c: SupervisedCase, clock: SlaClock, headMaxDays: number): void {
  setHandler(clockQuery, () => clock.ledger);
  setHandler(clocksQuery, () => clock.ledgers);

  setHandler(calendarChangedSignal, async ({ year, document }) => {
    await clock.reproject(`calendar: the ${year} notice ${document} was loaded`);
  });

  setHandler(
    supervisorActUpdate,
    async (input) => {
      if (c.alreadyApplied()) return { caseId: c.caseId, act: input.act, assigneeId: c.assigneeId(), clock: clock.ledger, clocks: clock.ledgers };
      return runActTransaction({
        clock,
        snapshot: c.snapshot,
        apply: (legacy) => apply(input, legacy),
        reproject: c.onRolledBack,
        settle: c.settle,
        exclusive: { enter: c.enterAct, leave: c.leaveAct },
      });
    },
    {
      validator: (input) => {
        if (!c.alreadyApplied()) validateSupervisorAct(c, clock, input, { maxDays: headMaxDays, granted: c.headExtensions() });
      },
    },
  );

  /**
   * One supervisor act: the change, the projection, then the audit record; an urge's notification
   * goes out once the act is committed. (`legacy`: histories recorded before acts were
   * transactions sent the notification first and wrote the audit record before the projection.)
   */
  async function apply(input: SupervisorActInput, legacy: boolean): Promise<SupervisorActResult> {
    const at = new Date(Date.now()).toISOString();
    const ledger = input.stage === undefined ? clock.ledger : clock.open(input.stage);
    const reminder = {
      dedupeKey: `${c.caseId}:urge:${currentUpdateInfo()?.id ?? at}`,
      caseId: c.caseId,
      caseTitle: `催办 urged by ${input.actor.username}: ${input.reason}`,
      stage: ledger?.stage ?? 'case',
      assigneeId: c.assigneeId(),
      departmentCode: c.departmentCode(),
      deadlineAt: ledger?.deadlineAt ?? 'no deadline',
      at,
    };
    switch (input.act) {
      case 'urge':
        if (legacy) await interactiveActivities.sendDeadlineReminder(reminder);
        else clock.onCommit((mode) => (mode === 'interactive' ? interactiveActivities : background).sendDeadlineReminder(reminder));
        break;
      case 'reassign':
        c.setAssignee(input.assigneeId ?? '');
        break;
      case 'extend':
        await clock.extend(input.workingDays ?? 0, input.reason, { userId: input.actor.userId, role: input.actor.role }, 'interactive', input.stage);
        if (input.actor.role === 'dept_head') c.countHeadExtension();
        break;
      case 'hold':
        await clock.suspend('supervisor_hold', input.reason, input.actor.userId, 'interactive', input.stage);
        break;
      case 'release':
        await clock.resume('supervisor_hold', input.actor.userId, 'interactive', input.stage);
        break;
    }
    if (!legacy) await c.onChanged('interactive');
    await interactiveActivities.appendAuditRecord({
      at,
      actorId: input.actor.userId,
      actorUsername: input.actor.username,
      actorRole: input.actor.role,
      actorDepartment: input.actor.departmentCode,
      action: `case.${input.act}`,
      subjectType: 'case',
      subjectId: c.caseId,
      outcome: 'ok',
      reason: input.reason,
      payload: {
        ...(input.workingDays !== undefined ? { workingDays: input.workingDays } : {}),
        ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
        ...(input.stage !== undefined ? { stage: input.stage } : {}),
        deadlineAt: (input.stage === undefined ? clock.ledger : clock.ledgers.filter((l) => l.stage === input.stage).at(-1))?.deadlineAt ?? null,
      },
      idempotencyKey: `${workflowInfo().workflowId}:update:${currentUpdateInfo()?.id ?? at}`,
    });
    if (legacy) await c.onChanged('interactive');
    c.markApplied();
    return { caseId: c.caseId, act: input.act, assigneeId: c.assigneeId(), clock: clock.ledger, clocks: clock.ledgers };
  }
}
