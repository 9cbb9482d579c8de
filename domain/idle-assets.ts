// The idle industrial asset ledger (measure 37: 全市统一的工业闲置资产动态台账) and the rule an
// M37 filing must meet: it names an entry of the ledger, the entry was idle before the
// revitalisation (some status of its history before the filing is `idle`), and no other award
// has paid for it or claims it (an entry pays once). The award's approval marks the entry
// revitalised (activities/platform-hooks.ts).
import { z } from 'zod';
import { AppError } from './errors';

export const IDLE_ASSET_STATUSES = ['idle', 'in_negotiation', 'revitalised'] as const;
export const ZIdleAssetStatus = z.enum(IDLE_ASSET_STATUSES);
export type IdleAssetStatus = z.infer<typeof ZIdleAssetStatus>;
export const ZIdleAssetKind = z.enum(['plant', 'land', 'equipment']);

/** The M37 item whose filings name a ledger entry. */
export const IDLE_ASSET_MEASURE = { policyCode: 'M37', item: 'idle-asset-upgrade' } as const;

export const ZRegisterIdleAsset = z
  .object({
    kind: ZIdleAssetKind.describe('plant (厂房), land (土地) or equipment (设备)'),
    name: z.string().trim().min(1).max(200),
    location: z.string().trim().min(1).max(300),
    areaM2: z.int().positive().max(100_000_000).optional().describe('floor or land area, m²'),
    capacity: z.string().trim().min(1).max(200).optional().describe('equipment capacity, in words'),
    holder: z.string().trim().min(1).max(200).describe('who holds the asset (权属人)'),
    holderEnterpriseId: z.uuid().optional().describe('the holder, when it is an enterprise of the system (an enterprise registering: its own)'),
    status: z.enum(['idle', 'in_negotiation']).default('idle'),
    note: z.string().trim().min(1).max(1000).optional(),
  })
  .strict()
  .refine((a) => a.areaM2 !== undefined || a.capacity !== undefined, { message: 'give areaM2 or capacity', path: ['areaM2'] });
export type TRegisterIdleAsset = z.infer<typeof ZRegisterIdleAsset>;

export const ZIdleAssetStatusChange = z
  .object({ status: ZIdleAssetStatus, note: z.string().trim().min(1).max(1000) })
  .strict();

/** Case statuses that free an entry again (the case ended without the award). */
export const FREEING_CASE_STATUSES: readonly string[] = ['rejected', 'not_accepted', 'withdrawn', 'expired_supplement'];

export interface LedgerEntryState {
  readonly id: string;
  readonly status: IdleAssetStatus;
  readonly revitalisedCaseId: string | null;
  /** Its history: each status with its instant, in order. */
  readonly history: ReadonlyArray<{ readonly status: string; readonly at: Date }>;
}

/** Throws the AppError an M37 filing naming this entry gets, or returns when it may name it. */
export function checkLedgerClaim(entry: LedgerEntryState | null, assetId: string, filedAt: Date, otherClaims: ReadonlyArray<{ caseId: string; status: string }>): void {
  const path = [{ path: 'body.idleAssetId', message: '' }];
  const fail = (code: 'IDLE_ASSET_UNKNOWN' | 'IDLE_ASSET_NOT_IDLE' | 'IDLE_ASSET_ALREADY_REVITALISED', message: string, extra: Record<string, unknown> = {}) => {
    throw new AppError(code, message, { idleAssetId: assetId, issues: path.map((p) => ({ ...p, message })), ...extra });
  };
  if (!entry) fail('IDLE_ASSET_UNKNOWN', `Idle asset ${assetId} is not in the idle-asset ledger (闲置资产台账); register it first.`);
  else {
    if (entry.revitalisedCaseId !== null || entry.status === 'revitalised') {
      fail('IDLE_ASSET_ALREADY_REVITALISED', `Idle asset ${assetId} is already revitalised${entry.revitalisedCaseId ? ` by case ${entry.revitalisedCaseId}` : ''}; an entry pays once.`);
    }
    if (!entry.history.some((h) => h.status === 'idle' && h.at <= filedAt)) {
      fail('IDLE_ASSET_NOT_IDLE', `Idle asset ${assetId} was never idle in the ledger before this filing; only an asset listed as idle can be revitalised.`);
    }
    const live = otherClaims.find((c) => !FREEING_CASE_STATUSES.includes(c.status));
    if (live) fail('IDLE_ASSET_ALREADY_REVITALISED', `Idle asset ${assetId} is already claimed by case ${live.caseId} (${live.status}); an entry pays once.`, { caseId: live.caseId });
  }
}
