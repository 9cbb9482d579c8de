// The default PaymentGateway: a stand-in for the treasury that decides in process and records
// every transfer in the payments table under its idempotency key, so a retried transfer returns
// the stored outcome and never pays twice.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../domain/errors';
import { maskAccountNo } from '../../domain/funding';
import type { FundingRepository, PaymentRecord } from '../db/funding-repository';
import { PaymentRefusedError, type PaymentGateway, type TransferRequest } from './gateway';

/** What the gateway needs of the database: the funding repository satisfies it. */
export type PaymentStore = Pick<FundingRepository, 'paymentByKey' | 'recordPayment'>;

export interface InProcessGatewayOptions {
  /** Account numbers the stand-in bank treats as closed (tests pass some). */
  closedAccounts?: Iterable<string>;
  now?: () => Date;
}

export class InProcessPaymentGateway implements PaymentGateway {
  private readonly closed: ReadonlySet<string>;
  private readonly now: () => Date;

  constructor(
    private readonly store: PaymentStore,
    options: InProcessGatewayOptions = {},
  ) {
    this.closed = new Set(options.closedAccounts ?? []);
    this.now = options.now ?? (() => new Date());
  }

  async transfer(request: TransferRequest): Promise<{ transferRef: string }> {
    const stored = (await this.store.paymentByKey(request.idempotencyKey)) ?? (await this.store.recordPayment(this.decide(request)));
    if (stored.amountFen !== request.amountFen || stored.accountNo !== request.account.accountNo || stored.caseId !== request.caseId) {
      // A key names one transfer; reusing it for another is a caller's bug, not a bank's answer.
      throw new AppError('STATE_CONFLICT', `Payment key ${request.idempotencyKey} was used for ${stored.amountFen} fen to account ${maskAccountNo(stored.accountNo)} of case ${stored.caseId}.`);
    }
    if (stored.status === 'refused') throw new PaymentRefusedError(stored.failure ?? 'refused');
    if (!stored.transferRef) throw new Error(`payment ${request.idempotencyKey} succeeded without a transfer reference`);
    return { transferRef: stored.transferRef };
  }

  /** The outcome to record for a key seen for the first time. */
  private decide(request: TransferRequest): PaymentRecord {
    const failure = this.refusalOf(request.account.accountNo);
    return {
      idempotencyKey: request.idempotencyKey,
      caseId: request.caseId,
      enterpriseId: request.enterpriseId,
      amountFen: request.amountFen,
      accountName: request.account.accountName,
      accountNo: request.account.accountNo,
      bankName: request.account.bankName,
      status: failure === null ? 'succeeded' : 'refused',
      transferRef: failure === null ? `TRF-${randomUUID()}` : null,
      failure,
      createdAt: this.now(),
    };
  }

  /**
   * The stand-in for a bank's answer about an account: the number must be 10 to 30 digits (the
   * range of mainland corporate account numbers) and not a closed account. A real adapter gets
   * this answer from the bank instead.
   */
  private refusalOf(accountNo: string): string | null {
    if (!/^\d{10,30}$/.test(accountNo)) return `account number ${maskAccountNo(accountNo)} is invalid: it must be 10 to 30 digits`;
    if (this.closed.has(accountNo)) return `account ${maskAccountNo(accountNo)} is closed`;
    return null;
  }
}
