// Funding (拨付) rules shared by the activities, the API and the workflow: the failure types of
// the funding activities, the shape of an enterprise's bank account, and how its number is shown.
import { z } from 'zod';
import { FAILURE } from './failures';

/** ApplicationFailure types the funding activities throw; all are non-retryable business refusals. */
export const FundingFailure = {
  /** The bank refused the transfer for good (invalid or closed account): pay again once corrected. */
  PaymentRefused: FAILURE.paymentRefused,
  /** The enterprise has no bank account on file. */
  BankAccountMissing: FAILURE.bankAccountMissing,
  /** The commitment is not in a state that allows the act (e.g. paying a released commitment). */
  StateConflict: FAILURE.stateConflict,
  /** An input the activity refuses (an amount that is not a positive safe integer). */
  ValidationFailed: FAILURE.invalid,
} as const;
export type TFundingFailure = (typeof FundingFailure)[keyof typeof FundingFailure];

/**
 * The account awards are paid into (对公账户). The number is digits only (spaces and hyphens as
 * typed are dropped); whether the bank accepts it is the bank's answer at payment time.
 */
export const ZBankAccount = z.object({
  accountName: z.string().trim().min(1).max(100).describe('户名: the account holder, normally the enterprise name'),
  accountNo: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{6,40}$/, 'digits only, 6 to 40 of them'))
    .describe('账号: digits; spaces and hyphens are ignored'),
  bankName: z.string().trim().min(1).max(100).describe('开户行: the bank and branch'),
});
export type TBankAccount = z.infer<typeof ZBankAccount>;

/** An account number with all but the last 4 digits hidden: 6222020200112233 → ************2233. */
export function maskAccountNo(accountNo: string): string {
  const visible = accountNo.slice(-4);
  return `${'*'.repeat(Math.max(accountNo.length - visible.length, 0))}${visible}`;
}
