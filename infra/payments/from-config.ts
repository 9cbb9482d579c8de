// The payment gateway a worker pays through, chosen by configuration. A production worker
// (worker.ts) must name one: `http` (the treasury adapter) for real money, `in-process` (a
// recorder in the database that pays nothing) only with TEST_DEPLOYMENT=true.
import type { AppConfig } from '../config';
import type { PaymentStore } from './in-process-gateway';
import { InProcessPaymentGateway } from './in-process-gateway';
import { HttpPaymentGateway } from './http-gateway';
import type { PaymentGateway } from './gateway';

export class PaymentConfigError extends Error {
  override readonly name = 'PaymentConfigError';
}

type PaymentKeys = Pick<AppConfig, 'PAYMENT_GATEWAY' | 'PAYMENT_GATEWAY_URL' | 'PAYMENT_GATEWAY_TOKEN' | 'PAYMENT_GATEWAY_TIMEOUT_SECONDS' | 'TEST_DEPLOYMENT'>;

/** The gateway for a production worker, or PaymentConfigError saying what to set. */
export function productionPaymentGateway(config: PaymentKeys, store: PaymentStore): PaymentGateway {
  switch (config.PAYMENT_GATEWAY) {
    case 'http':
      // checkDeploymentKeys (infra/config-deployment.ts) made both present.
      if (!config.PAYMENT_GATEWAY_URL || !config.PAYMENT_GATEWAY_TOKEN) throw new PaymentConfigError('PAYMENT_GATEWAY=http needs PAYMENT_GATEWAY_URL and PAYMENT_GATEWAY_TOKEN');
      return new HttpPaymentGateway({ url: config.PAYMENT_GATEWAY_URL, token: config.PAYMENT_GATEWAY_TOKEN, timeoutMs: config.PAYMENT_GATEWAY_TIMEOUT_SECONDS * 1000 });
    case 'in-process':
      if (!config.TEST_DEPLOYMENT) {
        throw new PaymentConfigError(
          'PAYMENT_GATEWAY=in-process records payments without paying anyone; set TEST_DEPLOYMENT=true to say this deployment moves no real money, or PAYMENT_GATEWAY=http with the treasury adapter',
        );
      }
      return new InProcessPaymentGateway(store);
    case undefined:
      throw new PaymentConfigError('set PAYMENT_GATEWAY: http (PAYMENT_GATEWAY_URL, PAYMENT_GATEWAY_TOKEN) for the treasury adapter, or in-process with TEST_DEPLOYMENT=true on a test deployment');
  }
}
