import type { Repositories } from '../../infra/db/repositories';

/** What every service receives. `now` is injected so tests can move time. */
export interface ServiceDeps {
  repos: Repositories;
  now: () => Date;
}
