// The idle industrial asset ledger (measure 37): the only code that reads or writes idle_assets,
// idle_asset_events and idle_asset_claims. Every status change appends an event in the same
// transaction, so the history is complete.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client';
import { ZIdleAssetStatus, type IdleAssetStatus, type LedgerEntryState } from '../../domain/idle-assets';

export interface NewIdleAsset {
  kind: string;
  name: string;
  location: string;
  areaM2: number | null;
  capacity: string | null;
  holder: string;
  holderEnterpriseId: string | null;
  status: IdleAssetStatus;
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export function createIdleAssetsRepository(prisma: PrismaClient) {
  return {
    register: (a: NewIdleAsset, by: string, at: Date, note: string | null) =>
      prisma.$transaction(async (tx) => {
        const created = await tx.idleAsset.create({ data: { id: randomUUID(), ...a, registeredBy: by, createdAt: at, updatedAt: at } });
        await tx.idleAssetEvent.create({ data: { assetId: created.id, at, status: a.status, by, note } });
        return created;
      }),
    /** Sets the status unless it is already revitalised by a case; false when nothing changed. */
    setStatus: (id: string, status: IdleAssetStatus, by: string, at: Date, note: string | null) =>
      prisma.$transaction(async (tx) => {
        const changed = await tx.idleAsset.updateMany({ where: { id, revitalisedCaseId: null }, data: { status, updatedAt: at } });
        if (changed.count === 1) await tx.idleAssetEvent.create({ data: { assetId: id, at, status, by, note } });
        return changed.count === 1;
      }),
    findById: (id: string) => prisma.idleAsset.findUnique({ where: { id } }),
    list: (opts: { status?: IdleAssetStatus | undefined; holderEnterpriseId?: string | undefined; limit: number; offset: number }) =>
      prisma.idleAsset.findMany({
        where: { ...(opts.status ? { status: opts.status } : {}), ...(opts.holderEnterpriseId ? { holderEnterpriseId: opts.holderEnterpriseId } : {}) },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: opts.limit,
        skip: opts.offset,
      }),
    history: (id: string) => prisma.idleAssetEvent.findMany({ where: { assetId: id }, orderBy: { seq: 'asc' } }),
    claimOfCase: (caseId: string) => prisma.idleAssetClaim.findUnique({ where: { caseId } }),
    /**
     * In a filing's transaction, under a lock of the entry: checks the claim (`check` throws to
     * refuse it, seeing the entry, its history and the other cases naming it) and writes it.
     */
    claimInFiling: async (tx: Tx, caseId: string, assetId: string, at: Date, check: (entry: LedgerEntryState | null, others: Array<{ caseId: string; status: string }>) => void) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`idle-asset:${assetId}`}))`;
      const asset = await tx.idleAsset.findUnique({ where: { id: assetId } });
      const history = asset ? await tx.idleAssetEvent.findMany({ where: { assetId }, orderBy: { seq: 'asc' } }) : [];
      const claims = await tx.idleAssetClaim.findMany({ where: { assetId } });
      const others = await tx.caseRecord.findMany({ where: { caseId: { in: claims.map((c) => c.caseId).filter((c) => c !== caseId) } }, select: { caseId: true, status: true } });
      check(asset ? { id: asset.id, status: ZIdleAssetStatus.parse(asset.status), revitalisedCaseId: asset.revitalisedCaseId, history } : null, others);
      await tx.idleAssetClaim.create({ data: { caseId, assetId, claimedAt: at } });
    },
    /**
     * The award's approval: the entry the case named becomes revitalised by it (once; a second
     * call, or a case naming no entry, changes nothing). Returns the asset id when it changed.
     */
    markRevitalisedBy: (caseId: string, at: Date) =>
      prisma.$transaction(async (tx) => {
        const claim = await tx.idleAssetClaim.findUnique({ where: { caseId } });
        if (!claim) return null;
        const changed = await tx.idleAsset.updateMany({ where: { id: claim.assetId, revitalisedCaseId: null }, data: { status: 'revitalised', revitalisedCaseId: caseId, updatedAt: at } });
        if (changed.count === 0) return null;
        await tx.idleAssetEvent.create({ data: { assetId: claim.assetId, at, status: 'revitalised', by: `case:${caseId}`, note: 'M37 award approved' } });
        return claim.assetId;
      }),
  };
}
export type IdleAssetsRepository = ReturnType<typeof createIdleAssetsRepository>;
