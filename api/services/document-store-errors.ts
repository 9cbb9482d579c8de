// The document store's failures as the API answers them: a store that does not answer is the
// 503 naming `documents` (its socket errors must not read as the database's, which the error
// handler would otherwise assume for ECONNREFUSED and the like).
import type { DocumentStore } from '../../infra/documents/store';
import { dependencyUnavailable } from '../errors';
import type { AppError } from '../../domain/errors';

export function storeDown(store: DocumentStore, err: unknown): AppError {
  const why = err instanceof Error ? err.message : 'no answer';
  return dependencyUnavailable('documents', `The document store (${store.kind}) is not reachable right now (${why}); nothing was stored or sent. Try again in a moment.`);
}

export function requireStore(store: DocumentStore | undefined): DocumentStore {
  if (!store) throw dependencyUnavailable('documents', 'This API process has no document store configured.');
  return store;
}
