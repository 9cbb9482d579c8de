// Policy matching and push (measure 1): matches every enterprise against one catalogue version,
// page by page, storing the matches and notifying each enterprise's users of items it newly
// qualifies for. Started once per published version (workflow id policy-matching-v<N>) and
// nightly by a schedule. Every side effect is idempotent by key, so a retried activity, a
// repeated run or a second publication never notifies twice.
import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  MATCHING_PAGE_SIZE,
  MatchingFailure,
  type MatchingCounts,
  type MatchingProgress,
  type PolicyMatchingInput,
  type PolicyMatchingResult,
} from './policy-matching-ids';

// Database work: transient failures (connection lost, lock timeout) are retried with backoff
// for a while; an unknown version is a business failure that no retry fixes.
const retry = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  maximumAttempts: 10,
  nonRetryableErrorTypes: [MatchingFailure.UnknownCatalogueVersion],
};

const { resolveMatchingRun } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry });
// A page is up to MATCHING_PAGE_SIZE enterprises: a handful of queries and one write each.
const { matchEnterprisePage } = proxyActivities<Activities>({ startToCloseTimeout: '5 minutes', retry });

const NO_COUNTS: MatchingCounts = { enterprises: 0, likely: 0, possible: 0, newMatches: 0, notified: 0, skipped: 0 };

function add(a: MatchingCounts, b: MatchingCounts): MatchingCounts {
  return {
    enterprises: a.enterprises + b.enterprises,
    likely: a.likely + b.likely,
    possible: a.possible + b.possible,
    newMatches: a.newMatches + b.newMatches,
    notified: a.notified + b.notified,
    skipped: a.skipped + b.skipped,
  };
}

export async function policyMatchingWorkflow(input: PolicyMatchingInput): Promise<PolicyMatchingResult> {
  const run = input.resume?.run ?? (await resolveMatchingRun({ catalogueVersion: input.catalogueVersion }));
  let counts = input.resume?.counts ?? NO_COUNTS;
  let afterCreditCode = input.resume?.afterCreditCode ?? null;
  for (;;) {
    const page = await matchEnterprisePage({ ...run, reason: input.reason, afterCreditCode, limit: MATCHING_PAGE_SIZE });
    counts = add(counts, page);
    if (page.nextCursor === null) break;
    afterCreditCode = page.nextCursor;
    if (workflowInfo().continueAsNewSuggested) {
      const resume: MatchingProgress = { run, afterCreditCode, counts };
      await continueAsNew<typeof policyMatchingWorkflow>({ ...input, resume });
    }
  }
  return { ...run, ...counts, reason: input.reason };
}
