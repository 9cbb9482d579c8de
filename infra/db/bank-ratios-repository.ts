// Measure 25's uploads: one version per upload of a quarter, never changed (a trigger refuses it);
// the next version of a published quarter is a correction and needs a reason. The version, its
// figures and its audit record are written in one transaction, under a lock per quarter.
import type { TBankFigures } from '../../domain/bank-ratios';
import { AppError } from '../../domain/errors';
import type { PrismaClient } from '../../generated/prisma/client';
import { appendAuditRecord, type AuditEntry } from './audit-repository';

export interface BankRatioVersionRecord {
  period: string;
  version: number;
  reason: string | null;
  publishedAt: Date;
  publishedBy: string;
  banks: TBankFigures[];
}

type Actor = Pick<AuditEntry, 'actorId' | 'actorUsername' | 'actorRole' | 'actorDepartment'>;

export function createBankRatiosRepository(prisma: PrismaClient) {
  const versionsOf = (period: string) =>
    prisma.bankRatioVersion.findMany({ where: { period }, orderBy: { version: 'asc' }, select: { version: true, reason: true, publishedAt: true, publishedBy: true } });

  return {
    /**
     * Publishes the next version of a quarter. A quarter already published takes a new version only
     * with a reason (STATE_CONFLICT otherwise, audited as refused after the rollback by the caller).
     */
    publish: (p: { period: string; banks: readonly TBankFigures[]; reason: string | null; at: Date; actor: Actor }): Promise<{ version: number }> =>
      prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`bank-ratios:${p.period}`}))`;
        const latest = await tx.bankRatioVersion.findFirst({ where: { period: p.period }, orderBy: { version: 'desc' }, select: { version: true } });
        if (latest && p.reason === null) {
          throw new AppError('STATE_CONFLICT', `The ranking of ${p.period} is published (version ${latest.version}) and never changes: send a reason to publish a correction as version ${latest.version + 1}.`, {
            period: p.period,
            version: latest.version,
          });
        }
        const version = (latest?.version ?? 0) + 1;
        await tx.bankRatioVersion.create({ data: { period: p.period, version, reason: p.reason, publishedAt: p.at, publishedBy: p.actor.actorUsername ?? 'unknown' } });
        await tx.bankRatioEntry.createMany({
          data: p.banks.map((b) => ({ period: p.period, version, bank: b.bank, industrialLoansFen: BigInt(b.industrialLoansFen), depositsFen: BigInt(b.depositsFen) })),
        });
        await appendAuditRecord(tx, {
          at: p.at,
          ...p.actor,
          action: version === 1 ? 'bank-ratios.publish' : 'bank-ratios.correct',
          subjectType: 'bank-ratios',
          subjectId: p.period,
          outcome: 'ok',
          reason: p.reason,
          payload: { version, banks: p.banks.length },
        });
        return { version };
      }),

    /** A version of a quarter with its figures (default: the latest), or null when none is published. */
    find: async (period: string, version?: number): Promise<BankRatioVersionRecord | null> => {
      const v = await prisma.bankRatioVersion.findFirst({
        where: { period, ...(version === undefined ? {} : { version }) },
        orderBy: { version: 'desc' },
        include: { entries: { orderBy: { bank: 'asc' } } },
      });
      if (!v) return null;
      return {
        period: v.period,
        version: v.version,
        reason: v.reason,
        publishedAt: v.publishedAt,
        publishedBy: v.publishedBy,
        banks: v.entries.map((e) => ({ bank: e.bank, industrialLoansFen: Number(e.industrialLoansFen), depositsFen: Number(e.depositsFen) })),
      };
    },

    versions: versionsOf,
  };
}
export type BankRatiosRepository = ReturnType<typeof createBankRatiosRepository>;
