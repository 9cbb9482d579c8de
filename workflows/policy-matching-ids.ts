// Names, ids and message shapes of the policy matching run (measure 1), shared by the
// workflow, its activities, the API that starts it and the nightly schedule. No imports.

export const POLICY_MATCHING_WORKFLOW_TYPE = 'policyMatchingWorkflow';

/** One run per published version: a second start for the same version is a no-op. */
export function policyMatchingWorkflowId(catalogueVersion: number): string {
  return `policy-matching-v${catalogueVersion}`;
}

/** The schedule that re-runs matching every night under the version then in effect. */
export const NIGHTLY_MATCHING_SCHEDULE_ID = 'policy-matching-nightly';

/** Enterprises per activity call. */
export const MATCHING_PAGE_SIZE = 100;

/** Failure types of the matching activities that no retry can fix. */
export const MatchingFailure = {
  /** The version asked for was never published (or none is in effect yet). */
  UnknownCatalogueVersion: 'UNKNOWN_CATALOGUE_VERSION',
} as const;

export interface PolicyMatchingInput {
  /** The version to match under; null: the version in effect on the day of the run (nightly). */
  catalogueVersion: number | null;
  /** Why the run happens ('publish', 'nightly', ...), for the notifications' payload and logs. */
  reason: string;
  /** Set only by continue-as-new: where the previous run stopped. */
  resume?: MatchingProgress;
}

export interface MatchingRun {
  catalogueVersion: number;
  /** The date the matcher reads as "today" ('YYYY-MM-DD', Asia/Shanghai). */
  asOf: string;
}

export interface MatchingCounts {
  enterprises: number;
  likely: number;
  possible: number;
  /** Enterprise items likely now and likely under no earlier version. */
  newMatches: number;
  /** Notifications actually written (a repeated run writes none). */
  notified: number;
  /** Enterprises whose stored profile could not be read (logged, left out). */
  skipped: number;
}

export interface MatchingProgress {
  run: MatchingRun;
  afterCreditCode: string | null;
  counts: MatchingCounts;
}

export interface MatchEnterprisePageInput extends MatchingRun {
  reason: string;
  afterCreditCode: string | null;
  limit: number;
}

export interface MatchEnterprisePageResult extends MatchingCounts {
  /** The credit code to continue after; null when this was the last page. */
  nextCursor: string | null;
}

export type PolicyMatchingResult = MatchingRun & MatchingCounts & { reason: string };
