// The enterprise profile (issue 18, item 0): the facts an enterprise states about itself, each
// with who stated it and when; staff (reviewers, heads, administrators) verify or correct them,
// which states the fact anew under their name. Audited with the facts that changed.
import { ZEnterpriseProfileFacts } from '../../domain/enterprise';
import { changedFacts, restate, ZProfileStatements, type TPutProfile } from '../../domain/enterprise-profile';
import type { Actor } from '../../domain/roles';
import type { Enterprise } from '../../generated/prisma/client';
import { requireRole } from '../auth/guards';
import type { ServiceDeps } from './deps';
import { findEnterpriseInScope } from './enterprise-scope';
import { auditActor } from './views';

export const PROFILE_EDITORS = ['enterprise', 'reviewer', 'dept_head', 'admin'] as const;

export function toProfileView(e: Enterprise) {
  return {
    enterpriseId: e.id,
    aboveScale: e.aboveScale,
    facts: ZEnterpriseProfileFacts.parse(e.profile),
    statements: ZProfileStatements.parse(e.profileStatements),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function createEnterpriseProfileService({ repos, now }: ServiceDeps) {
  return {
    async get(actor: Actor, id: string) {
      return toProfileView(await findEnterpriseInScope(repos, actor, id));
    },

    async put(actor: Actor, id: string, body: TPutProfile) {
      requireRole(actor, PROFILE_EDITORS, 'state enterprise profile facts');
      const e = await findEnterpriseInScope(repos, actor, id);
      const at = now();
      const before: Record<string, unknown> = { ...ZEnterpriseProfileFacts.parse(e.profile), aboveScale: e.aboveScale };
      const after: Record<string, unknown> = { ...body.facts, aboveScale: body.aboveScale ?? e.aboveScale };
      const statements = restate(before, ZProfileStatements.parse(e.profileStatements), after, actor, at.toISOString());
      const changed = changedFacts(before, after);
      const updated = await repos.enterprises.updateProfile(id, { profile: body.facts, statements, ...(body.aboveScale === undefined ? {} : { aboveScale: body.aboveScale }) });
      await repos.audit.append({
        at,
        ...auditActor(actor),
        action: 'enterprise.profile',
        subjectType: 'enterprise',
        subjectId: id,
        outcome: 'ok',
        payload: { changed },
      });
      return toProfileView(updated);
    },
  };
}
export type EnterpriseProfileService = ReturnType<typeof createEnterpriseProfileService>;
