// Activities of the application workflow that are not funding: re-quoting after a supplement.
import { ApplicationFailure } from '@temporalio/common';
import { isAppError } from '../domain/errors';
import type { ActivityDeps } from './deps';
import { claimsOfCase, quoteForEnterprise, quoteSummary, type QuoteRequest } from '../infra/db/quoting';

export function createApplicationActivities(deps: ActivityDeps) {
  return {
    /** Re-quotes a case's changed facts; the claims of the enterprise's other open applications count. */
    async quoteApplication(r: QuoteRequest & { caseId: string }) {
      try {
        const open = (await deps.repos.applications.openApplicationsOf(r.enterpriseId, r.policyCode)).filter((c) => c.caseId !== r.caseId);
        const openClaims = open.flatMap((c) => claimsOfCase(c, r.item));
        return quoteSummary(await quoteForEnterprise(deps.repos, { ...r, openClaims }));
      } catch (err) {
        // Facts that fail the form cannot pass on a retry.
        if (isAppError(err)) throw ApplicationFailure.nonRetryable(err.message, err.code, err.details ?? {});
        throw err;
      }
    },
  };
}
