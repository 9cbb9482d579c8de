// The PaymentGateway of a production deployment: transfers go to the city's treasury adapter (the
// service that speaks to 国库集中支付 or the bank's corporate API) over HTTPS, one POST per
// transfer with its idempotency key. The adapter's contract:
//
//   POST <PAYMENT_GATEWAY_URL>/transfers
//   Authorization: Bearer <PAYMENT_GATEWAY_TOKEN>, Idempotency-Key: <key>
//   { idempotencyKey, caseId, enterpriseId, amountFen, account: { accountName, accountNo, bankName } }
//
//   200 or 201 { status: "succeeded", transferRef }   paid (the same key again: the same answer)
//   422 { status: "refused", reason }                   refused for good (closed or invalid account)
//   anything else, or no answer in time                 transient: the activity retries with the same key
import { z } from 'zod';
import { PaymentRefusedError, type PaymentGateway, type TransferRequest } from './gateway';

const ZSucceeded = z.object({ status: z.literal('succeeded'), transferRef: z.string().min(1).max(200) });
const ZRefused = z.object({ status: z.literal('refused'), reason: z.string().min(1).max(1000) });

export interface HttpGatewayOptions {
  /** The adapter's base URL; transfers go to <url>/transfers. */
  url: string;
  token: string;
  timeoutMs: number;
}

/** A transient failure: the adapter gave no usable answer. The message names no account. */
export class PaymentGatewayUnavailableError extends Error {
  override readonly name = 'PaymentGatewayUnavailableError';
}

export class HttpPaymentGateway implements PaymentGateway {
  private readonly endpoint: string;

  constructor(private readonly options: HttpGatewayOptions) {
    this.endpoint = new URL('transfers', options.url.endsWith('/') ? options.url : `${options.url}/`).toString();
  }

  async transfer(request: TransferRequest): Promise<{ transferRef: string }> {
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.options.token}`, 'idempotency-key': request.idempotencyKey, 'content-type': 'application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      throw new PaymentGatewayUnavailableError(`the payment gateway did not answer transfer ${request.idempotencyKey}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const body: unknown = await res.json().catch(() => null);
    if (res.status === 200 || res.status === 201) {
      const ok = ZSucceeded.safeParse(body);
      if (ok.success) return { transferRef: ok.data.transferRef };
    }
    if (res.status === 422) {
      const refused = ZRefused.safeParse(body);
      if (refused.success) throw new PaymentRefusedError(refused.data.reason);
    }
    throw new PaymentGatewayUnavailableError(`the payment gateway answered transfer ${request.idempotencyKey} with ${res.status} and no answer of its contract`);
  }
}
