// appealWorkflow: one 诉求 appeal (measures 45, 46 and the questions on the info-only measures), on
// the case kernel (workflows/case/kernel.ts). What is written here is the platform's own loop:
// 受理 acceptance → 分办 dispatch → 签收 signing (or 回退 a return to dispatch) → 办理 handling and
// 答复 reply → 回访 rating → closed, or 重办 reopened for the supervisor to dispatch again (at most
// `maxReopens` times, then the supervisor concludes it). 全兜底: in every open status one party
// answers for the appeal with a running clock (or the enterprise with its rating window).
import { continueAsNew, setHandler } from '@temporalio/workflow';
import { handlingDays } from '../../domain/appeal/catalogue';
import { isFinalAppealStatus } from '../../domain/appeal/status';
import { DEFAULT_SLA_POLICY } from '../../domain/sla';
import { interactiveActivities } from '../case/act-proxies';
import { CaseKernel, type ActRegistry } from '../case/kernel';
import type { CaseCarry, ContinueAsNewPolicy } from '../case/types';
import { appealActUpdate, appealViewQuery, type AppealAct } from './messages';
import { appealColumns, appealCompactView } from './projection';
import { filingEntry, initialAppealState, inputProblem, PLATFORM_DEPARTMENT, stateConflict, type AppealInput, type AppealState } from './state';
import type { AppealCompactView, AppealView } from './view';

export type { AppealView } from './view';

const nowIso = () => new Date(Date.now()).toISOString();

export interface AppealRunOptions {
  carried?: CaseCarry<AppealState>;
  continueAsNew?: ContinueAsNewPolicy;
}

type Kernel = CaseKernel<AppealState, AppealCompactView>;

/**
 * 全兜底: a hold stops a clock with no end, which would leave an appeal with nobody's deadline. A
 * supervisor who needs more time for it extends the deadline (延期) instead, which keeps one.
 */
const HOLD_REFUSED = 'An appeal is never put on hold: every open appeal keeps a responsible party and a deadline (全兜底). Extend its deadline (extend, with working days and a reason) instead.';

export async function appealWorkflow(input: AppealInput, run: AppealRunOptions = {}): Promise<AppealView> {
  const k: Kernel = new CaseKernel<AppealState, AppealCompactView>({
    caseId: input.caseId,
    caseType: 'appeal',
    department: PLATFORM_DEPARTMENT,
    policy: DEFAULT_SLA_POLICY,
    initial: initialAppealState(),
    initialHistory: [filingEntry(input)],
    ...(run.carried ? { carried: run.carried } : {}),
    columns: (s) => appealColumns(input, s),
    view: (s, meta) => appealCompactView(input, s, meta, Date.now()),
    isClosed: (s) => isFinalAppealStatus(s.status),
    continueAsNew: (carry) => continueAsNew<typeof appealWorkflow>(input, { ...run, carried: carry }),
    ...(run.continueAsNew ? { continueAsNewPolicy: run.continueAsNew } : {}),
    supervisorActConflict: (a) => (a.act === 'hold' ? HOLD_REFUSED : null),
  });
  const status = () => k.state.status;
  setHandler(appealViewQuery, () => k.queryView());
  k.installActs<AppealAct>(appealActUpdate, actsOf(input, k), {
    action: (a) => `appeal.${a.act}`,
    problem: (a) => inputProblem(a),
    conflict: (a, s) => stateConflict(s, a, Date.now()),
  });

  // 即接即办: the platform's acceptance clock runs from the filing (its projection writes the case).
  if (!k.resumed) await k.clock.startStage('acceptance', input.limits.acceptDays);
  k.open();

  // The acts drive the appeal; the main loop keeps the clocks and closes each rating window.
  for (;;) {
    await k.waitUntil(() => k.idle() && (isFinalAppealStatus(status()) || status() === 'awaiting_rating'));
    if (isFinalAppealStatus(status())) break;
    const closeRating = () => {
      k.state.ratingClosed = true;
    };
    if (await k.window(k.state.ratingDueAt ?? nowIso(), () => status() === 'awaiting_rating', closeRating)) {
      k.state.status = 'not_rated';
      k.state.closedAt = nowIso();
      k.record('not-rated', null, '回访期满未评价: the rating window closed without a rating');
    }
  }

  k.state.closedAt ??= nowIso();
  k.record('close', null, status());
  for (const l of k.clock.ledgers.filter((x) => x.state !== 'stopped')) await k.clock.stopStage(status(), 'background', l.stage);
  await k.project();
  await k.finish();
  return k.queryView();
}

/** The changes of the appeal's acts; the kernel journals, projects and audits each. */
function actsOf(input: AppealInput, k: Kernel): ActRegistry<AppealState, AppealAct> {
  const { clock } = k;
  const { limits } = input;

  /** Whether the act comes within the clock of its stage (the report's 及时 figures count it). */
  const onTime = (stage: string): boolean => {
    const deadline = clock.open(stage)?.deadlineAt;
    return !deadline || Date.now() <= Date.parse(deadline);
  };

  /** Ends the stage running now and starts the next one, whose clock the department `dept` answers for. */
  const moveTo = async (stopReason: string, stopping: string, next: { stage: string; days: number; department: string } | null): Promise<void> => {
    await clock.stopStage(stopReason, 'interactive', stopping);
    if (!next) return;
    k.meta.department = next.department;
    await clock.startStage(next.stage, next.days, 'interactive');
  };

  const dispatchClock = { stage: 'dispatch', days: limits.dispatchDays, department: PLATFORM_DEPARTMENT };

  return {
    accept: {
      async apply(a) {
        k.state.acceptance = { by: a.actor.username, at: nowIso(), onTime: onTime('acceptance'), note: a.note ?? null };
        k.state.priority = a.priority;
        k.state.status = 'awaiting_dispatch';
        await moveTo('accepted', 'acceptance', dispatchClock);
        return { reason: a.note ?? null, payload: { priority: a.priority } };
      },
    },
    'not-accept': {
      async apply(a) {
        k.state.notAccepted = { reason: a.reason, referral: a.referral, by: a.actor.username, at: nowIso() };
        k.state.status = 'not_accepted';
        k.state.closedAt = nowIso();
        await moveTo('not accepted', 'acceptance', null);
        return { reason: a.reason, payload: { referral: a.referral } };
      },
    },
    dispatch: {
      async apply(a) {
        const stage = k.state.status === 'awaiting_redispatch' ? 'redispatch' : 'dispatch';
        k.state.dispatches.push({ by: a.actor.username, at: nowIso(), onTime: onTime(stage), leadDepartment: a.leadDepartment, coDepartments: a.coDepartments, note: a.note ?? null });
        k.state.leadDepartment = a.leadDepartment;
        k.state.coDepartments = a.coDepartments;
        const window = await interactiveActivities.planSla({ from: nowIso(), workingDays: limits.returnDays, startDayCounts: false, allowProvisional: true, reminderWorkingDays: 0, graceWorkingDays: 1 });
        k.state.returnDueAt = window.deadlineAt;
        k.state.status = 'awaiting_sign';
        await moveTo(`dispatched to ${a.leadDepartment}`, stage, { stage: 'sign', days: limits.signDays, department: a.leadDepartment });
        return { reason: a.note ?? null, payload: { leadDepartment: a.leadDepartment, coDepartments: a.coDepartments.join(',') } };
      },
    },
    'sign-for': {
      async apply(a) {
        const department = k.state.leadDepartment ?? '';
        k.state.signs.push({ by: a.actor.username, at: nowIso(), onTime: onTime('sign'), department, note: a.note ?? null });
        k.state.status = 'in_handling';
        await moveTo('signed for', 'sign', { stage: 'handling', days: handlingDays(limits, input.category, k.state.priority ?? 'general'), department });
        return { reason: a.note ?? null, payload: { department } };
      },
    },
    return: {
      async apply(a) {
        const running = k.state.status === 'awaiting_sign' ? 'sign' : 'handling';
        const department = k.state.leadDepartment ?? '';
        k.state.returns.push({ department, reason: a.reason, by: a.actor.username, at: nowIso() });
        k.state.leadDepartment = null;
        k.state.coDepartments = [];
        k.state.returnDueAt = null;
        k.state.status = 'awaiting_dispatch';
        await moveTo(`returned by ${department}`, running, dispatchClock);
        return { reason: a.reason, payload: { department } };
      },
    },
    contribute: {
      async apply(a) {
        k.state.contributions.push({ department: a.actor.departmentCode ?? '', text: a.text, by: a.actor.username, at: nowIso() });
        return { reason: a.text };
      },
    },
    reply: {
      async apply(a) {
        const department = k.state.leadDepartment ?? '';
        k.state.replies.push({ by: a.actor.username, at: nowIso(), onTime: onTime('handling'), department, text: a.text, resolved: a.resolved });
        const window = await interactiveActivities.planSla({ from: nowIso(), workingDays: limits.ratingDays, startDayCounts: false, allowProvisional: true, reminderWorkingDays: 0, graceWorkingDays: 1 });
        k.state.ratingDueAt = window.deadlineAt;
        k.state.ratingClosed = false;
        k.state.status = 'awaiting_rating';
        await moveTo(a.resolved ? 'replied: resolved' : 'replied: not resolved', 'handling', null);
        return { reason: a.text, payload: { resolved: a.resolved } };
      },
    },
    rate: {
      async apply(a) {
        k.state.ratings.push({ level: a.level, comment: a.comment ?? null, by: a.actor.username, at: nowIso() });
        k.meta.department = PLATFORM_DEPARTMENT;
        if (a.level !== 'dissatisfied') {
          k.state.status = 'closed';
          k.state.closedAt = nowIso();
        } else if (k.state.reopenCount < limits.maxReopens) {
          // 重办: the supervisor dispatches it again.
          k.state.reopenCount++;
          k.state.status = 'awaiting_redispatch';
          await clock.startStage('redispatch', limits.dispatchDays, 'interactive');
        } else {
          k.state.status = 'awaiting_conclusion';
          await clock.startStage('conclusion', limits.concludeDays, 'interactive');
        }
        return { reason: a.comment ?? null, payload: { level: a.level, reopenCount: k.state.reopenCount } };
      },
    },
    conclude: {
      async apply(a) {
        k.state.conclusion = { text: a.conclusion, by: a.actor.username, at: nowIso() };
        k.state.status = 'concluded';
        k.state.closedAt = nowIso();
        await moveTo('concluded', 'conclusion', null);
        return { reason: a.conclusion };
      },
    },
  };
}
