// The failure types that cross the Temporal boundary: what activities raise (ApplicationFailure
// type), what a workflow refuses an act with, and what the API maps to HTTP (api/errors.ts,
// api/services/case-update.ts). One vocabulary, so a workflow never spells a failure as a raw string.
import type { ErrorCode } from './errors';

export const FAILURE = {
  /** The act does not fit the case's state now (409). */
  stateConflict: 'STATE_CONFLICT',
  /** The act or its input is malformed (400). */
  invalid: 'VALIDATION_FAILED',
  /** The facts of a filing or supplement fail the item's form (400). */
  factsInvalid: 'FACTS_INVALID',
  /** A deadline needs a calendar year no notice covers and the policy forbids provisional dates. */
  calendarYearMissing: 'CALENDAR_YEAR_MISSING',
  /** The payment gateway refused the transfer (waits for the enterprise to correct its account). */
  paymentRefused: 'PAYMENT_REFUSED',
  /** No bank account on record to pay to. */
  bankAccountMissing: 'BANK_ACCOUNT_MISSING',
  /** An activity's database write can never succeed (activities/index.ts classifies it). */
  dbDataRefused: 'DB_DATA_REFUSED',
  /** What the caller of an act is told after such a write rolled the act back (400). */
  dataRefused: 'DATA_REFUSED',
  /** The database did not answer within the act's time; the act was rolled back (503). */
  unavailable: 'DEPENDENCY_UNAVAILABLE',
} as const satisfies Record<string, ErrorCode | 'DB_DATA_REFUSED' | 'PAYMENT_REFUSED' | 'BANK_ACCOUNT_MISSING'>;

export type FailureType = (typeof FAILURE)[keyof typeof FAILURE];

/** Failures that are answers, not outages: never retried. */
export const BUSINESS_FAILURES: readonly FailureType[] = [
  FAILURE.paymentRefused,
  FAILURE.bankAccountMissing,
  FAILURE.stateConflict,
  FAILURE.invalid,
  FAILURE.factsInvalid,
  FAILURE.calendarYearMissing,
  FAILURE.dbDataRefused,
];

/** The payment answers after which a case waits for the enterprise's account instead of failing. */
export const PAYMENT_ANSWERS: readonly FailureType[] = [FAILURE.paymentRefused, FAILURE.bankAccountMissing];
