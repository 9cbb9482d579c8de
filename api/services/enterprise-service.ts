// Enterprises: registered by an administrator, read by staff and by the enterprise's own users.
import { checkCreditCode } from '../../domain/credit-code';
import { ZEnterpriseProfileFacts, type TCreateEnterprise } from '../../domain/enterprise';
import { AppError } from '../../domain/errors';
import type { Actor } from '../../domain/roles';
import type { Enterprise } from '../../generated/prisma/client';
import { requireRole } from '../auth/guards';
import type { ServiceDeps } from './deps';
import { findEnterpriseInScope } from './enterprise-scope';
import { auditActor } from './views';

export function toEnterpriseView(e: Enterprise) {
  return {
    id: e.id,
    creditCode: e.creditCode,
    name: e.name,
    industry: e.industry,
    aboveScale: e.aboveScale,
    profile: ZEnterpriseProfileFacts.parse(e.profile),
    createdAt: e.createdAt.toISOString(),
  };
}

export function createEnterpriseService({ repos, now }: ServiceDeps) {
  return {
    async register(actor: Actor, input: TCreateEnterprise) {
      requireRole(actor, ['admin'], 'register enterprises');
      const check = checkCreditCode(input.creditCode);
      if (!check.valid) {
        throw new AppError('INVALID_CREDIT_CODE', `creditCode ${check.code} is not a valid 统一社会信用代码: ${check.problem}.`, {
          issues: [{ path: 'body.creditCode', message: check.problem }],
        });
      }
      const existing = await repos.enterprises.findByCreditCode(check.code);
      if (existing) {
        throw new AppError('ALREADY_EXISTS', `An enterprise with creditCode ${check.code} is already registered.`, { enterpriseId: existing.id });
      }
      const created = await repos.enterprises.create({ ...input, creditCode: check.code });
      await repos.audit.append({
        at: now(),
        ...auditActor(actor),
        action: 'enterprise.register',
        subjectType: 'enterprise',
        subjectId: created.id,
        outcome: 'ok',
        payload: { creditCode: created.creditCode, name: created.name },
      });
      return toEnterpriseView(created);
    },

    async get(actor: Actor, id: string) {
      // An enterprise user asking for another enterprise learns nothing, not even that it exists.
      return toEnterpriseView(await findEnterpriseInScope(repos, actor, id));
    },

    async list(actor: Actor, page: { limit: number; offset: number }) {
      requireRole(actor, ['reviewer', 'dept_head', 'agent', 'supervisor', 'auditor', 'admin'], 'list enterprises');
      return (await repos.enterprises.list(page)).map(toEnterpriseView);
    },
  };
}
export type EnterpriseService = ReturnType<typeof createEnterpriseService>;
