// How long an act's person waits. The activities an act runs while someone waits for the answer
// (plan a deadline, write the audit record, project the case) are bounded in time: when the
// database does not answer within ACT_BUDGET the act is rolled back and answered 503, instead of
// holding the request (and the case) until the database returns. Background work (timers, rungs,
// payments, the projection after a rollback) keeps retrying for as long as it takes.
//
// They run as local activities (issue 13): in the worker that runs the workflow task, recorded as
// markers, without a round trip through the Temporal server for each one. An act used to wait for
// four or five scheduled activities one after another (clock stop, deadline planning, projection,
// audit), each a schedule, a poll, a completion and a new workflow task; as local activities they
// take the time of their database writes. The same timeouts and retries apply. Histories recorded
// before (scheduled activities) replay with scheduled activities: the patch marks the change.
import { ActivityFailure, CancelledFailure, patched, proxyActivities, proxyLocalActivities, TemporalFailure, type ActivityInterfaceFor } from '@temporalio/workflow';
import { RetryState } from '@temporalio/common';
import type { Activities } from '../../activities';

import { BUSINESS_FAILURES } from '../../domain/failures';

export { BUSINESS_FAILURES };

/** What one act may spend on one activity, retries included (and on waiting for background work to finish). */
export const ACT_BUDGET_MS = 20_000;
const ACT_BUDGET = `${ACT_BUDGET_MS} milliseconds`;

export const LOCAL_INTERACTIVE_PATCH = 'interactive-local-activities-v1';

const retry = { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '5 seconds', nonRetryableErrorTypes: [...BUSINESS_FAILURES] };

const scheduled = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', scheduleToCloseTimeout: ACT_BUDGET, retry });
// A local activity's schedule-to-close is kept by the worker against the workflow's clock, which a
// time-skipping test server moves far ahead of the worker's: the attempts bound the act as well
// (backoff 0.5 + 1 + 2 + 4 + 5 s between six attempts of at most 5 s each).
const local = proxyLocalActivities<Activities>({ startToCloseTimeout: '5 seconds', scheduleToCloseTimeout: ACT_BUDGET, retry: { ...retry, maximumAttempts: 6 } });

/**
 * The proxy for activities someone waits on inside an act: local activities in a case that has the
 * patch (every case started or continued since), scheduled ones when replaying a case recorded
 * before. `patched` is asked at each call, so the marker is written before the first command it changes.
 */
export const interactiveActivities: ActivityInterfaceFor<Activities> = new Proxy(scheduled, {
  get: (target, name, receiver) => {
    if (!patched(LOCAL_INTERACTIVE_PATCH)) return Reflect.get(target, name, receiver);
    const call: unknown = Reflect.get(local, name, receiver);
    if (!isActivityFunction(call) || typeof name !== 'string') return call;
    return (...args: unknown[]) => call(...args).catch((err: unknown) => Promise.reject(asActivityFailure(name, err)));
  },
});

const isActivityFunction = (f: unknown): f is (...args: unknown[]) => Promise<unknown> => typeof f === 'function';

/**
 * A local activity that used up its attempts fails with its last error as such, where a scheduled
 * one fails with an ActivityFailure naming the activity around it: the same shape for both, so an
 * act's refusal (act-failure.ts) tells an outage from an answer and names the step either way.
 */
function asActivityFailure(activityType: string, err: unknown): unknown {
  if (err instanceof ActivityFailure || err instanceof CancelledFailure || !(err instanceof TemporalFailure)) return err;
  return new ActivityFailure(err.message, activityType, undefined, RetryState.MAXIMUM_ATTEMPTS_REACHED, 'local activity', err);
}

/** Background work chooses its own (unbounded) proxy; an act passes this mode down to the clock. */
export type ActivityMode = 'interactive' | 'background';
