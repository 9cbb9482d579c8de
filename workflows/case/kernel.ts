// The case kernel: what every case workflow (applications, 代办 proxy cases, 诉求 appeals) shares,
// so a case type writes only its own rules. It holds one state object per case and gives:
// - acts: one Update per case type; each act registered with its validator and apply function,
//   run one at a time as a transaction (act-transaction.ts), journaled (a history entry and an
//   audit record under one idempotency key, the Update's id) and projected;
// - the projector: versioned read-model writes of a compact view (the history travels as the
//   entries since the last projection, not whole every time);
// - the stage clocks (SlaClock) and the supervisor acts on them;
// - quiet waits (`waitUntil`, `window`, `waitFor`) that continue the case as new when the history
//   grows long, carrying the state, the clocks and the counters.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  currentUpdateInfo,
  log,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { Activities } from '../../activities';
import type { ClockLedger, TSlaPolicy } from '../../domain/sla';
import { FAILURE } from '../../domain/failures';
import { installSupervision, SlaClock } from '../sla';
import type { ActorRef, SupervisorActInput } from '../sla/messages';
import { actTextProblem, isActFailure } from './act-failure';
import { interactiveActivities, LOCAL_INTERACTIVE_PATCH, type ActivityMode } from './act-proxies';
import { runActTransaction } from './act-transaction';
import { APPLIED_UPDATE_IDS_KEPT, DEFAULT_CONTINUE_AS_NEW, type CaseCarry, type CaseMeta, type ContinueAsNewPolicy, type HistoryEntry } from './types';

/**
 * Marks the cases that may continue as new. A case started before (no marker in its history) never
 * does: its recorded waits never woke for it, so a replay must not either.
 */
export const CONTINUE_AS_NEW_PATCH = 'case-continue-as-new-v1';

/** Background writes of the kernel (projections outside acts): retried for as long as it takes. */
const background = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes: [FAILURE.invalid, FAILURE.stateConflict] },
});

/** More events than one act writes (its markers, the Update, its workflow task). */
const EVENTS_OF_AN_ACT = 50;

const nowIso = () => new Date(Date.now()).toISOString();

/**
 * The SLA columns of the read model over every open stage clock (lists, the inbox and the calendar
 * re-projection select by them): the earliest deadline of a clock that escalates, running if any
 * clock runs, provisional if any is. With no open clock: the last one's state and no deadline.
 */
function slaColumns(all: readonly ClockLedger[], last: ClockLedger | null): { slaState: string | null; deadlineAt: string | null; deadlineProvisional: boolean } {
  const open = all.filter((l) => l.state !== 'stopped');
  if (open.length === 0) return { slaState: last?.state ?? null, deadlineAt: null, deadlineProvisional: last?.provisional ?? false };
  // A tracking clock (a 代办 stage's total, the reform target) is no deadline anyone answers for.
  const deadlines = open.flatMap((l) => (l.deadlineAt && !l.tracking ? [l.deadlineAt] : [])).sort();
  return {
    slaState: open.some((l) => l.state === 'running') ? 'running' : 'suspended',
    deadlineAt: deadlines[0] ?? null,
    deadlineProvisional: open.some((l) => l.provisional),
  };
}

/** The read-model columns a case type fills (the kernel adds the clock, the version and the history). */
export interface CaseColumns {
  status: string;
  title: string;
  departmentCode: string;
  enterpriseId: string | null;
  policyCode: string | null;
  catalogueVersion: number | null;
  openedAt: string;
  closedAt: string | null;
}

export interface CaseDefinition<S, V extends object> {
  caseId: string;
  /** The `case_type` of the read model ('application', 'proxy', 'appeal', …). */
  caseType: string;
  /** The first department responsible (its clock's reminders and rungs go there). */
  department: string;
  policy: TSlaPolicy;
  /** The state of a new case (unless continue-as-new carried one). */
  initial: S;
  /** The first entries of a new case's history (its filing). */
  initialHistory?: HistoryEntry[];
  carried?: CaseCarry<S>;
  /** The read-model columns of the state now. */
  columns: (state: S, meta: CaseMeta) => CaseColumns;
  /** The compact view written to the read model and answered to an act: no history (that travels as rows). */
  view: (state: S, meta: CaseMeta) => V;
  isClosed: (state: S) => boolean;
  /** Starts the next run with the carried state (the case type calls `continueAsNew<typeof itsWorkflow>(input, carry)`). */
  continueAsNew: (carry: CaseCarry<S>) => Promise<never>;
  continueAsNewPolicy?: ContinueAsNewPolicy;
  /** Why this case type refuses a supervisor act the kernel would allow (409), or null. */
  supervisorActConflict?: (act: SupervisorActInput, state: S) => string | null;
}

/** What an act's apply function returns for its journal entry and audit record. */
export interface ActOutcome {
  /** The note of the history entry and the reason of the audit record. */
  reason: string | null;
  payload?: Record<string, string | number | boolean | null>;
}

/** An act as a case type registers it: its own checks (400 / 409) and the change it makes. */
// Method syntax on purpose: a registry of handlers for each member of an act union is then usable as
// a table of handlers of the union (the kernel looks one up by the act's name, so the types agree).
export interface ActHandler<S, A> {
  /** Input problems not about the state (400). */
  problem?(act: A, state: S): string | null;
  /** Why the act does not fit the state now (409), or null. */
  conflict?(act: A, state: S): string | null;
  apply(act: A): Promise<ActOutcome>;
}

/** The acts of a case type, one handler per act name. */
export type ActRegistry<S, A extends { act: string }> = { [N in A['act']]: ActHandler<S, Extract<A, { act: N }>> };

/** What every act of a case type shares: the audit action name and the checks before each act's own. */
export interface ActRules<S, A> {
  /** The audit record's action, e.g. `application.accept`. */
  action: (act: A) => string;
  problem?: (act: A, state: S) => string | null;
  conflict?: (act: A, state: S) => string | null;
}

export class CaseKernel<S, V extends object> {
  /** Replaced whole when an act is rolled back: read it through the kernel, never keep a reference across an await. */
  state: S;
  meta: CaseMeta;
  readonly clock: SlaClock;
  private readonly workflowId = workflowInfo().workflowId;
  private projectionVersion: number;
  /** Where the stored history ends for sure (see project). */
  private historyBase: number;
  private busy = 0;
  private opened = false;
  /** Closing work of timed windows done while an act was open: redone on the state an act's rollback puts back. */
  private closedDuringAct: Array<() => void> = [];
  /** Background work after acts; awaited before the case ends or continues as new. */
  private readonly settling: Promise<void>[] = [];
  private readonly canPolicy: ContinueAsNewPolicy;
  private readonly mayContinueAsNew: boolean;

  constructor(private readonly def: CaseDefinition<S, V>) {
    const c = def.carried;
    // A continued run descends from a run that had the marker; a new case gets it now.
    this.mayContinueAsNew = c !== undefined || patched(CONTINUE_AS_NEW_PATCH);
    this.state = c?.state ?? def.initial;
    this.meta = c?.meta ?? { assigneeId: null, department: def.department, headExtensions: 0, history: [...(def.initialHistory ?? [])] };
    this.projectionVersion = c?.projectionVersion ?? 0;
    this.historyBase = c?.historyBase ?? 0;
    this.canPolicy = def.continueAsNewPolicy ?? DEFAULT_CONTINUE_AS_NEW;
    this.clock = new SlaClock(
      {
        caseId: def.caseId,
        title: () => def.columns(this.state, this.meta).title,
        departmentCode: () => this.meta.department,
        assigneeId: () => this.meta.assigneeId,
        policy: def.policy,
        onChanged: (mode) => this.project(mode),
      },
      c?.clocks ?? [],
    );
    installSupervision(
      {
        caseId: def.caseId,
        departmentCode: () => this.meta.department,
        isClosed: () => def.isClosed(this.state),
        assigneeId: () => this.meta.assigneeId,
        setAssignee: (id) => {
          this.meta.assigneeId = id;
        },
        onChanged: (mode) => this.project(mode),
        onRolledBack: (outage) => this.reprojectAfterRollback(outage),
        // Supervisor acts count with the case's own: one act at a time.
        actInFlight: () => this.busy > 0,
        enterAct: () => {
          this.busy++;
        },
        leaveAct: () => {
          this.busy--;
          this.wakeNearCeiling();
        },
        settle: (work) => this.settle(work),
        headExtensions: () => this.meta.headExtensions,
        countHeadExtension: () => {
          this.meta.headExtensions++;
        },
        snapshot: () => this.supervisorSnapshot(),
        alreadyApplied: () => this.alreadyApplied(),
        markApplied: () => this.markApplied(),
        ...(def.supervisorActConflict ? { conflict: (input: SupervisorActInput) => def.supervisorActConflict?.(input, this.state) ?? null } : {}),
      },
      this.clock,
      def.policy.headExtensionMaxDays,
    );
  }

  /** This run continues a case (continue-as-new): its start was done by an earlier run. */
  get resumed(): boolean {
    return this.def.carried !== undefined;
  }

  /** No act is being processed. */
  readonly idle = (): boolean => this.busy === 0;

  /** Acts delivered with the start wait until the case opens them (its first clock runs). */
  open(): void {
    this.opened = true;
  }

  /** The view a query answers: the compact view with the history and every stage clock. */
  queryView(): V & { history: HistoryEntry[]; clock: ClockLedger | null; clocks: readonly ClockLedger[] } {
    return { ...this.answer(), history: this.meta.history };
  }

  /** What an act answers: the compact view with the clocks (the history is in the read model). */
  answer(): V & { clock: ClockLedger | null; clocks: readonly ClockLedger[] } {
    return { ...this.def.view(this.state, this.meta), clock: this.clock.ledger, clocks: this.clock.ledgers };
  }

  // --- journal ---

  /** A history entry: by a person (an act) or by the case itself (actor null: a window closed, a payment failed). */
  record(act: string, actor: ActorRef | null, note: string | null): void {
    this.meta.history.push({ at: nowIso(), act, by: actor?.username ?? null, role: actor?.role ?? null, department: actor?.departmentCode ?? null, note });
  }

  /** The audit record of an act, under the act's idempotency key (the Update's id). */
  private audit(actor: ActorRef, action: string, reason: string | null, payload: Record<string, string | number | boolean | null>) {
    return interactiveActivities.appendAuditRecord({
      at: nowIso(),
      actorId: actor.userId,
      actorUsername: actor.username,
      actorRole: actor.role,
      actorDepartment: actor.departmentCode,
      action,
      subjectType: 'case',
      subjectId: this.def.caseId,
      outcome: 'ok',
      reason,
      payload,
      idempotencyKey: `${this.workflowId}:update:${currentUpdateInfo()?.id ?? nowIso()}`,
    });
  }

  // --- projector ---

  /**
   * Writes the read model: a new version of the compact view, and the history from where the
   * stored rows surely end. Two projections may be under way at once (a background one after a
   * rollback); both carry the history from the last base a written projection confirmed, so the
   * one stored last (the newest version) leaves every entry in place.
   */
  async project(mode: ActivityMode = 'background'): Promise<void> {
    const version = ++this.projectionVersion;
    const ledger = this.clock.ledger;
    const sla = slaColumns(this.clock.ledgers, ledger);
    const cols = this.def.columns(this.state, this.meta);
    const from = Math.min(this.historyBase, this.meta.history.length);
    const entries = this.meta.history.slice(from);
    const written = await (mode === 'interactive' ? interactiveActivities : background).projectCase({
      caseId: this.def.caseId,
      caseType: this.def.caseType,
      workflowId: this.workflowId,
      ...cols,
      assigneeId: this.meta.assigneeId,
      ...sla,
      // A JSON copy: the read model keeps what the workflow knew at this version. The department
      // responsible now is in every case type's view (the access policies read it).
      // historyLength: how many history rows belong to this version (readers ignore rows beyond it).
      view: JSON.parse(
        JSON.stringify({ stageDepartment: this.meta.department, ...this.def.view(this.state, this.meta), clock: ledger, clocks: this.clock.ledgers, historyLength: this.meta.history.length }),
      ),
      history: { from, entries },
      projectionVersion: version,
      updatedAt: nowIso(),
    });
    if (written && version === this.projectionVersion) this.historyBase = from + entries.length;
  }

  /**
   * After a rolled-back act the read model is put back before the caller is answered, so a read
   * right after the refusal shows the case as it was. When the database is what failed, that is
   * done in the background instead (the caller is answered now); the case waits for it before it ends.
   */
  private async reprojectAfterRollback(outage: boolean): Promise<void> {
    if (outage) return this.settle(() => this.project());
    try {
      await this.project('interactive');
    } catch (e) {
      if (!isActFailure(e)) throw e;
      this.settle(() => this.project());
    }
  }

  /** Background work after an act (retried until done); the case waits for it before it ends. */
  settle(work: () => Promise<unknown>): void {
    this.settling.push(
      work().then(
        () => undefined,
        (e: unknown) => log.warn('background work after an act failed', { caseId: this.def.caseId, error: String(e) }),
      ),
    );
  }

  /**
   * A copy of the case's state; putting it back also redoes what the main loop closed meanwhile (a
   * closed window never reopens), and says whether anything differed.
   */
  private snapshot(): () => boolean {
    const saved = JSON.stringify({ state: this.state, meta: this.meta });
    this.closedDuringAct = [];
    return (): boolean => {
      const changed = JSON.stringify({ state: this.state, meta: this.meta }) !== saved;
      const before = JSON.parse(saved) as { state: S; meta: CaseMeta };
      this.state = before.state;
      this.meta = before.meta;
      // Rows of the rolled-back act may be stored: the next projection rewrites from here.
      this.historyBase = Math.min(this.historyBase, before.meta.history.length);
      for (const close of this.closedDuringAct) close();
      this.closedDuringAct = [];
      return changed;
    };
  }

  /**
   * What a supervisor act may change: the assignee and the heads' extension count (the clock is put
   * back by the transaction). Narrow on purpose: the main loop may go on while a supervisor act
   * runs (a payment refused meanwhile), and a rollback of the act must not undo that.
   */
  private supervisorSnapshot(): () => boolean {
    const saved = { assigneeId: this.meta.assigneeId, headExtensions: this.meta.headExtensions };
    return (): boolean => {
      const changed = saved.assigneeId !== this.meta.assigneeId || saved.headExtensions !== this.meta.headExtensions;
      this.meta.assigneeId = saved.assigneeId;
      this.meta.headExtensions = saved.headExtensions;
      return changed;
    };
  }

  /** The act being handled was applied by an earlier run of this case (a retry after continue-as-new). */
  private alreadyApplied(): boolean {
    const id = currentUpdateInfo()?.id;
    return id !== undefined && (this.meta.appliedUpdateIds ?? []).includes(id);
  }

  private markApplied(): void {
    const id = currentUpdateInfo()?.id;
    if (id === undefined || !this.mayContinueAsNew) return;
    this.meta.appliedUpdateIds = [...(this.meta.appliedUpdateIds ?? []), id].slice(-APPLIED_UPDATE_IDS_KEPT);
  }

  // --- acts ---

  /**
   * Registers the case type's acts behind its one Update. Each act: the validator refuses bad
   * input (400) and what the state does not allow or a second act while one runs (409); the handler
   * waits until the case is open, then applies the act as a transaction: the change, its history
   * entry, the projection, and the audit record last (once it is written nothing of the act can fail);
   * histories recorded before acts were transactions (act-transaction.ts `legacy`) wrote it first.
   */
  installActs<A extends { act: string; actor: ActorRef }>(update: UpdateDefinition<unknown, [A]>, acts: ActRegistry<S, A>, rules: ActRules<S, A>): void {
    const table: Partial<Record<string, ActHandler<S, A>>> = acts;
    const handlerOf = (a: A): ActHandler<S, A> | undefined => table[a.act];
    setHandler(
      update,
      async (a: A) => {
        this.busy++;
        try {
          await condition(() => this.opened);
          if (this.alreadyApplied()) return this.answer();
          return await runActTransaction({
            clock: this.clock,
            snapshot: () => this.snapshot(),
            apply: (legacy) => this.applyAct(a, this.required(handlerOf(a), a), rules.action(a), legacy),
            reproject: (outage) => this.reprojectAfterRollback(outage),
            settle: (work) => this.settle(work),
          });
        } finally {
          this.busy--;
          this.wakeNearCeiling();
        }
      },
      {
        validator: (a: A) => {
          // A retry of an act an earlier run applied is answered, not weighed again.
          if (this.alreadyApplied()) return;
          const handler = handlerOf(a);
          const bad =
            actTextProblem(a) ?? (handler ? (rules.problem?.(a, this.state) ?? handler.problem?.(a, this.state) ?? null) : `Unknown act ${String(a.act)}.`);
          if (bad) throw ApplicationFailure.create({ message: bad, type: FAILURE.invalid, nonRetryable: true });
          const conflict =
            this.busy > 0 ? 'Another act on this case is being processed; try again.' : (rules.conflict?.(a, this.state) ?? handler?.conflict?.(a, this.state) ?? null);
          if (conflict) throw ApplicationFailure.create({ message: conflict, type: FAILURE.stateConflict, nonRetryable: true, details: [this.def.columns(this.state, this.meta).status] });
        },
      },
    );
  }

  /** The validator refused acts without a handler, so one that reaches here has its handler. */
  private required<A>(handler: ActHandler<S, A> | undefined, a: { act: string }): ActHandler<S, A> {
    if (!handler) throw ApplicationFailure.create({ message: `Unknown act ${a.act}.`, type: FAILURE.invalid, nonRetryable: true });
    return handler;
  }

  private async applyAct<A extends { act: string; actor: ActorRef }>(a: A, handler: ActHandler<S, A>, action: string, legacy: boolean) {
    const outcome = await handler.apply(a);
    this.record(a.act, a.actor, outcome.reason);
    const payload = { status: this.def.columns(this.state, this.meta).status, ...outcome.payload };
    if (legacy) {
      await this.audit(a.actor, action, outcome.reason, payload);
      await this.project('interactive');
    } else {
      await this.project('interactive');
      await this.audit(a.actor, action, outcome.reason, payload);
    }
    // Committed (the audit record is the last step that can fail); a rollback restores meta without it.
    this.markApplied();
    return this.answer();
  }

  // --- quiet waits (where a case may continue as new) ---

  private continueWanted(): boolean {
    if (!this.mayContinueAsNew) return false;
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength >= this.canPolicy.maxHistoryEvents;
  }

  /**
   * An act runs within one workflow task (its activities are local), so the history length the
   * waits see is the one from before the act: without another task after it, a case whose acts
   * brought it to its ceiling would continue as new only at its next timer. Near the ceiling, a
   * short timer gives the waits that task (the ceiling is far, 10,000 events, in production).
   */
  private wakeNearCeiling(): void {
    if (!this.mayContinueAsNew || !patched(LOCAL_INTERACTIVE_PATCH)) return;
    if (workflowInfo().historyLength + EVENTS_OF_AN_ACT < this.canPolicy.maxHistoryEvents) return;
    void sleep(1);
  }

  /** Runs the stage clocks (reminders, rungs) until `resolved()`; continues as new when the history is long. */
  async waitUntil(resolved: () => boolean): Promise<void> {
    for (;;) {
      await this.clock.runUntil(() => resolved() || (this.idle() && this.continueWanted()));
      if (resolved()) return;
      await this.continueAsNewUnless(resolved);
    }
  }

  /** Waits until `resolved()` or the instant `untilMs` (true when resolved), continuing as new meanwhile when the history is long. */
  async waitFor(resolved: () => boolean, untilMs: number): Promise<boolean> {
    for (;;) {
      const woke = await condition(() => resolved() || (this.idle() && this.continueWanted()), Math.max(1, untilMs - Date.now()));
      if (!woke || resolved()) return woke;
      await this.continueAsNewUnless(resolved);
    }
  }

  /**
   * A window that closes at a time (补正 supplement window, 公示 publicity): waits until the case
   * leaves it (`waiting()` false, with no act in flight) or the time comes. At the time, new acts
   * are refused at once (`close`), one already accepted may finish, and `close` runs again on the
   * state as it is then (an act rolled back meanwhile put back a state whose window was open).
   * Returns true when the window ran out while the case still waited in it.
   */
  async window(until: string, waiting: () => boolean, close: () => void): Promise<boolean> {
    const left = () => this.idle() && !waiting();
    if (await this.waitFor(left, Date.parse(until))) return false;
    close();
    if (!this.idle()) this.closedDuringAct.push(close);
    await condition(this.idle);
    close();
    return waiting();
  }

  /** Continues as new once every handler and background work is done, unless the case moved on meanwhile. */
  private async continueAsNewUnless(resolved: () => boolean): Promise<void> {
    await condition(() => this.idle() && allHandlersFinished());
    await this.drainSettling();
    if (resolved() || !this.idle() || !allHandlersFinished()) return;
    log.info('continuing as new', { caseId: this.def.caseId, historyLength: workflowInfo().historyLength });
    await this.def.continueAsNew({
      state: this.state,
      meta: this.meta,
      clocks: [...this.clock.ledgers],
      projectionVersion: this.projectionVersion,
      historyBase: this.historyBase,
    });
  }

  /** Ends the case: every handler and every background write done. */
  async finish(): Promise<void> {
    await condition(allHandlersFinished);
    await this.drainSettling();
  }

  /** Waits for the background work, including work queued while earlier work ran (an act that failed meanwhile). */
  private async drainSettling(): Promise<void> {
    let waitedFor = -1;
    while (waitedFor !== this.settling.length) {
      waitedFor = this.settling.length;
      await Promise.all(this.settling);
    }
  }
}
