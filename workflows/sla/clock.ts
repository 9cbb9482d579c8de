// The SLA clocks of a case: one ledger per stage (a budget of working days, its suspensions and
// extensions, the deadline, the reminder and the escalation rungs computed by activities against
// the calendar, which is data) kept after the stage ends, so a case of four stages still shows the
// consumed days and suspensions of the first. Several stage clocks may run at once (并联审批: the
// parallel approvals of one stage); each is named by its stage. There is no pausable timer in
// Temporal: the wait is a loop of condition(pred, untilNextDue) over every running clock that
// re-arms whenever a ledger changes.
import { ApplicationFailure, condition, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities, PlanSlaResult } from '../../activities';
import {
  nextDueAt,
  remainingAtSegmentStart,
  rungKey,
  totalBudget,
  type ClockLedger,
  type EscalationLevel,
  type SuspensionKind,
  type TSlaPolicy,
} from '../../domain/sla';
import { FAILURE } from '../../domain/failures';
import { Lock } from './lock';
import { interactiveActivities, type ActivityMode } from '../case/act-proxies';

// Calendar and notification writes are quick; retry transient failures for as long as it takes
// (a database restart must not lose a rung), but never a business refusal.
/**
 * An act's own clock changes (a stage ended, the next one planned) are projected once, by the act
 * (its projection follows its changes, before its audit record; a supervisor act's likewise):
 * cases recorded before projected the case at each change as well, three writes of the read model
 * per act where one is read.
 */
export const ONE_PROJECTION_PER_ACT_PATCH = 'one-projection-per-act-v1';

const act = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: [FAILURE.calendarYearMissing, FAILURE.invalid] },
});

export interface ClockContext {
  caseId: string;
  title: () => string;
  departmentCode: () => string;
  assigneeId: () => string | null;
  policy: TSlaPolicy;
  /** Called after every change of the ledger (projection of the case view), in the mode of the change. */
  onChanged: (via: ActivityMode) => Promise<void>;
}

const nowIso = () => new Date(Date.now()).toISOString();
/** A ledger is plain JSON: a change is made on a copy (see draft). */
const copy = (l: ClockLedger): ClockLedger => JSON.parse(JSON.stringify(l)) as ClockLedger;
/** The proxy of a mode: an act's bounded one, or this module's own for background work. */
const via = (mode: ActivityMode) => (mode === 'interactive' ? interactiveActivities : act);

export class SlaClock {
  private readonly lock = new Lock();
  /** Bumped on every change; the waiting loop re-arms its timer when it moves. */
  private version = 0;
  private episodes = 0;
  /**
   * An act is open (beginAct … endAct): background changes (rungs, calendar re-projections) wait
   * for it, so an act that rolls back restores a ledger nobody else changed meanwhile; and what an
   * act cannot take back (closing escalations) waits until the act is committed.
   */
  private actOpen = false;
  private afterCommit: Array<(mode: ActivityMode) => Promise<unknown>> = [];

  /** Every stage's ledger in start order; the array and its ledgers are replaced whole on every change, never edited in place. */
  private all: readonly ClockLedger[];

  constructor(
    private readonly ctx: ClockContext,
    /** The ledgers carried over by continue-as-new. */
    carried: readonly ClockLedger[] = [],
  ) {
    this.all = carried;
    this.episodes = carried.reduce((n, l) => Math.max(n, l.episode), 0);
  }

  /** Every stage clock of the case, finished ones included (the case view and the clock query show them all). */
  get ledgers(): readonly ClockLedger[] {
    return this.all;
  }

  /**
   * The clock a stage-less question is about: the one started last that has not stopped, else the
   * last one (so after a stage ends, until the next starts, the case shows the ended one).
   */
  get ledger(): ClockLedger | null {
    for (let i = this.all.length - 1; i >= 0; i--) if (this.all[i]?.state !== 'stopped') return this.all[i] ?? null;
    return this.all[this.all.length - 1] ?? null;
  }

  /** The open (not stopped) clock of a stage, or of the stage-less default. */
  open(stage?: string): ClockLedger | null {
    if (stage === undefined) {
      const l = this.ledger;
      return l && l.state !== 'stopped' ? l : null;
    }
    return this.all.find((l) => l.stage === stage && l.state !== 'stopped') ?? null;
  }

  get state(): ClockLedger['state'] | 'none' {
    return this.ledger?.state ?? 'none';
  }

  /** What a rollback puts back (see restore). */
  snapshot(): readonly ClockLedger[] {
    return this.all;
  }

  /**
   * Starts the clock of a stage at the current (workflow) time, or at `at` (a case's first stage: the
   * filing instant); another stage's running clock keeps running. `tracking`: a budget that is
   * counted and shown but reminds and escalates nobody.
   */
  startStage(stage: string, budgetDays: number, mode: ActivityMode = 'background', options: { tracking?: boolean; at?: string } = {}): Promise<void> {
    return this.gated(mode, async () => {
      if (this.open(stage)) throw new Error(`the clock of stage ${stage} runs already`);
      const at = options.at ?? nowIso();
      this.episodes++;
      const l: ClockLedger = {
        caseId: this.ctx.caseId,
        stage,
        episode: this.episodes,
        budgetDays,
        extensions: [],
        startedAt: at,
        segmentStartedAt: at,
        firstSegment: true,
        startDayCounts: this.ctx.policy.startDayCounts,
        consumedDays: 0,
        suspensions: [],
        state: 'running',
        deadlineAt: null,
        deadlineDate: null,
        provisional: false,
        reminderAt: null,
        reminded: false,
        rungs: [],
        firedRungKeys: [],
        projections: [],
        stoppedAt: null,
        stopReason: null,
        ...(options.tracking ? { tracking: true } : {}),
      };
      await this.plan(l, `start of ${stage}: ${budgetDays} working days`, mode);
      await this.publish(l, mode);
    });
  }

  /**
   * Stops the clock for a reason. Reasons stack (a supervisor's hold during a supplement): the
   * clock runs again only when every open suspension is resumed.
   */
  suspend(kind: SuspensionKind, reason: string, byUserId: string | null, mode: ActivityMode = 'background', stage?: string): Promise<void> {
    return this.gated(mode, async () => {
      const l = this.draft(stage);
      if (!l) return;
      if (l.state === 'stopped' || l.suspensions.some((s) => s.kind === kind && s.to === null)) return;
      const at = nowIso();
      if (l.state === 'running') {
        l.consumedDays += await this.elapsedInSegment(l, at, mode);
        l.segmentStartedAt = null;
        l.firstSegment = false;
        l.state = 'suspended';
      }
      l.suspensions.push({ kind, reason, from: at, to: null, byUserId });
      await this.publish(l, mode);
    });
  }

  /** Resumes a suspension of this kind; when none is left open the remaining days count again from today (day 0). */
  resume(kind: SuspensionKind, byUserId: string | null, mode: ActivityMode = 'background', stage?: string): Promise<void> {
    return this.gated(mode, async () => {
      const l = this.draft(stage);
      if (!l) return;
      const open = l.suspensions.find((s) => s.kind === kind && s.to === null);
      if (!open || l.state !== 'suspended') return;
      const at = nowIso();
      open.to = at;
      void byUserId;
      const stillOpen = l.suspensions.filter((s) => s.to === null).map((s) => s.kind);
      if (stillOpen.length > 0) {
        await this.publish(l, mode);
        return;
      }
      l.state = 'running';
      l.segmentStartedAt = at;
      await this.plan(l, `resumed after ${kind}: ${remainingAtSegmentStart(l)} working days remain`, mode);
      await this.publish(l, mode);
    });
  }

  extend(workingDays: number, reason: string, by: { userId: string; role: string }, mode: ActivityMode = 'background', stage?: string): Promise<void> {
    return this.gated(mode, async () => {
      const l = this.draft(stage);
      // Validated while the stage ran; a concurrent act may have ended it since.
      if (!l || l.state === 'stopped') throw ApplicationFailure.create({ message: `The ${l?.stage ?? stage ?? 'current'} stage has ended; there is no deadline to extend.`, type: FAILURE.stateConflict, nonRetryable: true });
      const at = nowIso();
      l.extensions.push({ workingDays, reason, byUserId: by.userId, byRole: by.role, at });
      // A new deadline granted by a person: the escalations of the old one are settled.
      if (l.firedRungKeys.length > 0) await this.closeEscalations(mode, { caseId: this.ctx.caseId, stage: l.stage, reason: `extended by ${workingDays} working days`, at });
      if (l.state === 'running') {
        // Re-plan from the start of the running segment: what was consumed since is unchanged.
        await this.plan(l, `extended by ${workingDays} working days (${by.role}): ${reason}`, mode, l.segmentStartedAt ?? at);
      }
      await this.publish(l, mode);
    });
  }

  /** A calendar year was loaded: recompute the running deadline against it. */
  reproject(cause: string): Promise<void> {
    return this.gated('background', async () => {
      for (const running of this.all.filter((r) => r.state === 'running')) {
        const l = copy(running);
        await this.plan(l, cause, 'background', l.segmentStartedAt ?? nowIso());
        await this.publish(l, 'background');
      }
    });
  }

  /** Ends the stage: no more timers; its open escalations are closed with the reason. */
  stopStage(reason: string, mode: ActivityMode = 'background', stage?: string): Promise<void> {
    return this.gated(mode, async () => {
      const l = this.draft(stage);
      if (!l || l.state === 'stopped') return;
      const at = nowIso();
      if (l.state === 'running') l.consumedDays += await this.elapsedInSegment(l, at, mode);
      for (const s of l.suspensions) if (s.to === null) s.to = at;
      l.state = 'stopped';
      l.segmentStartedAt = null;
      l.stoppedAt = at;
      l.stopReason = reason;
      if (l.firedRungKeys.length > 0) await this.closeEscalations(mode, { caseId: this.ctx.caseId, stage: l.stage, reason, at });
      await this.publish(l, mode);
    });
  }

  /**
   * Puts back a ledger read earlier from `ledger` (an act rolled back). Ledgers are replaced whole
   * on every change, never edited in place, so the earlier reference is the earlier state. The
   * caller projects afterwards. A rung fired since is fired again when due: its activity is
   * idempotent by rung key, so nothing is written twice.
   */
  restore(saved: readonly ClockLedger[]): Promise<void> {
    return this.lock.run(async () => {
      if (this.all === saved) return;
      this.all = saved;
      this.version++;
    });
  }

  /**
   * Opens an act: from now on background changes wait for it, and it waits for one already under
   * way, at most `budgetMs` (false when that one does not finish in time: the act is refused).
   */
  async beginAct(budgetMs: number): Promise<boolean> {
    this.actOpen = true;
    this.afterCommit = [];
    // Checked first: a condition with a timeout starts a timer even when it is already true.
    if (this.lock.idle || (await condition(() => this.lock.idle, budgetMs))) return true;
    this.actOpen = false;
    return false;
  }

  /** Work that cannot be taken back, run once the open act is committed (in the mode it is given). */
  onCommit(work: (mode: ActivityMode) => Promise<unknown>): void {
    if (!this.actOpen) throw new Error('onCommit is for work of an open act');
    this.afterCommit.push(work);
  }

  /** Closes the act; committed, it hands back what was deferred until then (run it in the background). */
  endAct(committed: boolean): Array<(mode: ActivityMode) => Promise<unknown>> {
    this.actOpen = false;
    const deferred = committed ? this.afterCommit : [];
    this.afterCommit = [];
    return deferred;
  }

  /** Waits, firing the reminder and the rungs as they fall due, until `resolved()` is true. */
  async runUntil(resolved: () => boolean): Promise<void> {
    while (!resolved()) {
      const seen = this.version;
      const due = this.nextDue();
      const wake = () => resolved() || this.version !== seen;
      if (due === null) {
        await condition(wake);
        continue;
      }
      const wait = due - Date.now();
      if (wait > 0 && (await condition(wake, wait))) continue;
      await this.gated('background', () => this.fireDue());
    }
  }

  /**
   * Runs a change under the lock; a background change waits while an act is open (the act's own
   * changes, interactive, go ahead). No extra await when no act is open, so the order of commands
   * of histories recorded before acts were gated is unchanged.
   */
  private gated<T>(mode: ActivityMode, fn: () => Promise<T>): Promise<T> {
    if (mode === 'background' && this.actOpen) return condition(() => !this.actOpen).then(() => this.lock.run(fn));
    return this.lock.run(fn);
  }

  /** Closes the stage's open escalations now, or once the open act is committed. */
  private async closeEscalations(mode: ActivityMode, input: { caseId: string; stage: string; reason: string; at: string }): Promise<void> {
    if (this.actOpen) {
      this.afterCommit.push((m) => via(m).closeOpenEscalations(input));
      return;
    }
    await via(mode).closeOpenEscalations(input);
  }

  // --- internals (always under the lock) ---

  /**
   * A change is made on a copy and published whole once its activities have answered: a query
   * never sees half a change (a resumed clock still showing its old deadline), and a change whose
   * activity fails for good leaves the ledger as it was. The ledger is plain JSON.
   */
  private draft(stage?: string): ClockLedger | null {
    const l = stage === undefined ? this.ledger : (this.open(stage) ?? null);
    return l ? copy(l) : null;
  }

  /** Puts a changed ledger in place of the one of its stage and episode (or adds a new one). */
  private async publish(l: ClockLedger, mode: ActivityMode): Promise<void> {
    const at = this.all.findIndex((x) => x.episode === l.episode);
    this.all = at < 0 ? [...this.all, l] : this.all.map((x, i) => (i === at ? l : x));
    this.version++;
    if (this.actOpen && mode === 'interactive' && patched(ONE_PROJECTION_PER_ACT_PATCH)) return;
    await this.ctx.onChanged(mode);
  }

  private nextDue(): number | null {
    const due = this.all.map(nextDueAt).filter((d): d is number => d !== null);
    return due.length === 0 ? null : Math.min(...due);
  }

  private elapsedInSegment(l: ClockLedger, to: string, mode: ActivityMode): Promise<number> {
    if (!l.segmentStartedAt) return Promise.resolve(0);
    return via(mode).countWorkingDaysBetween({
      from: l.segmentStartedAt,
      to,
      startDayCounts: l.firstSegment && this.ctx.policy.startDayCounts,
      allowProvisional: true,
    });
  }

  /** Recomputes the deadline, the reminder and the rungs of a draft (published by the caller). */
  private async plan(l: ClockLedger, cause: string, mode: ActivityMode, from?: string): Promise<void> {
    const segmentFrom = from ?? l.segmentStartedAt ?? nowIso();
    const remaining = totalBudget(l) - l.consumedDays;
    const plan: PlanSlaResult = await via(mode).planSla({
      from: segmentFrom,
      workingDays: remaining,
      startDayCounts: l.firstSegment && this.ctx.policy.startDayCounts,
      allowProvisional: this.ctx.policy.allowProvisional,
      reminderWorkingDays: this.ctx.policy.reminderWorkingDays,
      graceWorkingDays: this.ctx.policy.graceWorkingDays,
      fixedDeadlineDate: l.deadlineDate,
    });
    const deadlineMoved = plan.deadlineAt !== l.deadlineAt;
    l.deadlineAt = plan.deadlineAt;
    l.deadlineDate = plan.deadlineDate;
    l.provisional = plan.provisional;
    l.reminderAt = l.tracking ? null : plan.reminderAt;
    if (deadlineMoved) l.reminded = false;
    l.rungs = (l.tracking ? [] : plan.rungs).map((r: { level: EscalationLevel; at: string }) => ({
      level: r.level,
      at: r.at,
      // One key per level for each deadline a person set (start, each extension): a calendar
      // re-projection moves the date but never fires a level again.
      key: rungKey(this.ctx.caseId, l.stage, l.episode, l.extensions.length, r.level),
    }));
    l.projections.push({
      at: nowIso(),
      cause,
      deadlineAt: plan.deadlineAt,
      deadlineDate: plan.deadlineDate,
      provisional: plan.provisional,
      calendarDocuments: plan.calendarDocuments,
    });
  }

  private async fireDue(): Promise<void> {
    for (const running of this.all.filter((r) => r.state === 'running')) await this.fireDueOf(copy(running));
  }

  private async fireDueOf(l: ClockLedger): Promise<void> {
    const now = Date.now();
    let fired = false;
    if (l.reminderAt && !l.reminded && Date.parse(l.reminderAt) <= now && l.deadlineAt) {
      await act.sendDeadlineReminder({
        dedupeKey: `${this.ctx.caseId}:${l.stage}:${l.episode}:${l.deadlineAt}:reminder`,
        caseId: this.ctx.caseId,
        caseTitle: this.ctx.title(),
        stage: l.stage,
        assigneeId: this.ctx.assigneeId(),
        departmentCode: this.ctx.departmentCode(),
        deadlineAt: l.deadlineAt,
        at: nowIso(),
      });
      l.reminded = true;
      fired = true;
    }
    for (const rung of l.rungs) {
      if (l.firedRungKeys.includes(rung.key) || Date.parse(rung.at) > now || !l.deadlineAt || !l.deadlineDate) continue;
      await act.fireEscalationRung({
        rungKey: rung.key,
        caseId: this.ctx.caseId,
        caseTitle: this.ctx.title(),
        caseDepartment: this.ctx.departmentCode(),
        stage: l.stage,
        level: rung.level as EscalationLevel,
        deadlineAt: l.deadlineAt,
        deadlineDate: l.deadlineDate,
        at: nowIso(),
      });
      l.firedRungKeys.push(rung.key);
      fired = true;
    }
    if (fired) await this.publish(l, 'background');
  }
}
