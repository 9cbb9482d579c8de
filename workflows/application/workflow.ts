// applicationWorkflow: one award or approval application (申报) from filing to payment, on the
// case kernel (workflows/case/kernel.ts), which runs its acts, journal, read model, stage clocks,
// supervisor acts and continue-as-new. What is written here is the application's own: its acts,
// its stages and its funding.
// 受理 acceptance → (补正 supplement) → 审核 review → 会签 countersign → 公示 publicity →
// budget commitment → 拨付 payment. The SLA clock runs at every human stage (acceptance and
// review by the lead department, funding and payment by the finance bureau) and stops while the
// case waits on the enterprise or is in publicity.
import { ActivityFailure, ApplicationFailure, continueAsNew, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { isFinal, type TApplicationStatus } from '../../domain/application/status';
import { FAILURE, PAYMENT_ANSWERS, type FailureType } from '../../domain/failures';
import { DEFAULT_SLA_POLICY } from '../../domain/sla';
import { interactiveActivities } from '../case/act-proxies';
import { CaseKernel, type ActRegistry } from '../case/kernel';
import type { CaseCarry, ContinueAsNewPolicy } from '../case/types';
import { applicationActUpdate, applicationViewQuery, bankAccountUpdatedSignal, fundsAvailableSignal, type ApplicationAct } from './messages';
import { applicationColumns, applicationCompactView } from './projection';
import { caseStateOf, filingEntry, inputProblem, stateConflict, type ApplicationCaseState, type ApplicationInput } from './state';
import type { ApplicationCompactView, ApplicationView } from './view';

/** Marks the cases whose acceptance clock starts at the filing instant (`input.filedAt`). */
export const FILED_AT_CLOCK_PATCH = 'acceptance-clock-at-filing-v1';
const FILED_AT_TOLERANCE_MS = 60_000;

export type { ApplicationView } from './view';

const act = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    nonRetryableErrorTypes: [FAILURE.paymentRefused, FAILURE.bankAccountMissing, FAILURE.stateConflict, FAILURE.invalid, FAILURE.factsInvalid],
  },
});

const nowIso = () => new Date(Date.now()).toISOString();
const DAY_MS = 24 * 60 * 60 * 1000;

/** What a run hands the next one, and (tests) when to continue as new. */
export interface ApplicationRunOptions {
  carried?: CaseCarry<ApplicationCaseState>;
  continueAsNew?: ContinueAsNewPolicy;
}

const ACCEPTANCE: readonly TApplicationStatus[] = ['awaiting_acceptance', 'awaiting_supplement'];
const REVIEW: readonly TApplicationStatus[] = ['under_review', 'awaiting_countersign', 'in_publicity'];

export async function applicationWorkflow(input: ApplicationInput, run: ApplicationRunOptions = {}): Promise<ApplicationView> {
  const k = new CaseKernel<ApplicationCaseState, ApplicationCompactView>({
    caseId: input.caseId,
    caseType: 'application',
    department: input.leadDepartment,
    policy: { ...DEFAULT_SLA_POLICY, startDayCounts: input.startDayCounts },
    initial: caseStateOf(input),
    initialHistory: [filingEntry(input)],
    ...(run.carried ? { carried: run.carried } : {}),
    columns: (s) => applicationColumns(input, s),
    view: (s, meta) => applicationCompactView(input, s, meta),
    isClosed: (s) => isFinal(s.status),
    continueAsNew: (carry) => continueAsNew<typeof applicationWorkflow>(input, { ...run, carried: carry }),
    ...(run.continueAsNew ? { continueAsNewPolicy: run.continueAsNew } : {}),
  });
  const { clock } = k;
  // Read through a function: handlers change the status between awaits, which the compiler's
  // narrowing of `k.state.status` cannot see.
  const status = () => k.state.status;
  const fullView = (): ApplicationView => {
    const q = k.queryView();
    return { input, state: { ...q.state, history: q.history }, assigneeId: q.assigneeId, stageDepartment: q.stageDepartment, actsAvailable: q.actsAvailable, clock: q.clock, clocks: q.clocks };
  };

  let fundsSignals = 0;
  let bankSignals = 0;
  setHandler(applicationViewQuery, fullView);
  setHandler(fundsAvailableSignal, () => {
    fundsSignals++;
  });
  setHandler(bankAccountUpdatedSignal, () => {
    bankSignals++;
  });

  /** A decision that ends the case without an award (不予受理, 不予支持): the clock stops. */
  const refuseCase = async (outcome: 'not_accepted' | 'rejected', opinion: string, by: string, stopReason: string): Promise<void> => {
    k.state.decision = { outcome, amountFen: null, opinion, by, at: nowIso() };
    k.state.status = outcome;
    await clock.stopStage(stopReason, 'interactive');
  };

  /** Starts (or restarts after an objection) the publicity period. */
  const startPublicity = async (): Promise<void> => {
    const from = nowIso();
    if (input.sla.publicityDays <= 0) {
      // Items without publicity (tax-confidential, e.g. M42/M44): the approval is final at once.
      k.state.publicity = { from, until: from, closed: false };
      k.state.status = 'in_publicity';
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
    k.state.publicity = { from, until: plan.deadlineAt, closed: false };
    await clock.suspend('publicity', `公示 publicity until ${plan.deadlineDate}`, null, 'interactive');
    k.state.status = 'in_publicity';
  };

  k.installActs<ApplicationAct>(applicationActUpdate, actsOf(input, k, { refuseCase, startPublicity }), {
    action: (a) => `application.${a.act}`,
    problem: (a, s) => inputProblem(s, input, a),
    conflict: (a, s) => stateConflict(s, input, a),
  });

  // --- the stages (a run continued as new starts at the stage the case is in) ---
  if (!k.resumed) {
    await k.project();
    // The acceptance clock starts at the filing instant, as the API's answer to the filing computed
    // it (domain/sla/first-deadline.ts), when the case starts right after its filing (always, but
    // for a start the API retried long after, e.g. after a crash: then at its first task, as cases
    // started before this did).
    const filedJustNow = Math.abs(Date.now() - Date.parse(input.filedAt)) <= FILED_AT_TOLERANCE_MS;
    await clock.startStage('acceptance', input.sla.acceptanceDays, 'background', patched(FILED_AT_CLOCK_PATCH) && filedJustNow ? { at: input.filedAt } : {});
  }
  k.open();

  // 受理 Acceptance, with the supplement window inside it.
  if (ACCEPTANCE.includes(status())) {
    while (status() === 'awaiting_acceptance' || status() === 'awaiting_supplement') {
      if (status() === 'awaiting_acceptance') {
        await k.waitUntil(() => k.idle() && status() !== 'awaiting_acceptance');
        continue;
      }
      const closeWindow = () => {
        if (k.state.supplementRequest) k.state.supplementRequest.closed = true;
      };
      // The window is over: refuse new supplements at once, let one already accepted finish.
      if (await k.window(k.state.supplementRequest?.dueAt ?? nowIso(), () => status() === 'awaiting_supplement', closeWindow)) {
        k.state.status = 'expired_supplement';
        k.record('expire-supplement', null, '逾期未补正: the supplement window closed');
      }
    }
    // Accept started the review clock and the acts that end a case stopped theirs; only an
    // expired supplement window is left to stop here.
    if (status() !== 'under_review') await clock.stopStage(status());
  }

  // 审核 Review, 会签 countersign and 公示 publicity (the review clock stops during publicity).
  if (REVIEW.includes(status())) {
    for (;;) {
      await k.waitUntil(() => k.idle() && !['under_review', 'awaiting_countersign'].includes(status()));
      if (status() !== 'in_publicity') break;
      const closePublicity = () => {
        if (k.state.publicity) k.state.publicity.closed = true;
      };
      // Publicity is over without objection: the approval is final.
      if (await k.window(k.state.publicity?.until ?? nowIso(), () => status() === 'in_publicity', closePublicity)) break;
    }
    await clock.stopStage(status() === 'in_publicity' ? 'publicity passed' : status());
  }

  // Funding and payment (award items), or the approval is granted (approval items).
  if (status() === 'in_publicity') {
    k.record('publicity-passed', null, null);
    if (input.kind === 'approval') {
      k.state.status = 'approved';
    } else {
      k.meta.department = 'CZJ';
      await clock.startStage('funding', input.sla.paymentDays);
    }
  }
  if (input.kind === 'award' && (status() === 'in_publicity' || status() === 'awaiting_funds')) await commitBudget();
  if (status() === 'paying' || status() === 'payment_failed') {
    await pay();
    // Limits count what was paid: a single-key award records the approved amount, not the quote.
    const amountFen = k.state.decision?.amountFen ?? 0;
    const grants = k.state.quote.awardRecords.length === 1 ? k.state.quote.awardRecords.map((g) => ({ ...g, amountFen })) : k.state.quote.awardRecords;
    await act.recordAwardGrants({ caseId: input.caseId, enterpriseId: input.enterpriseId, grants, at: nowIso() });
    k.state.status = 'paid';
  }

  k.state.closedAt = nowIso();
  k.record('close', null, status());
  await clock.stopStage(status());
  await k.project();
  await k.finish();
  return fullView();

  /** Commits the award's budget, waiting (awaiting_funds) while the measure's budget is short. */
  async function commitBudget(): Promise<void> {
    for (;;) {
      const seen = fundsSignals;
      const r = await act.requestBudgetCommitment({
        caseId: input.caseId,
        year: input.budgetYear,
        policyCode: input.policyCode,
        amountFen: k.state.decision?.amountFen ?? 0,
        approvedAt: k.state.decision?.at ?? nowIso(),
        at: nowIso(),
      });
      if (r.status === 'committed') break;
      if (status() !== 'awaiting_funds') {
        k.state.status = 'awaiting_funds';
        k.state.funding.commitment = 'waiting';
        k.record('await-funds', null, `budget short: ${r.ahead} case(s) ahead, ${r.remainingFen} fen left`);
        await k.project();
      }
      await k.waitUntil(() => fundsSignals !== seen);
    }
    k.state.funding.commitment = 'committed';
    k.state.status = 'paying';
    await k.project();
  }

  /** Pays the award; a refused payment waits (payment_failed, clock stopped) for a corrected account. */
  async function pay(): Promise<void> {
    const amountFen = k.state.decision?.amountFen ?? 0;
    // Counted from the refusal on: an account update signalled while the refusal is recorded counts.
    let bankSeen = bankSignals;
    for (;;) {
      if (status() === 'payment_failed') {
        await waitForAccount(bankSeen);
        await clock.resume('supplement', null);
        k.state.status = 'paying';
        await k.project();
      }
      k.state.funding.attempts++;
      try {
        const paid = await act.payAward({ caseId: input.caseId, enterpriseId: input.enterpriseId, amountFen, attempt: k.state.funding.attempts, at: nowIso() });
        k.state.funding = { ...k.state.funding, commitment: 'paid', transferRef: paid.transferRef, account: paid.account, failure: null };
        return;
      } catch (err) {
        const cause = err instanceof ActivityFailure ? err.cause : undefined;
        if (!(cause instanceof ApplicationFailure) || !PAYMENT_ANSWERS.includes((cause.type ?? '') as FailureType)) throw err;
        bankSeen = bankSignals;
        k.state.funding.failure = cause.message;
        k.state.funding.failedAt = nowIso();
        k.state.status = 'payment_failed';
        k.record('payment-failed', null, cause.message);
        await clock.suspend('supplement', `拨付失败 payment refused: ${cause.message}`, null);
        await k.project();
      }
    }
  }

  /** The account update signals this case; a signal missed in a race is caught by a daily look. */
  async function waitForAccount(seen: number): Promise<void> {
    const since = k.state.funding.failedAt ?? nowIso();
    while (!(await k.waitFor(() => bankSignals !== seen, Date.now() + DAY_MS))) {
      if (await act.bankAccountChangedSince({ enterpriseId: input.enterpriseId, since })) return;
    }
  }
}


/** The changes of the application's acts; the kernel journals, projects and audits each. */
function actsOf(
  input: ApplicationInput,
  k: CaseKernel<ApplicationCaseState, ApplicationCompactView>,
  steps: {
    refuseCase: (outcome: 'not_accepted' | 'rejected', opinion: string, by: string, stopReason: string) => Promise<void>;
    startPublicity: () => Promise<void>;
  },
): ActRegistry<ApplicationCaseState, ApplicationAct> {
  const { clock } = k;
  const { refuseCase, startPublicity } = steps;
  return {
    accept: {
      async apply(a) {
        k.meta.assigneeId ??= a.actor.userId;
        k.state.status = 'under_review';
        // The stage changes here, so the caller's answer already shows the review clock.
        await clock.stopStage('accepted', 'interactive');
        await clock.startStage('review', input.sla.reviewDays, 'interactive');
        return { reason: a.opinion ?? null };
      },
    },
    'request-supplement': {
      async apply(a) {
        const plan = await interactiveActivities.planSla({
          from: nowIso(),
          workingDays: input.sla.supplementDays,
          startDayCounts: false,
          allowProvisional: true,
          reminderWorkingDays: 0,
          graceWorkingDays: 1,
        });
        k.state.supplementRequest = { items: a.items, at: nowIso(), by: a.actor.username, dueAt: plan.deadlineAt, closed: false };
        await clock.suspend('supplement', `补正: ${a.items.map((i) => i.name).join(', ')}`, a.actor.userId, 'interactive');
        k.state.status = 'awaiting_supplement';
        return { reason: a.items.map((i) => `${i.name}: ${i.reason}`).join('; '), payload: { dueAt: plan.deadlineAt } };
      },
    },
    'not-accept': {
      async apply(a) {
        await refuseCase('not_accepted', a.reason, a.actor.username, 'not accepted');
        return { reason: a.reason };
      },
    },
    supplement: {
      async apply(a) {
        // Quote first: facts that fail the form refuse the act before anything changes.
        if (a.facts) {
          const facts = { ...k.state.facts, ...a.facts };
          const quote = await interactiveActivities.quoteApplication({
            caseId: input.caseId,
            policyCode: input.policyCode,
            item: input.item,
            facts,
            catalogueVersion: input.catalogueVersion,
            enterpriseId: input.enterpriseId,
            asOf: input.filedAt.slice(0, 10),
          });
          k.state.quote = quote;
          k.state.facts = facts;
        }
        k.state.documents = [...k.state.documents, ...a.documents];
        await clock.resume('supplement', a.actor.userId, 'interactive');
        k.state.status = 'awaiting_acceptance';
        return { reason: null, payload: { documents: a.documents.length } };
      },
    },
    approve: {
      async apply(a) {
        const decision = {
          outcome: 'approved' as const,
          amountFen: input.kind === 'award' ? (a.amountFen ?? null) : null,
          opinion: a.opinion,
          by: a.actor.username,
          at: nowIso(),
          ...(a.reductionReason ? { reductionReason: a.reductionReason } : {}),
        };
        k.state.decision = decision;
        k.state.countersigns = [];
        if (input.coDepartments.length > 0) k.state.status = 'awaiting_countersign';
        else await startPublicity();
        return { reason: a.opinion, payload: { amountFen: decision.amountFen } };
      },
    },
    reject: {
      async apply(a) {
        await refuseCase('rejected', a.reason, a.actor.username, 'rejected');
        return { reason: a.reason };
      },
    },
    countersign: {
      async apply(a) {
        const s = k.state;
        s.countersigns.push({ department: a.actor.departmentCode ?? '', decision: a.decision, opinion: a.opinion, by: a.actor.username, at: nowIso() });
        if (a.decision === 'disagree') {
          // Back to review with the co-department's opinion; the decision must be taken again.
          s.decision = null;
          s.status = 'under_review';
        } else if (input.coDepartments.every((d) => s.countersigns.some((c) => c.department === d && c.decision === 'agree'))) {
          await startPublicity();
        }
        return { reason: a.opinion, payload: { decision: a.decision } };
      },
    },
    objection: {
      async apply(a) {
        k.state.objections.push({ text: a.text, by: a.actor.username, at: nowIso(), resolution: null });
        await clock.resume('publicity', a.actor.userId, 'interactive');
        k.state.publicity = null;
        k.state.status = 'under_review';
        return { reason: a.text };
      },
    },
    'resolve-objection': {
      async apply(a) {
        const open = k.state.objections.find((o) => o.resolution === null);
        if (open) open.resolution = { upheld: a.upheld, opinion: a.opinion, by: a.actor.username, at: nowIso() };
        if (a.upheld) await refuseCase('rejected', `异议成立 objection upheld: ${a.opinion}`, a.actor.username, 'rejected after objection');
        else await startPublicity();
        return { reason: a.opinion, payload: { upheld: a.upheld } };
      },
    },
    withdraw: {
      async apply(a) {
        k.state.status = 'withdrawn';
        await clock.stopStage('withdrawn', 'interactive');
        return { reason: a.reason };
      },
    },
  };
}
