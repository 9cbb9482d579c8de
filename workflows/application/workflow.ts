// applicationWorkflow: one award or approval application (申报) from filing to payment.
// 受理 acceptance → (补正 supplement) → 审核 review → 会签 countersign → 公示 publicity →
// budget commitment → 拨付 payment. The shared SLA clock runs at every human stage (acceptance and
// review by the lead department, funding and payment by the finance bureau) and stops while the
// case waits on the enterprise or is in publicity.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  currentUpdateInfo,
  proxyActivities,
  setHandler,
  workflowInfo,
  ActivityFailure,
  log,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { isFinal } from '../../domain/application/status';
import { DEFAULT_SLA_POLICY } from '../../domain/sla';
import { isActFailure } from '../case/act-failure';
import { runActTransaction } from '../case/act-transaction';
import { interactiveActivities, type ActivityMode } from '../case/act-proxies';
import { installSupervision, SlaClock } from '../sla';
import { REFUSAL } from '../sla/messages';
import { applicationActUpdate, applicationViewQuery, bankAccountUpdatedSignal, fundsAvailableSignal, type ApplicationAct } from './messages';
import { actsAvailable, initialState, inputProblem, stateConflict, type ApplicationInput, type ApplicationState } from './state';

const act = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    nonRetryableErrorTypes: ['PAYMENT_REFUSED', 'BANK_ACCOUNT_MISSING', 'STATE_CONFLICT', 'VALIDATION_FAILED', 'FACTS_INVALID'],
  },
});

const nowIso = () => new Date(Date.now()).toISOString();

export interface ApplicationView {
  input: ApplicationInput;
  state: ApplicationState;
  assigneeId: string | null;
  /** The department whose clock runs now (the lead; CZJ while funding and paying). */
  stageDepartment: string;
  actsAvailable: string[];
}

export async function applicationWorkflow(input: ApplicationInput): Promise<ApplicationView> {
  // Replaced whole when an act is rolled back; closures read the binding, so they see the new value.
  let state: ApplicationState = initialState(input);
  let assigneeId: string | null = null;
  let projectionVersion = 0;
  let busy = 0;
  let fundsSignals = 0;
  let bankSignals = 0;
  let stageDepartment = input.leadDepartment;
  let started = false;
  /** Background projections after a rolled-back act; awaited before the workflow returns. */
  const settling: Promise<void>[] = [];
  const workflowId = workflowInfo().workflowId;
  const policy = { ...DEFAULT_SLA_POLICY, startDayCounts: input.startDayCounts };

  /**
   * After a rolled-back act the read model is put back before the caller is answered, so a read
   * right after the refusal shows the case as it was. When the database is what failed, that is
   * done in the background instead (the caller is answered now); the workflow waits for it before
   * it ends.
   */
  const reprojectAfterRollback = async (outage: boolean): Promise<void> => {
    if (outage) return settle(() => project());
    try {
      await project('interactive');
    } catch (e) {
      if (!isActFailure(e)) throw e;
      settle(() => project());
    }
  };

  const view = (): ApplicationView => ({ input, state, assigneeId, stageDepartment, actsAvailable: actsAvailable(state) });

  const project = async (mode: ActivityMode = 'background'): Promise<void> => {
    projectionVersion++;
    const clockLedger = clock.ledger;
    await (mode === 'interactive' ? interactiveActivities : act).projectCase({
      caseId: input.caseId,
      caseType: 'application',
      workflowId,
      status: state.status,
      title: input.title,
      departmentCode: input.leadDepartment,
      assigneeId,
      enterpriseId: input.enterpriseId,
      policyCode: input.policyCode,
      catalogueVersion: input.catalogueVersion,
      slaState: clockLedger?.state ?? null,
      deadlineAt: clockLedger && clockLedger.state !== 'stopped' ? clockLedger.deadlineAt : null,
      deadlineProvisional: clockLedger?.provisional ?? false,
      // A JSON copy: the read model keeps what the workflow knew at this version.
      view: JSON.parse(JSON.stringify({ ...view(), clock: clockLedger })),
      projectionVersion,
      openedAt: input.filedAt,
      closedAt: state.closedAt,
      updatedAt: nowIso(),
    });
  };

  const clock: SlaClock = new SlaClock({
    caseId: input.caseId,
    title: () => input.title,
    departmentCode: () => stageDepartment,
    assigneeId: () => assigneeId,
    policy,
    onChanged: project,
  });

  const record = (a: ApplicationAct | { act: string; actor: null }, note: string | null) => {
    state.history.push({
      at: nowIso(),
      act: a.act,
      by: a.actor?.username ?? null,
      role: a.actor?.role ?? null,
      department: a.actor?.departmentCode ?? null,
      note,
    });
  };

  const auditAct = (a: ApplicationAct, reason: string | null, payload: Record<string, string | number | boolean | null>) =>
    interactiveActivities.appendAuditRecord({
      at: nowIso(),
      actorId: a.actor.userId,
      actorUsername: a.actor.username,
      actorRole: a.actor.role,
      actorDepartment: a.actor.departmentCode,
      action: `application.${a.act}`,
      subjectType: 'case',
      subjectId: input.caseId,
      outcome: 'ok',
      reason,
      payload: { status: state.status, ...payload },
      idempotencyKey: `${workflowId}:update:${currentUpdateInfo()?.id ?? nowIso()}`,
    });

  /** A decision that ends the case without an award (不予受理, 不予支持): the clock stops. */
  const refuseCase = async (outcome: 'not_accepted' | 'rejected', opinion: string, by: string, stopReason: string): Promise<void> => {
    state.decision = { outcome, amountFen: null, opinion, by, at: nowIso() };
    state.status = outcome;
    await clock.stopStage(stopReason, 'interactive');
  };

  /** Starts (or restarts after an objection) the publicity period. */
  const startPublicity = async (): Promise<void> => {
    const from = nowIso();
    if (input.sla.publicityDays <= 0) {
      // Items without publicity (tax-confidential, e.g. M42/M44): the approval is final at once.
      state.publicity = { from, until: from, closed: false };
      state.status = 'in_publicity';
      return;
    }
    const plan = await interactiveActivities.planSla({
      from,
      workingDays: input.sla.publicityDays,
      startDayCounts: false,
      allowProvisional: true,
      reminderWorkingDays: 0,
      graceWorkingDays: 1,
    });
    state.publicity = { from, until: plan.deadlineAt, closed: false };
    await clock.suspend('publicity', `公示 publicity until ${plan.deadlineDate}`, null, 'interactive');
    state.status = 'in_publicity';
  };

  installSupervision(
    {
      caseId: input.caseId,
      departmentCode: () => stageDepartment,
      isClosed: () => isFinal(state.status),
      assigneeId: () => assigneeId,
      setAssignee: (id) => {
        assigneeId = id;
      },
      onChanged: project,
      onRolledBack: reprojectAfterRollback,
      // Supervisor acts count with the application's own: one act at a time.
      actInFlight: () => busy > 0,
      enterAct: () => {
        busy++;
      },
      leaveAct: () => {
        busy--;
      },
      settle: (work) => settle(work),
    },
    clock,
    policy.headExtensionMaxDays,
  );

  setHandler(applicationViewQuery, () => ({ ...view(), clock: clock.ledger }));
  setHandler(fundsAvailableSignal, () => {
    fundsSignals++;
  });
  setHandler(bankAccountUpdatedSignal, () => {
    bankSignals++;
  });

  /**
   * Applies one act: the change, its history entry, the projection and the audit record, the
   * audit record last: once it is written nothing of the act can fail any more. (`legacy`: the
   * order of histories recorded before acts were transactions.)
   */
  const applyAct = async (a: ApplicationAct, legacy: boolean): Promise<ApplicationView & { clock: typeof clock.ledger }> => {
    let reason: string | null = null;
    const payload: Record<string, string | number | boolean | null> = {};
    switch (a.act) {
      case 'accept':
        assigneeId ??= a.actor.userId;
        state.status = 'under_review';
        // The stage changes here, so the caller's answer already shows the review clock.
        await clock.stopStage('accepted', 'interactive');
        await clock.startStage('review', input.sla.reviewDays, 'interactive');
        reason = a.opinion ?? null;
        break;
      case 'request-supplement': {
        const plan = await interactiveActivities.planSla({
          from: nowIso(),
          workingDays: input.sla.supplementDays,
          startDayCounts: false,
          allowProvisional: true,
          reminderWorkingDays: 0,
          graceWorkingDays: 1,
        });
        state.supplementRequest = { items: a.items, at: nowIso(), by: a.actor.username, dueAt: plan.deadlineAt, closed: false };
        await clock.suspend('supplement', `补正: ${a.items.map((i) => i.name).join(', ')}`, a.actor.userId, 'interactive');
        state.status = 'awaiting_supplement';
        reason = a.items.map((i) => `${i.name}: ${i.reason}`).join('; ');
        payload.dueAt = plan.deadlineAt;
        break;
      }
      case 'not-accept':
        await refuseCase('not_accepted', a.reason, a.actor.username, 'not accepted');
        reason = a.reason;
        break;
      case 'supplement': {
        // Quote first: facts that fail the form refuse the act before anything changes.
        if (a.facts) {
          const facts = { ...state.facts, ...a.facts };
          const quote = await interactiveActivities.quoteApplication({
            caseId: input.caseId,
            policyCode: input.policyCode,
            item: input.item,
            facts,
            catalogueVersion: input.catalogueVersion,
            enterpriseId: input.enterpriseId,
            asOf: input.filedAt.slice(0, 10),
          });
          state.quote = quote;
          state.facts = facts;
        }
        state.documents = [...state.documents, ...a.documents];
        await clock.resume('supplement', a.actor.userId, 'interactive');
        state.status = 'awaiting_acceptance';
        payload.documents = a.documents.length;
        break;
      }
      case 'approve':
        state.decision = {
          outcome: 'approved',
          amountFen: input.kind === 'award' ? (a.amountFen ?? null) : null,
          opinion: a.opinion,
          by: a.actor.username,
          at: nowIso(),
          ...(a.reductionReason ? { reductionReason: a.reductionReason } : {}),
        };
        state.countersigns = [];
        reason = a.opinion;
        payload.amountFen = state.decision.amountFen;
        if (input.coDepartments.length > 0) state.status = 'awaiting_countersign';
        else await startPublicity();
        break;
      case 'reject':
        await refuseCase('rejected', a.reason, a.actor.username, 'rejected');
        reason = a.reason;
        break;
      case 'countersign': {
        state.countersigns.push({ department: a.actor.departmentCode ?? '', decision: a.decision, opinion: a.opinion, by: a.actor.username, at: nowIso() });
        reason = a.opinion;
        payload.decision = a.decision;
        if (a.decision === 'disagree') {
          // Back to review with the co-department's opinion; the decision must be taken again.
          state.decision = null;
          state.status = 'under_review';
        } else if (input.coDepartments.every((d) => state.countersigns.some((c) => c.department === d && c.decision === 'agree'))) {
          await startPublicity();
        }
        break;
      }
      case 'objection':
        state.objections.push({ text: a.text, by: a.actor.username, at: nowIso(), resolution: null });
        await clock.resume('publicity', a.actor.userId, 'interactive');
        state.publicity = null;
        state.status = 'under_review';
        reason = a.text;
        break;
      case 'resolve-objection': {
        const open = state.objections.find((o) => o.resolution === null);
        if (open) open.resolution = { upheld: a.upheld, opinion: a.opinion, by: a.actor.username, at: nowIso() };
        reason = a.opinion;
        payload.upheld = a.upheld;
        if (a.upheld) {
          await refuseCase('rejected', `异议成立 objection upheld: ${a.opinion}`, a.actor.username, 'rejected after objection');
        } else {
          await startPublicity();
        }
        break;
      }
      case 'withdraw':
        state.status = 'withdrawn';
        await clock.stopStage('withdrawn', 'interactive');
        reason = a.reason;
        break;
    }
    record(a, reason);
    if (legacy) {
      await auditAct(a, reason, payload);
      await project('interactive');
    } else {
      await project('interactive');
      await auditAct(a, reason, payload);
    }
    return { ...view(), clock: clock.ledger };
  };

  /**
   * A copy of what an act may change. Putting it back keeps the windows the main loop closed in
   * the meantime closed (a closed publicity or supplement window never reopens), and says whether
   * anything differed.
   */
  const snapshot = () => {
    const saved = JSON.stringify({ state, assigneeId, stageDepartment });
    return (): boolean => {
      const publicityClosed = state.publicity?.closed === true;
      const supplementClosed = state.supplementRequest?.closed === true;
      const changed = JSON.stringify({ state, assigneeId, stageDepartment }) !== saved;
      const before = JSON.parse(saved) as { state: ApplicationState; assigneeId: string | null; stageDepartment: string };
      state = before.state;
      assigneeId = before.assigneeId;
      stageDepartment = before.stageDepartment;
      if (publicityClosed && state.publicity) state.publicity.closed = true;
      if (supplementClosed && state.supplementRequest) state.supplementRequest.closed = true;
      return changed;
    };
  };

  const settle = (work: () => Promise<unknown>): void => {
    settling.push(
      work().then(
        () => undefined,
        (e: unknown) => log.warn('background work after an act failed', { caseId: input.caseId, error: String(e) }),
      ),
    );
  };

  setHandler(
    applicationActUpdate,
    async (a: ApplicationAct) => {
      busy++;
      try {
        // An act delivered with the start waits until the acceptance clock runs.
        await condition(() => started);
        return await runActTransaction({ clock, snapshot, apply: (legacy) => applyAct(a, legacy), reproject: reprojectAfterRollback, settle });
      } finally {
        busy--;
      }
    },
    {
      validator: (a: ApplicationAct) => {
        const bad = inputProblem(state, input, a);
        if (bad) throw ApplicationFailure.create({ message: bad, type: REFUSAL.invalid, nonRetryable: true });
        const conflict = busy > 0 ? 'Another act on this application is being processed; try again.' : stateConflict(state, input, a);
        if (conflict) throw ApplicationFailure.create({ message: conflict, type: REFUSAL.stateConflict, nonRetryable: true, details: [state.status] });
      },
    },
  );

  const idle = () => busy === 0;
  // Read through a function: handlers change the status between awaits, which the compiler's
  // narrowing of `state.status` cannot see.
  const status = () => state.status;

  // --- the stages ---
  await project();

  // 受理 Acceptance, with the supplement window inside it.
  await clock.startStage('acceptance', input.sla.acceptanceDays);
  started = true;
  while (state.status === 'awaiting_acceptance' || state.status === 'awaiting_supplement') {
    if (state.status === 'awaiting_acceptance') {
      await clock.runUntil(() => idle() && state.status !== 'awaiting_acceptance');
    } else {
      const request = state.supplementRequest;
      const dueAt = Date.parse(request?.dueAt ?? nowIso());
      const answered = await condition(() => idle() && state.status !== 'awaiting_supplement', Math.max(1, dueAt - Date.now()));
      if (!answered && request) {
        // The window is over: refuse new supplements at once, let one already accepted finish.
        // (On the state as it is now: an act rolled back meanwhile replaced the state object.)
        (state.supplementRequest ?? request).closed = true;
        await condition(idle);
        if (state.supplementRequest) state.supplementRequest.closed = true;
        if (status() === 'awaiting_supplement') {
          state.status = 'expired_supplement';
          record({ act: 'expire-supplement', actor: null }, '逾期未补正: the supplement window closed');
        }
      }
    }
  }
  // Accept started the review clock and the acts that end a case stopped theirs; only an
  // expired supplement window is left to stop here.
  if (status() !== 'under_review') await clock.stopStage(status());

  // 审核 Review, 会签 countersign and 公示 publicity (the review clock stops during publicity).
  if (status() === 'under_review') {
    for (;;) {
      await clock.runUntil(() => idle() && !['under_review', 'awaiting_countersign'].includes(status()));
      if (status() !== 'in_publicity') break;
      const publicity = state.publicity;
      const until = Date.parse(publicity?.until ?? nowIso());
      const objected = await condition(() => idle() && status() !== 'in_publicity', Math.max(1, until - Date.now()));
      if (objected || !publicity) continue;
      // Publicity is over: refuse new objections at once, let one already accepted finish.
      // (On the state as it is now: an act rolled back meanwhile replaced the state object.)
      (state.publicity ?? publicity).closed = true;
      await condition(idle);
      // Closed again: an objection rolled back while we waited put back a state whose window was open.
      if (state.publicity) state.publicity.closed = true;
      if (status() === 'in_publicity') break; // passed without objection: the approval is final
    }
    await clock.stopStage(status() === 'in_publicity' ? 'publicity passed' : status());
  }

  // Funding and payment (award items), or the approval is granted (approval items).
  if (status() === 'in_publicity') {
    record({ act: 'publicity-passed', actor: null }, null);
    if (input.kind === 'approval') {
      state.status = 'approved';
    } else {
      stageDepartment = 'CZJ';
      const amountFen = state.decision?.amountFen ?? 0;
      await clock.startStage('funding', input.sla.paymentDays);
      for (;;) {
        const seen = fundsSignals;
        const r = await act.requestBudgetCommitment({
          caseId: input.caseId,
          year: input.budgetYear,
          policyCode: input.policyCode,
          amountFen,
          approvedAt: state.decision?.at ?? nowIso(),
          at: nowIso(),
        });
        if (r.status === 'committed') break;
        if (state.status !== 'awaiting_funds') {
          state.status = 'awaiting_funds';
          state.funding.commitment = 'waiting';
          record({ act: 'await-funds', actor: null }, `budget short: ${r.ahead} case(s) ahead, ${r.remainingFen} fen left`);
          await project();
        }
        await clock.runUntil(() => fundsSignals !== seen);
      }
      state.funding.commitment = 'committed';
      state.status = 'paying';
      await project();
      for (;;) {
        state.funding.attempts++;
        try {
          const paid = await act.payAward({ caseId: input.caseId, enterpriseId: input.enterpriseId, amountFen, attempt: state.funding.attempts, at: nowIso() });
          state.funding = { ...state.funding, commitment: 'paid', transferRef: paid.transferRef, account: paid.account, failure: null };
          break;
        } catch (err) {
          const cause = err instanceof ActivityFailure ? err.cause : undefined;
          if (!(cause instanceof ApplicationFailure) || !['PAYMENT_REFUSED', 'BANK_ACCOUNT_MISSING'].includes(cause.type ?? '')) throw err;
          const seen = bankSignals;
          const failedAt = nowIso();
          state.funding.failure = cause.message;
          state.status = 'payment_failed';
          record({ act: 'payment-failed', actor: null }, cause.message);
          await clock.suspend('supplement', `拨付失败 payment refused: ${cause.message}`, null);
          await project();
          // The account update signals this case; a signal missed in a race is caught by a daily look.
          while (!(await condition(() => bankSignals !== seen, '1 day'))) {
            if (await act.bankAccountChangedSince({ enterpriseId: input.enterpriseId, since: failedAt })) break;
          }
          await clock.resume('supplement', null);
          state.status = 'paying';
          await project();
        }
      }
      // Limits count what was paid: a single-key award records the approved amount, not the quote.
      const grants = state.quote.awardRecords.length === 1 ? state.quote.awardRecords.map((g) => ({ ...g, amountFen })) : state.quote.awardRecords;
      await act.recordAwardGrants({ caseId: input.caseId, enterpriseId: input.enterpriseId, grants, at: nowIso() });
      state.status = 'paid';
    }
  }

  state.closedAt = nowIso();
  record({ act: 'close', actor: null }, state.status);
  await clock.stopStage(state.status);
  await project();
  await condition(allHandlersFinished);
  await Promise.all(settling);
  return view();
}
