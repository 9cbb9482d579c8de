// The one reading of "an enterprise user sees only its own enterprise" for services that take
// an enterprise id: outside the caller's scope is 404, never the data, never even existence.
import type { Repositories } from '../../infra/db/repositories';
import { canReadAnyEnterprise, type Actor } from '../../domain/roles';
import { notFound } from '../auth/guards';

export async function findEnterpriseInScope(repos: Repositories, actor: Actor, id: string) {
  if (!canReadAnyEnterprise(actor) && actor.enterpriseId !== id) throw notFound('Enterprise', id);
  const e = await repos.enterprises.findById(id);
  if (!e) throw notFound('Enterprise', id);
  return e;
}
