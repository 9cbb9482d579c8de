import type { Repositories } from '../infra/db/repositories';
import type { HistorySource } from '../infra/history/archive';
import type { AppMetrics } from '../infra/metrics';
import type { PaymentGateway } from '../infra/payments/gateway';

/** What activities receive. Only worker.ts builds the real one; tests pass their own. */
export interface ActivityDeps {
  repos: Repositories;
  now: () => Date;
  /** The payer of awards; absent: the in-process gateway on the database. */
  payments?: PaymentGateway;
  /** Where escalations fired and payments are counted; absent: not counted (tests). */
  metrics?: Pick<AppMetrics, 'escalationsFired' | 'payments'>;
  /** Where the history archive reads workflow histories; absent: the archive activity refuses (tests without it). */
  histories?: HistorySource;
}
