// Activities of the application workflow that are not funding: re-quoting after a supplement.
import { ApplicationFailure } from '@temporalio/common';
import { isAppError } from '../domain/errors';
import type { ActivityDeps } from './deps';
import { quoteForEnterprise, quoteSummary, type QuoteRequest } from './quoting';

export function createApplicationActivities(deps: ActivityDeps) {
  return {
    async quoteApplication(r: QuoteRequest) {
      try {
        return quoteSummary(await quoteForEnterprise(deps.repos, r));
      } catch (err) {
        // Facts that fail the form cannot pass on a retry.
        if (isAppError(err)) throw ApplicationFailure.nonRetryable(err.message, err.code, err.details ?? {});
        throw err;
      }
    },
  };
}
