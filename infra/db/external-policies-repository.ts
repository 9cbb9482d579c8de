// External policies (measure 1) and their matches: the only code that reads or writes
// external_policies and external_policy_matches.
import type { Prisma, PrismaClient } from '../../generated/prisma/client';

export interface ExternalPolicyData {
  title: string;
  summary: string;
  issuingAuthority: string;
  documentNumber: string;
  issuedOn: Date;
  level: string;
  url: string | null;
  category: string;
  validFrom: Date;
  validUntil: Date | null;
  criteria: Prisma.InputJsonValue;
}

export interface ExternalMatchRow {
  policyId: string;
  enterpriseId: string;
  policyVersion: number;
  outcome: 'met' | 'needs_checking';
  detail: Prisma.InputJsonObject;
}

/** In effect on a day: valid from on or before it, until (if set) on or after it. */
const inEffect = (day: Date): Prisma.ExternalPolicyWhereInput => ({ validFrom: { lte: day }, OR: [{ validUntil: null }, { validUntil: { gte: day } }] });

export function createExternalPoliciesRepository(prisma: PrismaClient) {
  return {
    create: (id: string, data: ExternalPolicyData, by: string, at: Date) =>
      prisma.externalPolicy.create({ data: { id, version: 1, ...data, publishedAt: at, publishedBy: by } }),
    /** A new version replaces the policy's text and criteria. */
    revise: (id: string, version: number, data: ExternalPolicyData, by: string, at: Date) =>
      prisma.externalPolicy.update({ where: { id }, data: { ...data, version, publishedAt: at, publishedBy: by } }),
    findById: (id: string) => prisma.externalPolicy.findUnique({ where: { id } }),
    list: (opts: { inEffectOn?: Date; limit: number; offset: number }) =>
      prisma.externalPolicy.findMany({
        where: opts.inEffectOn ? inEffect(opts.inEffectOn) : {},
        orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }],
        take: opts.limit,
        skip: opts.offset,
      }),
    listInEffect: (day: Date) => prisma.externalPolicy.findMany({ where: inEffect(day), orderBy: { id: 'asc' } }),
    /** Replaces the stored matches of these enterprises with the rows (one transaction). */
    replaceMatches: (enterpriseIds: readonly string[], rows: readonly ExternalMatchRow[], at: Date) =>
      prisma.$transaction([
        prisma.externalPolicyMatch.deleteMany({ where: { enterpriseId: { in: [...enterpriseIds] } } }),
        prisma.externalPolicyMatch.createMany({ data: rows.map((r) => ({ ...r, matchedAt: at })) }),
      ]),
    /** An enterprise's matches among the policies in effect on the day. */
    matchesOf: (enterpriseId: string, day: Date) =>
      prisma.externalPolicyMatch.findMany({ where: { enterpriseId }, orderBy: { policyId: 'asc' } }).then(async (matches) => {
        const policies = await prisma.externalPolicy.findMany({ where: { id: { in: matches.map((m) => m.policyId) }, ...inEffect(day) } });
        const byId = new Map(policies.map((p) => [p.id, p]));
        return matches.flatMap((m) => {
          const policy = byId.get(m.policyId);
          return policy && policy.version === m.policyVersion ? [{ match: m, policy }] : [];
        });
      }),
  };
}
export type ExternalPoliciesRepository = ReturnType<typeof createExternalPoliciesRepository>;
