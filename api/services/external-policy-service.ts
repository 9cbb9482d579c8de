// External policies (measure 1 beyond the 46): GXJ staff publish them, revise them (a new
// version) and republish them; each publication starts the matching run of the catalogue
// (policyMatchingWorkflow), which matches the policies in effect and tells each matching
// enterprise once per policy version. Enterprises list the policies that match them; staff see
// who was notified. Every change is audited.
import { randomUUID } from 'node:crypto';
import { localDateOf } from '../../domain/calendar';
import { externalPolicyDedupePrefix, type TExternalPolicyInput } from '../../domain/external-policy';
import { ZCriteria } from '../../domain/policy/criteria';
import type { Actor } from '../../domain/roles';
import type { ExternalPolicy } from '../../generated/prisma/client';
import type { ExternalPolicyData } from '../../infra/db/external-policies-repository';
import { notFound } from '../auth/guards';
import type { TemporalGateway } from '../temporal/gateway';
import type { ServiceDeps } from './deps';
import { findEnterpriseInScope } from './enterprise-scope';
import { startMatchingRun } from './publish-catalogue-version';
import { requireGxjStaff, requireStaff } from './staff-scope';
import { auditActor } from './views';

const day = (d: Date | null) => (d === null ? null : d.toISOString().slice(0, 10));
const asDate = (s: string) => new Date(`${s}T00:00:00Z`);

export function toExternalPolicyView(p: ExternalPolicy, today: string) {
  const validUntil = day(p.validUntil);
  return {
    id: p.id,
    version: p.version,
    source: { issuingAuthority: p.issuingAuthority, documentNumber: p.documentNumber, issuedOn: day(p.issuedOn) ?? '', level: p.level, url: p.url },
    title: p.title,
    summary: p.summary,
    category: p.category,
    validFrom: day(p.validFrom) ?? '',
    validUntil,
    inEffect: (day(p.validFrom) ?? '') <= today && (validUntil === null || validUntil >= today),
    criteria: ZCriteria.parse(p.criteria),
    publishedAt: p.publishedAt.toISOString(),
    publishedBy: p.publishedBy,
  };
}

function dataOf(input: TExternalPolicyInput): ExternalPolicyData {
  return {
    title: input.title,
    summary: input.summary,
    issuingAuthority: input.source.issuingAuthority,
    documentNumber: input.source.documentNumber,
    issuedOn: asDate(input.source.issuedOn),
    level: input.source.level,
    url: input.source.url ?? null,
    category: input.category,
    validFrom: asDate(input.validFrom),
    validUntil: input.validUntil === undefined ? null : asDate(input.validUntil),
    criteria: input.criteria,
  };
}

/** The matching run of one policy version; a republication runs it again (notifying nobody twice). */
export function externalMatchingWorkflowId(policyId: string, version: number): string {
  return `policy-matching-external-${policyId}-v${version}`;
}

export function createExternalPolicyService({ repos, now }: ServiceDeps, temporal: TemporalGateway | undefined) {
  const today = () => localDateOf(now());

  async function find(id: string) {
    const p = await repos.externalPolicies.findById(id);
    if (!p) throw notFound('External policy', id);
    return p;
  }

  async function published(actor: Actor, p: ExternalPolicy, action: string, at: Date) {
    await repos.audit.append({
      at,
      ...auditActor(actor),
      action,
      subjectType: 'external_policy',
      subjectId: p.id,
      outcome: 'ok',
      payload: { version: p.version, title: p.title, level: p.level, documentNumber: p.documentNumber },
    });
    const matching = await startMatchingRun(temporal, externalMatchingWorkflowId(p.id, p.version), { catalogueVersion: null, reason: `external-policy:${p.id}:v${p.version}` }, 'ALLOW_DUPLICATE');
    return { ...toExternalPolicyView(p, today()), matching };
  }

  return {
    async create(actor: Actor, input: TExternalPolicyInput) {
      requireGxjStaff(actor, 'publish external policies');
      const at = now();
      const created = await repos.externalPolicies.create(randomUUID(), dataOf(input), actor.username, at);
      return published(actor, created, 'external_policy.publish', at);
    },

    async revise(actor: Actor, id: string, input: TExternalPolicyInput) {
      requireGxjStaff(actor, 'revise external policies');
      const p = await find(id);
      const at = now();
      const revised = await repos.externalPolicies.revise(id, p.version + 1, dataOf(input), actor.username, at);
      return published(actor, revised, 'external_policy.revise', at);
    },

    async republish(actor: Actor, id: string) {
      requireGxjStaff(actor, 'republish external policies');
      return published(actor, await find(id), 'external_policy.republish', now());
    },

    async list(actor: Actor, q: { inEffect?: boolean | undefined; limit: number; offset: number }) {
      requireStaff(actor, 'list external policies');
      const rows = await repos.externalPolicies.list({ ...(q.inEffect ? { inEffectOn: asDate(today()) } : {}), limit: q.limit, offset: q.offset });
      return rows.map((p) => toExternalPolicyView(p, today()));
    },

    async get(actor: Actor, id: string) {
      if (actor.role === 'buyer') throw notFound('External policy', id);
      return toExternalPolicyView(await find(id), today());
    },

    /** Who was told of the policy (any version): the recipient, the enterprise, the version, when, read. */
    async notified(actor: Actor, id: string, page: { limit: number; offset: number }) {
      requireStaff(actor, 'see who was notified of an external policy');
      await find(id);
      const rows = await repos.notifications.listByDedupePrefix(externalPolicyDedupePrefix(id), page);
      const users = new Map((await repos.users.findManyByIds(rows.map((r) => r.recipientId))).map((u) => [u.id, u]));
      return rows.map((n) => {
        const payload = n.payload !== null && typeof n.payload === 'object' && !Array.isArray(n.payload) ? n.payload : {};
        return {
          recipient: users.get(n.recipientId)?.username ?? n.recipientId,
          enterpriseId: typeof payload.enterpriseId === 'string' ? payload.enterpriseId : null,
          policyVersion: typeof payload.policyVersion === 'number' ? payload.policyVersion : null,
          notifiedAt: n.createdAt.toISOString(),
          readAt: n.readAt === null ? null : n.readAt.toISOString(),
        };
      });
    },

    /** The external policies in effect that match an enterprise: met, or needing a check of missing facts. */
    async matchesOf(actor: Actor, enterpriseId: string) {
      await findEnterpriseInScope(repos, actor, enterpriseId);
      const rows = await repos.externalPolicies.matchesOf(enterpriseId, asDate(today()));
      return rows.map(({ match, policy }) => {
        const detail = match.detail !== null && typeof match.detail === 'object' && !Array.isArray(match.detail) ? match.detail : {};
        const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
        return {
          policy: toExternalPolicyView(policy, today()),
          outcome: match.outcome === 'met' ? ('met' as const) : ('needs_checking' as const),
          met: strings(detail.met),
          missingFacts: strings(detail.missingFacts),
          matchedAt: match.matchedAt.toISOString(),
        };
      });
    },
  };
}
export type ExternalPolicyService = ReturnType<typeof createExternalPolicyService>;
