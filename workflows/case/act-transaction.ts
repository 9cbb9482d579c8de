// One act of a person on a case, as a transaction (every case type runs its acts through this):
// - acts run one at a time (the case's validators refuse a second while one runs), and while one
//   runs the clock's background changes (rungs, calendar re-projections) wait, so a rollback
//   restores a ledger nobody else changed meanwhile;
// - the act's own activities are bounded in time (act-proxies.ts); what it cannot take back
//   (closing escalations, sending a notification) waits until it is committed, then runs before
//   the answer, or in the background when the database does not answer;
// - when an activity fails for good or runs out of time, the case is put back as it was, the read
//   model with it, and the caller gets the refusal (act-failure.ts).
// Histories recorded before this existed replay through `legacy` (their acts wrote the audit
// record before the projection and rolled nothing back): the patch marks the new behaviour.
import { ApplicationFailure, patched } from '@temporalio/workflow';
import type { SlaClock } from '../sla/clock';
import { REFUSAL } from '../sla/messages';
import { actRefusal, isActFailure, isOutageRefusal } from './act-failure';
import { ACT_BUDGET_MS } from './act-proxies';

export const ACT_TRANSACTION_PATCH = 'act-transaction-v1';

export interface ActTransaction<T> {
  clock: SlaClock;
  /** Takes a copy of what the act may change; the returned function puts it back and says whether anything differed. */
  snapshot: () => () => boolean;
  /** The act. `legacy`: as recorded before acts were transactions (audit record before the projection). */
  apply: (legacy: boolean) => Promise<T>;
  /** Projects the case after a rollback; `outage`: the database is what failed, so in the background. */
  reproject: (outage: boolean) => Promise<void>;
  /** Runs committed follow-up work in the background (retried until done; the case waits for it before it ends). */
  settle: (work: () => Promise<unknown>) => void;
  /**
   * Marks the act as one of the case's acts in flight, for an act type that did not count as one
   * before (supervisor acts): only outside legacy, since counting it changes when the main loop
   * may go on, and so the order of commands of a recorded history.
   */
  exclusive?: { enter: () => void; leave: () => void };
}

export async function runActTransaction<T>(t: ActTransaction<T>): Promise<T> {
  if (!patched(ACT_TRANSACTION_PATCH)) return t.apply(true);
  t.exclusive?.enter();
  try {
    return await runTransaction(t);
  } finally {
    t.exclusive?.leave();
  }
}

async function runTransaction<T>(t: ActTransaction<T>): Promise<T> {
  if (!(await t.clock.beginAct(ACT_BUDGET_MS))) {
    throw ApplicationFailure.create({
      message: 'The case is busy with background work that waits for the database; the act was not taken. Try again in a moment.',
      type: REFUSAL.unavailable,
      nonRetryable: true,
    });
  }
  const putBack = t.snapshot();
  const clocks = t.clock.snapshot();
  let result: T;
  try {
    result = await t.apply(false);
  } catch (err) {
    if (!isActFailure(err)) {
      t.clock.endAct(false);
      throw err;
    }
    const changed = putBack() || t.clock.snapshot() !== clocks;
    await t.clock.restore(clocks);
    t.clock.endAct(false);
    const refusal = actRefusal(err);
    if (changed) await t.reproject(isOutageRefusal(refusal));
    throw refusal;
  }
  // Committed. What could not be taken back runs now, so the answer already reflects it (closed
  // escalations, a sent notification); what the database cannot do now runs in the background.
  for (const work of t.clock.endAct(true)) {
    try {
      await work('interactive');
    } catch (err) {
      if (!isActFailure(err)) throw err;
      t.settle(() => work('background'));
    }
  }
  return result;
}
