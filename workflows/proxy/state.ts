// The state a 代办 proxy case keeps, and the rules of which act fits which moment. Pure: the
// workflow and its validator use it, and the API uses it to tell a caller what it may do now.
import type { ProxyPlan } from '../../domain/proxy/catalogue';
import { BEFORE_COMPLETION, isFinalProxyStatus, RATING_CODES, type RatingLevel, type TProxyStatus } from '../../domain/proxy/status';
import { ITEM_ACTS, type ItemActName, type ProxyActName } from '../../domain/proxy/acts';
import type { ActorRef } from '../sla/messages';
import type { HistoryEntry } from '../case/types';
import type { ProxyAct } from './messages';

export interface ProxyCaseInput {
  caseId: string;
  title: string;
  enterpriseId: string;
  enterpriseName: string;
  projectName: string;
  projectType: string;
  location: string;
  investmentFen: number;
  contact: { name: string; phone: string };
  plan: ProxyPlan;
  filedBy: ActorRef;
  /** A case filed by staff waits for the enterprise to confirm it. */
  filedByEnterprise: boolean;
  filedAt: string;
}

/** Who the next step of an item or a case waits on. */
export type WaitingOn = 'agent' | 'enterprise' | 'authority' | 'supervisor';

export type ItemStatus = 'pending' | 'preparing' | 'submitted' | 'returned' | 'approved';

export interface ItemState {
  key: string;
  stage: string;
  /** The approving authority: the plan's, then the one it was filed with. */
  authority: string;
  status: ItemStatus;
  /** Green channel: guidance (提前指导) given; null until then (standard items need none). */
  guidance: { notes: string; by: string; at: string } | null;
  /** Materials asked of the enterprise and not yet provided (the item's clock is stopped meanwhile). */
  materialsRequest: { request: string; by: string; at: string } | null;
  materials: Array<{ request: string; note: string; requestedAt: string; providedAt: string; providedBy: string }>;
  submissions: Array<{ authority: string; reference: string; by: string; at: string }>;
  returns: Array<{ reason: string; by: string; at: string }>;
  permitNo: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
}

export interface StageState {
  key: string;
  status: 'pending' | 'running' | 'done';
  startedAt: string | null;
  doneAt: string | null;
}

export interface Problem {
  id: number;
  text: string;
  stage: string | null;
  item: string | null;
  raisedBy: string;
  raisedAt: string;
  resolution: { text: string; by: string; at: string } | null;
}

export interface Handover {
  from: string | null;
  to: string;
  reason: string;
  /** The items still open at the handover, with where each stood. */
  openItems: Array<{ key: string; status: ItemStatus }>;
  by: string;
  at: string;
}

/** 代办办结单: what the service delivered, with the working days it took. */
export interface CompletionRecord {
  completedAt: string;
  stages: Array<{ key: string; labelZh: string; workingDays: number; items: Array<{ key: string; labelZh: string; authority: string; permitNo: string; approvedAt: string; workingDays: number }> }>;
  totalWorkingDays: number;
  reformTargetDays: number;
}

export interface ProxyCaseState {
  status: TProxyStatus;
  confirmedAt: string | null;
  /** 代办委托书: the scope, the agent entrusted (once assigned) and the date. */
  entrustment: { scope: string; agentId: string | null; by: string; at: string } | null;
  agentId: string | null;
  handovers: Handover[];
  stages: StageState[];
  items: ItemState[];
  notes: Array<{ text: string; by: string; role: string; at: string }>;
  problems: Problem[];
  completion: CompletionRecord | null;
  /** The rating window (好差评), once the case is complete. */
  ratingDueAt: string | null;
  /** The rating window has closed: a rating is refused from then on. */
  ratingClosed: boolean;
  rating: { level: RatingLevel; comment: string | null; by: string; at: string } | null;
  followUp: { openedAt: string; outcome: { text: string; by: string; at: string } | null } | null;
  /** Why the case ended early (终止 by the enterprise, 督办关闭 by a supervisor). */
  ending: { kind: 'terminated' | 'closed_by_supervisor'; text: string; by: string; at: string } | null;
  closedAt: string | null;
}

/** The first history entry of a case: its filing. */
export function filingEntry(input: ProxyCaseInput): HistoryEntry {
  return { at: input.filedAt, act: 'file', by: input.filedBy.username, role: input.filedBy.role, department: input.filedBy.departmentCode, note: null };
}

export function initialProxyState(input: ProxyCaseInput): ProxyCaseState {
  return {
    status: input.filedByEnterprise ? 'awaiting_assignment' : 'awaiting_confirmation',
    confirmedAt: input.filedByEnterprise ? input.filedAt : null,
    entrustment: null,
    agentId: null,
    handovers: [],
    stages: input.plan.stages.map((s) => ({ key: s.key, status: 'pending', startedAt: null, doneAt: null })),
    items: input.plan.stages.flatMap((s) =>
      s.items.map((i) => ({
        key: i.key,
        stage: s.key,
        authority: i.authority,
        status: 'pending' as const,
        guidance: null,
        materialsRequest: null,
        materials: [],
        submissions: [],
        returns: [],
        permitNo: null,
        approvedAt: null,
        approvedBy: null,
      })),
    ),
    notes: [],
    problems: [],
    completion: null,
    ratingDueAt: null,
    ratingClosed: false,
    rating: null,
    followUp: null,
    ending: null,
    closedAt: null,
  };
}

// --- names of the clocks (ledger stages) a proxy case runs ---

/** The assignment clock (1 working day). */
export const ASSIGNMENT_CLOCK = 'assignment';
/** The whole case against the reform target (tracking). */
export const REFORM_CLOCK = 'reform_target';
export const FOLLOW_UP_CLOCK = 'follow_up';
export const problemClock = (id: number) => `problem_${id}`;
// A stage's total is tracked under the stage's key; an item's clock under the item's key (the
// catalogue keeps the keys of stages and items apart).

export const runningStage = (s: ProxyCaseState): StageState | null => s.stages.find((st) => st.status === 'running') ?? null;
export const itemOf = (s: ProxyCaseState, key: string): ItemState | null => s.items.find((i) => i.key === key) ?? null;
export const openItemsOf = (s: ProxyCaseState, stage: string): ItemState[] => s.items.filter((i) => i.stage === stage && i.status !== 'approved');

/** Whether an item's own clock runs (false: it waits on the enterprise or was returned, or is not started). */
export const itemClockRuns = (i: ItemState): boolean => (i.status === 'preparing' || i.status === 'submitted') && i.materialsRequest === null;

export function waitingOnItem(i: ItemState): WaitingOn | null {
  if (i.status === 'approved' || i.status === 'pending') return null;
  if (i.materialsRequest) return 'enterprise';
  if (i.status === 'submitted') return 'authority';
  return 'agent';
}

/** Who the case as a whole waits on now (null once it is over). */
export function waitingOnCase(s: ProxyCaseState): WaitingOn | null {
  switch (s.status) {
    case 'awaiting_confirmation':
    case 'awaiting_entrustment':
    case 'awaiting_rating':
      return 'enterprise';
    case 'awaiting_assignment':
    case 'in_follow_up':
      return 'supervisor';
    case 'in_progress': {
      const stage = runningStage(s);
      const waits = stage ? openItemsOf(s, stage.key).map((i) => waitingOnItem(i)) : [];
      if (waits.includes('agent')) return 'agent';
      if (waits.includes('authority')) return 'authority';
      if (waits.includes('enterprise')) return 'enterprise';
      return 'agent';
    }
    default:
      return null;
  }
}

/** Where each case act is allowed (item acts: while the stages run). */
const ALLOWED: Record<ProxyActName, readonly TProxyStatus[]> = {
  confirm: ['awaiting_confirmation'],
  entrust: ['awaiting_assignment', 'awaiting_entrustment'],
  assign: ['awaiting_assignment'],
  reassign: ['awaiting_entrustment', 'in_progress', 'awaiting_rating', 'in_follow_up'],
  note: ['awaiting_confirmation', 'awaiting_assignment', 'awaiting_entrustment', 'in_progress', 'awaiting_rating', 'in_follow_up'],
  problem: ['awaiting_entrustment', 'in_progress'],
  'resolve-problem': ['awaiting_confirmation', 'awaiting_assignment', 'awaiting_entrustment', 'in_progress', 'awaiting_rating', 'in_follow_up'],
  'request-materials': ['in_progress'],
  'provide-materials': ['in_progress'],
  guide: ['in_progress'],
  submit: ['in_progress'],
  return: ['in_progress'],
  approve: ['in_progress'],
  rate: ['awaiting_rating'],
  'complete-follow-up': ['in_follow_up'],
  terminate: BEFORE_COMPLETION,
  'close-stalled': ['awaiting_confirmation', 'awaiting_assignment', 'awaiting_entrustment', 'in_progress', 'in_follow_up'],
};

/** Where an item must stand for each item act. */
const ITEM_ALLOWED: Record<ItemActName, readonly ItemStatus[]> = {
  'request-materials': ['preparing', 'returned'],
  'provide-materials': ['preparing', 'returned'],
  guide: ['preparing'],
  submit: ['preparing', 'returned'],
  return: ['submitted'],
  approve: ['submitted'],
};

const isItemAct = (a: ProxyAct): a is Extract<ProxyAct, { act: ItemActName }> => (ITEM_ACTS as readonly string[]).includes(a.act);

/** Input problems not about the state (400): an item or stage the case's plan does not have. */
export function inputProblem(s: ProxyCaseState, input: ProxyCaseInput, a: ProxyAct): string | null {
  const keys = s.items.map((i) => i.key);
  if (isItemAct(a) && !keys.includes(a.item)) return `The case has no approval item ${a.item}; its items are ${keys.join(', ')}.`;
  if (a.act === 'problem') {
    const stages = input.plan.stages.map((st) => st.key);
    if (a.stage !== undefined && !stages.includes(a.stage)) return `The case has no stage ${a.stage}; its stages are ${stages.join(', ')}.`;
    if (a.item !== undefined && !keys.includes(a.item)) return `The case has no approval item ${a.item}; its items are ${keys.join(', ')}.`;
    if (a.item !== undefined && a.stage !== undefined && itemOf(s, a.item)?.stage !== a.stage) return `Item ${a.item} belongs to stage ${itemOf(s, a.item)?.stage ?? '?'}, not ${a.stage}.`;
  }
  if (a.act === 'rate' && !(RATING_CODES as readonly string[]).includes(a.level)) return `level must be one of ${RATING_CODES.join(', ')} (GB/T 39735-2020).`;
  if (a.act === 'resolve-problem' && !s.problems.some((p) => p.id === a.problemId)) return `The case has no problem ${a.problemId}.`;
  return null;
}

/** Why an act does not fit the case now (409), or null. */
export function stateConflict(s: ProxyCaseState, input: ProxyCaseInput, a: ProxyAct): string | null {
  if (!ALLOWED[a.act].includes(s.status)) return `The proxy case is ${s.status}; ${a.act} is possible only when it is ${ALLOWED[a.act].join(' or ')}.`;
  if (isItemAct(a)) return itemConflict(s, input, a);
  switch (a.act) {
    case 'entrust':
      return s.entrustment ? 'The entrustment (代办委托书) is recorded already.' : null;
    case 'assign':
      return s.agentId ? `The case is assigned to an agent already; use reassign, which records the handover.` : null;
    case 'reassign':
      return a.agentId === s.agentId ? 'The case is assigned to that agent already.' : null;
    case 'rate':
      return s.ratingClosed ? 'The rating window (好差评, 10 working days) has closed.' : null;
    case 'resolve-problem': {
      const p = s.problems.find((x) => x.id === a.problemId);
      return p?.resolution ? `Problem ${a.problemId} was resolved already.` : null;
    }
    case 'problem':
      if (a.stage !== undefined && s.stages.find((st) => st.key === a.stage)?.status === 'done') return `Stage ${a.stage} is done; raise a problem about a stage still to come or running.`;
      if (a.item !== undefined && itemOf(s, a.item)?.status === 'approved') return `Item ${a.item} is approved; raise a problem about an open item.`;
      return null;
    default:
      return null;
  }
}

/** Why an item act does not fit the item now (it reads only the act's name and item). */
function itemConflict(s: ProxyCaseState, input: ProxyCaseInput, a: { act: ItemActName; item: string }): string | null {
  const item = itemOf(s, a.item);
  if (!item) return null; // an input problem (400), said first
  const stage = runningStage(s);
  if (item.stage !== stage?.key) {
    const st = s.stages.find((x) => x.key === item.stage);
    return `Item ${a.item} belongs to stage ${item.stage}, which is ${st?.status === 'done' ? 'done' : 'not running yet'}; the running stage is ${stage?.key ?? 'none'}.`;
  }
  if (!ITEM_ALLOWED[a.act].includes(item.status)) return `Item ${a.item} is ${item.status}; ${a.act} is possible only when it is ${ITEM_ALLOWED[a.act].join(' or ')}.`;
  const planned = input.plan.stages.flatMap((st) => st.items).find((i) => i.key === a.item);
  switch (a.act) {
    case 'request-materials':
      return item.materialsRequest ? `Materials for ${a.item} were requested already and are outstanding.` : null;
    case 'provide-materials':
      return item.materialsRequest ? null : `No materials are requested for ${a.item}.`;
    case 'guide':
      if (!planned?.guidance) return `Item ${a.item} is not a green-channel item; it needs no guidance step.`;
      return item.guidance ? `Guidance for ${a.item} was given already.` : null;
    case 'submit':
      if (planned?.guidance && !item.guidance) return `Item ${a.item} is a green-channel item: give guidance (提前指导, guide) before filing it.`;
      return item.materialsRequest ? `Materials requested from the enterprise for ${a.item} are outstanding; record them (provide-materials) first.` : null;
    default:
      return null;
  }
}

/** The acts that fit the case now (the API filters them further by the caller's role). */
export function actsAvailable(s: ProxyCaseState, input: ProxyCaseInput): ProxyActName[] {
  if (isFinalProxyStatus(s.status)) return [];
  return (Object.keys(ALLOWED) as ProxyActName[]).filter((name) => {
    if (!ALLOWED[name].includes(s.status)) return false;
    if ((ITEM_ACTS as readonly string[]).includes(name)) {
      const stage = runningStage(s);
      // Offered when some item of the running stage takes it now (the same rule as the validator).
      return stage !== null && openItemsOf(s, stage.key).some((i) => itemConflict(s, input, { act: name as ItemActName, item: i.key }) === null);
    }
    if (name === 'resolve-problem') return s.problems.some((p) => p.resolution === null);
    if (name === 'entrust') return s.entrustment === null;
    if (name === 'assign') return s.agentId === null;
    if (name === 'reassign') return s.agentId !== null;
    return true;
  });
}
