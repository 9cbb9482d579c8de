// The port through which awards are paid (拨付). This is the interface a real treasury adapter
// (国库集中支付 or a bank's corporate API) implements; the workflow and the activities know
// nothing else of the payer.
import type { Fen } from '../../domain/money';

export interface TransferAccount {
  accountName: string;
  accountNo: string;
  bankName: string;
}

export interface TransferRequest {
  /**
   * One transfer per key, whatever the retries: the same key again must return the first
   * outcome (the same transferRef, or the same refusal) and never move money twice.
   */
  idempotencyKey: string;
  caseId: string;
  enterpriseId: string;
  amountFen: Fen;
  account: TransferAccount;
}

export interface PaymentGateway {
  /**
   * Pays an award into an enterprise's account. Throws PaymentRefusedError when the bank refuses
   * for good (invalid or closed account: retrying cannot help until the account is corrected);
   * any other error is transient and the caller retries with the same key.
   */
  transfer(request: TransferRequest): Promise<{ transferRef: string }>;
}

/** A permanent refusal by the bank, with its reason. */
export class PaymentRefusedError extends Error {
  override readonly name = 'PaymentRefusedError';
  constructor(readonly reason: string) {
    super(`The bank refused the transfer: ${reason}`);
  }
}
