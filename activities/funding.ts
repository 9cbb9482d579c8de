// Funding side of award cases (拨付): committing the approved amount against the measure's
// budget in approval order, giving it back, paying through the PaymentGateway, and recording
// the awards granted. Every activity is idempotent by the case (and the payment attempt);
// business refusals are non-retryable ApplicationFailures typed by FundingFailure.
import { ApplicationFailure } from '@temporalio/common';
import { isAppError } from '../domain/errors';
import { FundingFailure, maskAccountNo } from '../domain/funding';
import type { Fen } from '../domain/money';
import type { AwardGrantInput, CommitmentOutcome } from '../infra/db/funding-repository';
import type { ActivityDeps } from './deps';
import { PaymentRefusedError, type PaymentGateway } from '../infra/payments/gateway';
import { InProcessPaymentGateway } from '../infra/payments/in-process-gateway';

export interface RequestBudgetCommitmentInput {
  caseId: string;
  year: number;
  policyCode: string;
  amountFen: Fen;
  /** The approval instant (ISO): the order in which waiting cases commit. */
  approvedAt: string;
  /** When the request is made (workflow time). */
  at: string;
}

export interface ReleaseBudgetCommitmentResult {
  /** 'none' when the case had no commitment. */
  status: 'released' | 'none';
  /** Cases still waiting on the same budget, in approval order: the freed money may let them commit. */
  waitingCaseIds: string[];
}

export interface PayAwardInput {
  caseId: string;
  enterpriseId: string;
  amountFen: Fen;
  /** 1 for the first payment; +1 after each permanent refusal (a corrected account pays anew). */
  attempt: number;
  at: string;
}

export interface PayAwardResult {
  transferRef: string;
  /** The account number paid into, all but the last 4 digits masked. */
  account: string;
}

export interface RecordAwardGrantsInput {
  caseId: string;
  enterpriseId: string;
  grants: AwardGrantInput[];
  at: string;
}

/** AppErrors (STATE_CONFLICT, VALIDATION_FAILED) are final: retrying cannot change them. */
function rethrowFinal(err: unknown): never {
  if (isAppError(err)) throw ApplicationFailure.nonRetryable(err.message, err.code, err.details ?? {});
  throw err;
}

export function createFundingActivities(deps: ActivityDeps) {
  const { repos } = deps;
  const payments = deps.payments ?? new InProcessPaymentGateway(repos.funding, { now: deps.now });
  /** A transfer through the gateway, counted by its outcome (a retried failure counts again). */
  const countedTransfer: PaymentGateway['transfer'] = async (request) => {
    try {
      const result = await payments.transfer(request);
      deps.metrics?.payments.inc({ outcome: 'paid' });
      return result;
    } catch (err) {
      deps.metrics?.payments.inc({ outcome: err instanceof PaymentRefusedError ? 'refused' : 'failed' });
      throw err;
    }
  };

  return {
    async requestBudgetCommitment(input: RequestBudgetCommitmentInput): Promise<CommitmentOutcome> {
      try {
        return await repos.funding.requestCommitment({ ...input, approvedAt: new Date(input.approvedAt), at: new Date(input.at) });
      } catch (err) {
        rethrowFinal(err);
      }
    },

    // `at` keeps the activity shape uniform; the table stores no release instant.
    async releaseBudgetCommitment(input: { caseId: string; at: string }): Promise<ReleaseBudgetCommitmentResult> {
      try {
        const released = await repos.funding.release(input.caseId);
        if (!released) return { status: 'none', waitingCaseIds: [] };
        return { status: 'released', waitingCaseIds: await repos.funding.waitingCaseIds(released.year, released.policyCode) };
      } catch (err) {
        rethrowFinal(err);
      }
    },

    /** Pays the committed award once, whatever the retries, crashes or attempts. */
    async payAward(input: PayAwardInput): Promise<PayAwardResult> {
      try {
        const commitment = await repos.funding.commitmentOf(input.caseId);
        if (!commitment || (commitment.status !== 'committed' && commitment.status !== 'paid') || commitment.amountFen !== input.amountFen) {
          throw ApplicationFailure.nonRetryable(
            `Case ${input.caseId} cannot be paid ${input.amountFen} fen: its commitment is ${commitment ? `${commitment.status}, ${commitment.amountFen} fen` : 'missing'}.`,
            FundingFailure.StateConflict,
          );
        }
        // Paid before under another attempt's key (a lost completion): that payment stands.
        const earlier = await repos.funding.succeededPaymentOf(input.caseId);
        if (earlier?.transferRef) {
          await repos.funding.markPaid(input.caseId);
          return { transferRef: earlier.transferRef, account: maskAccountNo(earlier.accountNo) };
        }
        const account = await repos.funding.bankAccountOf(input.enterpriseId);
        if (!account) {
          throw ApplicationFailure.nonRetryable(`Enterprise ${input.enterpriseId} has no bank account on file to pay case ${input.caseId} into.`, FundingFailure.BankAccountMissing);
        }
        const { transferRef } = await countedTransfer({
          idempotencyKey: `${input.caseId}:payment:${input.attempt}`,
          caseId: input.caseId,
          enterpriseId: input.enterpriseId,
          amountFen: input.amountFen,
          account: { accountName: account.accountName, accountNo: account.accountNo, bankName: account.bankName },
        });
        await repos.funding.markPaid(input.caseId);
        return { transferRef, account: maskAccountNo(account.accountNo) };
      } catch (err) {
        if (err instanceof PaymentRefusedError) {
          throw ApplicationFailure.nonRetryable(err.message, FundingFailure.PaymentRefused, { reason: err.reason, attempt: input.attempt });
        }
        rethrowFinal(err);
      }
    },

    /** Whether the enterprise changed its bank account after a refused payment (a missed signal). */
    async bankAccountChangedSince(input: { enterpriseId: string; since: string }): Promise<boolean> {
      const account = await repos.funding.bankAccountOf(input.enterpriseId);
      return account !== null && account.updatedAt.getTime() > Date.parse(input.since);
    },

    /** The awards a paid case granted, for later once-only and per-period checks. */
    async recordAwardGrants(input: RecordAwardGrantsInput): Promise<number> {
      try {
        return await repos.funding.recordAwardGrants(input.caseId, input.enterpriseId, input.grants, new Date(input.at));
      } catch (err) {
        rethrowFinal(err);
      }
    },
  };
}
