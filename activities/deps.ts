import type { Repositories } from './db/repositories';

/** What activities receive. Only worker.ts builds the real one; tests pass their own. */
export interface ActivityDeps {
  repos: Repositories;
  now: () => Date;
}
