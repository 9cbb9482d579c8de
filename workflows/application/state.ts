// The state an application workflow keeps, and the rules of which act fits which status.
// Pure: the workflow and its validator use it, and the API uses it to tell a caller which acts
// it may take now.
import type { TApplicationStatus } from '../../domain/application/status';
import type { ApplicationAct, ApplicationActName, DocumentRef, SupplementItem } from './messages';
import type { ActorRef } from '../sla/messages';
import { actTextProblem } from '../case/act-failure';
import type { HistoryEntry } from '../case/types';

export type { HistoryEntry } from '../case/types';

export interface QuoteSummary {
  eligible: boolean;
  amountFen: number;
  breakdown: Array<{ label: string; amountFen: number; rule: string }>;
  reasons: string[];
  pending: Array<{ parameter: string; label: string; note: string }>;
  awardRecords: Array<{ policyCode: string; item: string; limitKey: string; amountFen: number; period?: string }>;
}

export interface SlaDays {
  acceptanceDays: number;
  reviewDays: number;
  publicityDays: number;
  supplementDays: number;
  paymentDays: number;
}

export interface ApplicationInput {
  caseId: string;
  title: string;
  enterpriseId: string;
  filedBy: ActorRef;
  policyCode: string;
  item: string;
  kind: 'award' | 'approval';
  facts: Record<string, unknown>;
  documents: DocumentRef[];
  catalogueVersion: number;
  quote: QuoteSummary;
  leadDepartment: string;
  coDepartments: string[];
  sla: SlaDays;
  startDayCounts: boolean;
  filedAt: string;
  /** The budget year the award is paid from (the year of filing). */
  budgetYear: number;
}

export interface Countersign {
  department: string;
  decision: 'agree' | 'disagree';
  opinion: string;
  by: string;
  at: string;
}

/** The state the application's workflow keeps (the case kernel keeps its history beside it). */
export interface ApplicationCaseState {
  status: TApplicationStatus;
  facts: Record<string, unknown>;
  documents: DocumentRef[];
  quote: QuoteSummary;
  supplementRequest: { items: SupplementItem[]; at: string; by: string; dueAt: string; closed: boolean } | null;
  decision: { outcome: 'approved' | 'rejected' | 'not_accepted'; amountFen: number | null; opinion: string; by: string; at: string; reductionReason?: string } | null;
  countersigns: Countersign[];
  objections: Array<{ text: string; by: string; at: string; resolution: { upheld: boolean; opinion: string; by: string; at: string } | null }>;
  publicity: { from: string; until: string; closed: boolean } | null;
  funding: {
    commitment: 'none' | 'waiting' | 'committed' | 'paid';
    attempts: number;
    transferRef: string | null;
    account: string | null;
    failure: string | null;
    /** When the last payment was refused (the case looks for a corrected account since then). */
    failedAt?: string;
  };
  closedAt: string | null;
}

/** The state as the case view shows it: with its history. */
export interface ApplicationState extends ApplicationCaseState {
  history: HistoryEntry[];
}

/** The first history entry of a case: its filing. */
export function filingEntry(input: ApplicationInput): HistoryEntry {
  return { at: input.filedAt, act: 'file', by: input.filedBy.username, role: input.filedBy.role, department: input.filedBy.departmentCode, note: null };
}

/** The state of a case just filed (the workflow's start, and the API's first read-model row). */
export function initialState(input: ApplicationInput): ApplicationState {
  return {
    status: 'awaiting_acceptance',
    facts: input.facts,
    documents: input.documents,
    quote: input.quote,
    supplementRequest: null,
    decision: null,
    countersigns: [],
    objections: [],
    publicity: null,
    funding: { commitment: 'none', attempts: 0, transferRef: null, account: null, failure: null },
    history: [filingEntry(input)],
    closedAt: null,
  };
}

/** The application's own state of a new case (the case kernel keeps the history beside it). */
export function caseStateOf(input: ApplicationInput): ApplicationCaseState {
  const { history: _history, ...state } = initialState(input);
  return state;
}

/** Where each act is allowed. */
const ALLOWED: Record<ApplicationActName, readonly TApplicationStatus[]> = {
  accept: ['awaiting_acceptance'],
  'request-supplement': ['awaiting_acceptance'],
  'not-accept': ['awaiting_acceptance'],
  supplement: ['awaiting_supplement'],
  approve: ['under_review'],
  reject: ['under_review'],
  countersign: ['awaiting_countersign'],
  objection: ['in_publicity'],
  'resolve-objection': ['under_review'],
  withdraw: ['awaiting_acceptance', 'awaiting_supplement', 'under_review'],
};

/** Why an act does not fit the state now, or null when it does. */
export function stateConflict(state: ApplicationCaseState, input: ApplicationInput, act: ApplicationAct): string | null {
  if (!ALLOWED[act.act].includes(state.status)) {
    return `The application is ${state.status}; ${act.act} is possible only when it is ${ALLOWED[act.act].join(' or ')}.`;
  }
  const openObjection = state.objections.some((o) => o.resolution === null);
  switch (act.act) {
    case 'request-supplement':
      if (state.supplementRequest) return 'A supplement was requested already: 一次性告知 means every missing item is asked for at once.';
      return null;
    case 'approve':
    case 'withdraw':
      if (openObjection) return 'An objection is open; resolve it first (resolve-objection).';
      if (act.act === 'withdraw' && state.decision) return 'The application has a decision; it can no longer be withdrawn.';
      if (act.act === 'approve' && input.kind === 'award' && act.amountFen !== undefined && act.amountFen > state.quote.amountFen) {
        return `The approved amount ${act.amountFen} fen is above the computed maximum ${state.quote.amountFen} fen of the catalogue rule.`;
      }
      if (act.act === 'approve' && input.kind === 'award' && !state.quote.eligible) return 'The quote is not eligible; the application can only be rejected.';
      return null;
    case 'resolve-objection':
      return openObjection ? null : 'There is no open objection to resolve.';
    case 'supplement':
      return state.supplementRequest?.closed ? 'The supplement window has closed (逾期未补正).' : null;
    case 'objection':
      if (state.publicity?.closed) return 'The publicity period has ended.';
      if (state.objections.some((o) => o.by === act.actor.username)) return `${act.actor.username} has objected to this application already.`;
      return null;
    case 'countersign': {
      const dept = act.actor.departmentCode ?? '';
      if (!input.coDepartments.includes(dept)) return `${dept || 'This account'} is not a co-department of ${input.policyCode}.`;
      if (state.countersigns.some((c) => c.department === dept)) return `${dept} has countersigned already.`;
      return null;
    }
    default:
      return null;
  }
}

/** Input problems that are not about the state (400 rather than 409). */
export function inputProblem(state: ApplicationCaseState, input: ApplicationInput, act: ApplicationAct): string | null {
  const text = actTextProblem(act);
  if (text) return text;
  switch (act.act) {
    case 'approve':
      if (input.kind === 'award') {
        if (act.amountFen === undefined || !Number.isSafeInteger(act.amountFen) || act.amountFen <= 0) return 'approve needs amountFen, a positive integer (fen).';
        if (act.amountFen < state.quote.amountFen && !act.reductionReason?.trim()) {
          return `The approved amount ${act.amountFen} fen is below the computed ${state.quote.amountFen} fen: give reductionReason.`;
        }
      }
      return null;
    case 'request-supplement':
      return act.items.length === 0 ? 'request-supplement needs at least one item.' : null;
    default:
      return null;
  }
}

/** The acts that fit the status now (the API filters them further by the caller's role). */
export function actsAvailable(state: Pick<ApplicationCaseState, 'status'>): ApplicationActName[] {
  return (Object.keys(ALLOWED) as ApplicationActName[]).filter((a) => ALLOWED[a].includes(state.status));
}
