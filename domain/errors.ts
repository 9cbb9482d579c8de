// One error vocabulary for the whole system. Domain code throws AppError with a code;
// the API maps the code to an HTTP status in one place (api/errors.ts). Messages are
// written for the person who made the request: they say what is wrong and what to do.

export const ErrorCodes = {
  VALIDATION_FAILED: 400,
  INVALID_TEXT: 400,
  INPUT_TOO_DEEP: 400,
  INPUT_TOO_LARGE: 400,
  /** An act's data was refused by the database; the act was rolled back. */
  DATA_REFUSED: 400,
  INVALID_CREDIT_CODE: 400,
  CALENDAR_YEAR_MISSING: 400,
  CALENDAR_NOTICE_INVALID: 400,
  UNKNOWN_POLICY: 404,
  UNKNOWN_POLICY_ITEM: 404,
  FACTS_INVALID: 400,
  AMOUNT_OVER_CAP: 400,
  /** Case documents (domain/document.ts): what an upload or a reference to one may not be. */
  DOCUMENT_EMPTY: 400,
  DOCUMENT_TOO_LARGE: 400,
  DOCUMENT_TYPE_NOT_ALLOWED: 400,
  DOCUMENT_TYPE_MISMATCH: 400,
  DOCUMENT_NAME_INVALID: 400,
  DOCUMENT_MISSING: 400,
  /** The upload ended before the file did (the client went away): nothing was stored. */
  DOCUMENT_INCOMPLETE: 400,
  CASE_DOCUMENTS_TOO_LARGE: 400,
  /** The document is held by a case already (another one, or this one by an earlier act). */
  DOCUMENT_ATTACHED: 409,
  /** M37 (domain/idle-assets.ts): the filing must name an entry of the idle-asset ledger. */
  IDLE_ASSET_REQUIRED: 400,
  IDLE_ASSET_UNKNOWN: 400,
  /** The entry was not idle before the revitalisation, or another award already claims or paid it. */
  IDLE_ASSET_NOT_IDLE: 409,
  IDLE_ASSET_ALREADY_REVITALISED: 409,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  TOO_MANY_ATTEMPTS: 429,
  ACCOUNT_LOCKED: 429,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STATE_CONFLICT: 409,
  ALREADY_EXISTS: 409,
  DEPENDENCY_UNAVAILABLE: 503,
  /** Stored data fails its own hash check: nothing a caller did, an operator must look (never a stack trace). */
  ARCHIVE_INTEGRITY_FAILED: 500,
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }

  get httpStatus(): number {
    return ErrorCodes[this.code];
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
