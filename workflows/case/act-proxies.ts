// How long an act's person waits. The activities an act runs while someone waits for the answer
// (plan a deadline, write the audit record, project the case) are bounded in time: when the
// database does not answer within ACT_BUDGET the act is rolled back and answered 503, instead of
// holding the request (and the case) until the database returns. Background work (timers, rungs,
// payments, the projection after a rollback) keeps retrying for as long as it takes.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

import { BUSINESS_FAILURES } from '../../domain/failures';

export { BUSINESS_FAILURES };

/** What one act may spend on one activity, retries included (and on waiting for background work to finish). */
export const ACT_BUDGET_MS = 20_000;
const ACT_BUDGET = `${ACT_BUDGET_MS} milliseconds`;

/** The proxy for activities someone waits on inside an act. */
export const interactiveActivities = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  scheduleToCloseTimeout: ACT_BUDGET,
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '5 seconds', nonRetryableErrorTypes: [...BUSINESS_FAILURES] },
});

/** Background work chooses its own (unbounded) proxy; an act passes this mode down to the clock. */
export type ActivityMode = 'interactive' | 'background';
