// proxyCaseWorkflow: one 代办 proxy case (measures 39, 40), on the case kernel
// (workflows/case/kernel.ts), which runs its acts, journal, read model, clocks, supervisor acts and
// continue-as-new. What is written here is the proxy service's own: one agent carries one
// enterprise's project through the stages of its approvals (帮办代办不包办: the agent prepares and
// files, the authority decides), the items of a stage in parallel, each with its own clock.
// 委托 entrustment and 分派 assignment → stages → 办结 completion record → 好差评 rating (→ 整改).
// Clocks, by ledger stage name: `assignment` (escalating), one per item (escalating, stopped while
// the item waits on the enterprise or was returned), one per stage and `reform_target` (tracking:
// counted, not escalated; stopped while no item's clock runs), `problem_N`, `follow_up`.
import { continueAsNew, setHandler } from '@temporalio/workflow';
import { isBadRating, isFinalProxyStatus } from '../../domain/proxy/status';
import { DEFAULT_SLA_POLICY } from '../../domain/sla';
import { interactiveActivities } from '../case/act-proxies';
import { CaseKernel, type ActOutcome, type ActRegistry } from '../case/kernel';
import type { CaseCarry, ContinueAsNewPolicy } from '../case/types';
import { proxyActUpdate, proxyViewQuery, type ProxyAct } from './messages';
import { PROXY_DEPARTMENT, proxyColumns, proxyCompactView } from './projection';
import {
  ASSIGNMENT_CLOCK,
  FOLLOW_UP_CLOCK,
  filingEntry,
  initialProxyState,
  inputProblem,
  itemClockRuns,
  itemOf,
  openItemsOf,
  problemClock,
  REFORM_CLOCK,
  runningStage,
  stateConflict,
  type CompletionRecord,
  type ItemState,
  type ProxyCaseInput,
  type ProxyCaseState,
} from './state';
import type { ProxyCompactView, ProxyView } from './view';

export type { ProxyView } from './view';

const nowIso = () => new Date(Date.now()).toISOString();

export interface ProxyRunOptions {
  carried?: CaseCarry<ProxyCaseState>;
  continueAsNew?: ContinueAsNewPolicy;
}

type Kernel = CaseKernel<ProxyCaseState, ProxyCompactView>;

export async function proxyCaseWorkflow(input: ProxyCaseInput, run: ProxyRunOptions = {}): Promise<ProxyView> {
  const k: Kernel = new CaseKernel<ProxyCaseState, ProxyCompactView>({
    caseId: input.caseId,
    caseType: 'proxy',
    department: PROXY_DEPARTMENT,
    policy: DEFAULT_SLA_POLICY,
    initial: initialProxyState(input),
    initialHistory: [filingEntry(input)],
    ...(run.carried ? { carried: run.carried } : {}),
    columns: (s) => proxyColumns(input, s),
    view: (s, meta) => proxyCompactView(input, s, meta),
    isClosed: (s) => isFinalProxyStatus(s.status),
    continueAsNew: (carry) => continueAsNew<typeof proxyCaseWorkflow>(input, { ...run, carried: carry }),
    ...(run.continueAsNew ? { continueAsNewPolicy: run.continueAsNew } : {}),
  });
  // Read through a function: acts change the status between awaits.
  const status = () => k.state.status;
  setHandler(proxyViewQuery, () => k.queryView());
  k.installActs<ProxyAct>(proxyActUpdate, actsOf(input, k), {
    action: (a) => `proxy.${a.act}`,
    problem: (a, s) => inputProblem(s, input, a),
    conflict: (a, s) => stateConflict(s, input, a),
  });

  if (!k.resumed) {
    await k.project();
    // A case the enterprise filed needs an agent now; one filed by staff once the enterprise confirms it.
    if (status() === 'awaiting_assignment') await k.clock.startStage(ASSIGNMENT_CLOCK, input.plan.assignmentDays);
  }
  k.open();

  // The acts drive the case; the main loop keeps the clocks and closes the rating window.
  for (;;) {
    await k.waitUntil(() => k.idle() && (isFinalProxyStatus(status()) || status() === 'awaiting_rating'));
    if (isFinalProxyStatus(status())) break;
    const closeRating = () => {
      k.state.ratingClosed = true;
    };
    if (await k.window(k.state.ratingDueAt ?? nowIso(), () => status() === 'awaiting_rating', closeRating)) {
      k.state.status = 'completed';
      k.state.closedAt = nowIso();
      k.record('rating-expired', null, '未评价: the rating window closed without a rating');
    }
  }

  k.state.closedAt ??= nowIso();
  k.record('close', null, status());
  await stopOpenClocks(k, status());
  await k.project();
  await k.finish();
  return k.queryView();
}

/** Stops every clock still open (a case ended early, or the end of a case). */
async function stopOpenClocks(k: Kernel, reason: string, mode: 'interactive' | 'background' = 'background'): Promise<void> {
  for (const l of k.clock.ledgers.filter((x) => x.state !== 'stopped')) await k.clock.stopStage(reason, mode, l.stage);
}

/** The working days a stopped clock consumed (the last one of that name). */
function consumedOf(k: Kernel, stage: string): number {
  const l = [...k.clock.ledgers].reverse().find((x) => x.stage === stage);
  return l?.consumedDays ?? 0;
}

/** The changes of the proxy case's acts; the kernel journals, projects and audits each. */
function actsOf(input: ProxyCaseInput, k: Kernel): ActRegistry<ProxyCaseState, ProxyAct> {
  const { clock } = k;
  const plan = input.plan;
  const item = (key: string): ItemState => {
    const i = itemOf(k.state, key);
    if (!i) throw new Error(`item ${key} is not in the plan (the validator refuses it)`);
    return i;
  };

  /** Starts a stage: its tracked total and one clock per item, all at once (并联审批). */
  const startStage = async (key: string): Promise<void> => {
    const planned = plan.stages.find((s) => s.key === key);
    const st = k.state.stages.find((s) => s.key === key);
    if (!planned || !st) throw new Error(`stage ${key} is not in the plan`);
    st.status = 'running';
    st.startedAt = nowIso();
    await clock.startStage(key, planned.workingDays, 'interactive', { tracking: true });
    for (const p of planned.items) {
      item(p.key).status = 'preparing';
      await clock.startStage(p.key, p.workingDays, 'interactive');
    }
  };

  /** The stages begin once an agent is assigned and the entrustment is recorded. */
  const startWorkIfReady = async (): Promise<string | null> => {
    if (!k.state.agentId || !k.state.entrustment) return null;
    k.state.status = 'in_progress';
    await clock.startStage(REFORM_CLOCK, plan.reformTargetDays, 'interactive', { tracking: true });
    const first = plan.stages[0]?.key;
    if (!first) throw new Error('a plan has at least one stage');
    await startStage(first);
    return first;
  };

  /**
   * The stage's total and the reform target count agent and authority time only: they stop while
   * no item of the running stage has its clock running (every one waits on the enterprise or was
   * returned for more), and run again when one does.
   */
  const syncTrackers = async (by: string): Promise<void> => {
    const stage = runningStage(k.state);
    if (!stage) return;
    const anyRuns = openItemsOf(k.state, stage.key).some(itemClockRuns);
    const stopped = clock.open(stage.key)?.suspensions.some((s) => s.kind === 'enterprise_wait' && s.to === null) ?? false;
    if (!anyRuns && !stopped) {
      for (const c of [stage.key, REFORM_CLOCK]) await clock.suspend('enterprise_wait', '全部事项等待企业 every item waits on the enterprise', by, 'interactive', c);
    } else if (anyRuns && stopped) {
      for (const c of [stage.key, REFORM_CLOCK]) await clock.resume('enterprise_wait', by, 'interactive', c);
    }
  };

  /** 办结: the completion record from the stopped clocks, and the rating window. */
  const complete = async (): Promise<void> => {
    await clock.stopStage('all items approved', 'interactive', REFORM_CLOCK);
    const record: CompletionRecord = {
      completedAt: nowIso(),
      stages: plan.stages.map((s) => ({
        key: s.key,
        labelZh: s.labelZh,
        workingDays: consumedOf(k, s.key),
        items: s.items.map((p) => {
          const i = item(p.key);
          return { key: p.key, labelZh: p.labelZh, authority: i.authority, permitNo: i.permitNo ?? '', approvedAt: i.approvedAt ?? '', workingDays: consumedOf(k, p.key) };
        }),
      })),
      totalWorkingDays: consumedOf(k, REFORM_CLOCK),
      reformTargetDays: plan.reformTargetDays,
    };
    const window = await interactiveActivities.planSla({ from: nowIso(), workingDays: plan.ratingDays, startDayCounts: false, allowProvisional: true, reminderWorkingDays: 0, graceWorkingDays: 1 });
    k.state.completion = record;
    k.state.ratingDueAt = window.deadlineAt;
    k.state.status = 'awaiting_rating';
  };

  const endEarly = async (kind: 'terminated' | 'closed_by_supervisor', text: string, by: string): Promise<void> => {
    k.state.ending = { kind, text, by, at: nowIso() };
    k.state.status = kind;
    k.state.closedAt = nowIso();
    await stopOpenClocks(k, kind === 'terminated' ? 'terminated by the enterprise' : 'closed by a supervisor', 'interactive');
  };

  return {
    confirm: {
      async apply(a) {
        k.state.confirmedAt = nowIso();
        k.state.status = 'awaiting_assignment';
        await clock.startStage(ASSIGNMENT_CLOCK, plan.assignmentDays, 'interactive');
        return { reason: a.note ?? null };
      },
    },
    entrust: {
      async apply(a) {
        k.state.entrustment = { scope: a.scope, agentId: k.state.agentId, by: a.actor.username, at: nowIso() };
        const started = await startWorkIfReady();
        return { reason: a.scope, payload: { startedStage: started } };
      },
    },
    assign: {
      async apply(a) {
        k.state.agentId = a.agentId;
        k.meta.assigneeId = a.agentId;
        if (k.state.entrustment) k.state.entrustment.agentId ??= a.agentId;
        await clock.stopStage('assigned', 'interactive', ASSIGNMENT_CLOCK);
        const started = await startWorkIfReady();
        if (!started) k.state.status = 'awaiting_entrustment';
        return { reason: null, payload: { agentId: a.agentId, startedStage: started } };
      },
    },
    reassign: {
      async apply(a) {
        const stage = runningStage(k.state);
        const openItems = stage ? openItemsOf(k.state, stage.key).map((i) => ({ key: i.key, status: i.status })) : [];
        k.state.handovers.push({ from: k.state.agentId, to: a.agentId, reason: a.reason, openItems, by: a.actor.username, at: nowIso() });
        // One step: the case is never without an agent, nor with two.
        k.state.agentId = a.agentId;
        k.meta.assigneeId = a.agentId;
        return { reason: a.reason, payload: { from: k.state.handovers.at(-1)?.from ?? null, to: a.agentId, openItems: openItems.length } };
      },
    },
    note: {
      async apply(a) {
        k.state.notes.push({ text: a.text, by: a.actor.username, role: a.actor.role, at: nowIso() });
        return { reason: a.text };
      },
    },
    problem: {
      async apply(a) {
        const id = k.state.problems.length + 1;
        const stage = a.stage ?? (a.item ? (itemOf(k.state, a.item)?.stage ?? null) : null);
        k.state.problems.push({ id, text: a.text, stage, item: a.item ?? null, raisedBy: a.actor.username, raisedAt: nowIso(), resolution: null });
        await clock.startStage(problemClock(id), plan.problemDays, 'interactive');
        return { reason: a.text, payload: { problemId: id } };
      },
    },
    'resolve-problem': {
      async apply(a) {
        const p = k.state.problems.find((x) => x.id === a.problemId);
        if (p) p.resolution = { text: a.resolution, by: a.actor.username, at: nowIso() };
        await clock.stopStage('resolved', 'interactive', problemClock(a.problemId));
        return { reason: a.resolution, payload: { problemId: a.problemId } };
      },
    },
    'request-materials': {
      async apply(a) {
        item(a.item).materialsRequest = { request: a.request, by: a.actor.username, at: nowIso() };
        await clock.suspend('enterprise_wait', `待企业提供材料 waits on the enterprise: ${a.request}`, a.actor.userId, 'interactive', a.item);
        await syncTrackers(a.actor.userId);
        return { reason: a.request, payload: { item: a.item } };
      },
    },
    'provide-materials': {
      async apply(a) {
        const i = item(a.item);
        const asked = i.materialsRequest;
        i.materials.push({ request: asked?.request ?? '', note: a.note, requestedAt: asked?.at ?? nowIso(), providedAt: nowIso(), providedBy: a.actor.username });
        i.materialsRequest = null;
        await clock.resume('enterprise_wait', a.actor.userId, 'interactive', a.item);
        await syncTrackers(a.actor.userId);
        return { reason: a.note, payload: { item: a.item } };
      },
    },
    guide: {
      async apply(a) {
        item(a.item).guidance = { notes: a.notes, by: a.actor.username, at: nowIso() };
        return { reason: a.notes, payload: { item: a.item } };
      },
    },
    submit: {
      async apply(a) {
        const i = item(a.item);
        if (i.status === 'returned') await clock.resume('supplement', a.actor.userId, 'interactive', a.item);
        i.status = 'submitted';
        i.authority = a.authority;
        i.submissions.push({ authority: a.authority, reference: a.reference, by: a.actor.username, at: nowIso() });
        await syncTrackers(a.actor.userId);
        return { reason: a.reference, payload: { item: a.item, authority: a.authority } };
      },
    },
    return: {
      async apply(a) {
        const i = item(a.item);
        i.status = 'returned';
        i.returns.push({ reason: a.reason, by: a.actor.username, at: nowIso() });
        await clock.suspend('supplement', `退回补正 returned by ${i.authority}: ${a.reason}`, a.actor.userId, 'interactive', a.item);
        await syncTrackers(a.actor.userId);
        return { reason: a.reason, payload: { item: a.item } };
      },
    },
    approve: {
      async apply(a): Promise<ActOutcome> {
        const i = item(a.item);
        i.status = 'approved';
        i.permitNo = a.permitNo;
        i.approvedAt = nowIso();
        i.approvedBy = a.actor.username;
        await clock.stopStage(`approved: ${a.permitNo}`, 'interactive', a.item);
        const stage = runningStage(k.state);
        if (!stage || openItemsOf(k.state, stage.key).length > 0) {
          await syncTrackers(a.actor.userId);
          return { reason: a.permitNo, payload: { item: a.item } };
        }
        // The stage is done when all its items are: the next starts now, or the case is complete.
        stage.status = 'done';
        stage.doneAt = nowIso();
        await clock.stopStage('all items approved', 'interactive', stage.key);
        const next = k.state.stages.find((s) => s.status === 'pending');
        if (next) await startStage(next.key);
        else await complete();
        return { reason: a.permitNo, payload: { item: a.item, stageDone: stage.key, nextStage: next?.key ?? null, completed: !next } };
      },
    },
    rate: {
      async apply(a) {
        k.state.rating = { level: a.level, comment: a.comment ?? null, by: a.actor.username, at: nowIso() };
        if (isBadRating(a.level)) {
          k.state.status = 'in_follow_up';
          k.state.followUp = { openedAt: nowIso(), outcome: null };
          await clock.startStage(FOLLOW_UP_CLOCK, plan.followUpDays, 'interactive');
        } else {
          k.state.status = 'completed';
          k.state.closedAt = nowIso();
        }
        return { reason: a.comment ?? null, payload: { level: a.level } };
      },
    },
    'complete-follow-up': {
      async apply(a) {
        if (k.state.followUp) k.state.followUp.outcome = { text: a.outcome, by: a.actor.username, at: nowIso() };
        await clock.stopStage('follow-up done', 'interactive', FOLLOW_UP_CLOCK);
        k.state.status = 'completed';
        k.state.closedAt = nowIso();
        return { reason: a.outcome };
      },
    },
    terminate: {
      async apply(a) {
        await endEarly('terminated', a.reason, a.actor.username);
        return { reason: a.reason };
      },
    },
    'close-stalled': {
      async apply(a) {
        await endEarly('closed_by_supervisor', a.conclusion, a.actor.username);
        return { reason: a.conclusion };
      },
    },
  };
}
