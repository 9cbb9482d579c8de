// An act is all or nothing. When an activity an act runs fails for good (the database refused its
// data, a business refusal from an activity), the act's handler puts the case back as it was,
// projects that, and answers the caller with a refusal instead of leaving a half-applied act or,
// with unbounded retries, an act that never ends and holds the case (issue 17, finding 1).
import { ActivityFailure, ApplicationFailure, TemporalFailure, TimeoutFailure } from '@temporalio/workflow';
import { BUSINESS_FAILURES } from './act-proxies';
import { FAILURE, type FailureType } from '../../domain/failures';
import { findTextProblem } from '../../domain/text';
import { REFUSAL } from '../sla/messages';


/**
 * Failures an act's handler rolls back from: Temporal failures (an activity's, or a refusal
 * raised while applying). Anything else is a bug that fails the workflow task, which is retried
 * from history: nothing to roll back then.
 */
export function isActFailure(err: unknown): err is TemporalFailure {
  return err instanceof TemporalFailure;
}

/**
 * An activity of the act that ran out of its time (workflows/case/act-proxies.ts ACT_BUDGET):
 * timed out, or failed with an error that is no business answer on its last allowed attempt.
 */
function isOutage(err: TemporalFailure): boolean {
  if (!(err instanceof ActivityFailure)) return false;
  const cause = err.cause;
  if (cause instanceof TimeoutFailure) return true;
  return cause instanceof ApplicationFailure && !cause.nonRetryable && !BUSINESS_FAILURES.includes((cause.type ?? '') as FailureType);
}

/** What the caller is told after the rollback. */
export function actRefusal(err: TemporalFailure): TemporalFailure {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure && cause.type === FAILURE.dbDataRefused) {
    return ApplicationFailure.create({
      message: `The act was not recorded and the case is unchanged: ${cause.message}`,
      type: REFUSAL.dataRefused,
      nonRetryable: true,
    });
  }
  if (isOutage(err)) {
    // An act's activities reach the database only (the payment gateway is never called inside an
    // act); a step can also run out of time when no worker takes it up.
    const activity = err instanceof ActivityFailure ? err.activityType : 'an activity';
    return ApplicationFailure.create({
      message: `The database did not answer in time (${activity}: ${cause?.message ?? 'timed out'}; or no worker took the step up); the act was not recorded and the case is unchanged. Try again in a moment.`,
      type: REFUSAL.unavailable,
      nonRetryable: true,
    });
  }
  return err;
}

/** The refusal says the database did not answer (the rolled-back case is projected in the background then). */
export function isOutageRefusal(refusal: TemporalFailure): boolean {
  return refusal instanceof ApplicationFailure && refusal.type === REFUSAL.unavailable;
}

/** Refuses an act carrying text the database cannot hold (the API refuses it first; this guards any other client). */
export function actTextProblem(act: unknown): string | null {
  return findTextProblem(act, 'act')?.message ?? null;
}
