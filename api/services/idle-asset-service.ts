// The idle industrial asset ledger (measure 37): GXJ staff and asset holders (enterprises, for
// the assets they hold) register entries and change their status, with history; staff and
// enterprises read it; an M37 award's approval marks an entry revitalised (activities/
// platform-hooks.ts). Every change is audited.
import { AppError } from '../../domain/errors';
import { ZIdleAssetStatus, type IdleAssetStatus, type TRegisterIdleAsset } from '../../domain/idle-assets';
import type { Actor } from '../../domain/roles';
import type { IdleAsset } from '../../generated/prisma/client';
import { notFound } from '../auth/guards';
import type { ServiceDeps } from './deps';
import { isGxjStaff, requireStaff } from './staff-scope';
import { auditActor } from './views';

export const IDLE_ASSET_CSV_COLUMNS = ['id', 'kind', 'name', 'location', 'areaM2', 'capacity', 'holder', 'status', 'revitalisedCaseId', 'registeredBy', 'createdAt', 'updatedAt'] as const;

export function toIdleAssetView(a: IdleAsset) {
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    location: a.location,
    areaM2: a.areaM2,
    capacity: a.capacity,
    holder: a.holder,
    holderEnterpriseId: a.holderEnterpriseId,
    status: ZIdleAssetStatus.parse(a.status),
    revitalisedCaseId: a.revitalisedCaseId,
    registeredBy: a.registeredBy,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
export type IdleAssetView = ReturnType<typeof toIdleAssetView>;

export function idleAssetCsvRow(a: IdleAssetView) {
  return IDLE_ASSET_CSV_COLUMNS.map((c) => a[c]);
}

/** Enterprises see the ledger (to find assets to revitalise) but change only the entries they hold. */
function mayChange(actor: Actor, holderEnterpriseId: string | null): boolean {
  return isGxjStaff(actor) || (actor.role === 'enterprise' && holderEnterpriseId !== null && holderEnterpriseId === actor.enterpriseId);
}

export function createIdleAssetService({ repos, now }: ServiceDeps) {
  async function find(id: string) {
    const a = await repos.idleAssets.findById(id);
    if (!a) throw notFound('Idle asset', id);
    return a;
  }

  return {
    async register(actor: Actor, input: TRegisterIdleAsset) {
      if (!isGxjStaff(actor) && actor.role !== 'enterprise') throw new AppError('FORBIDDEN', 'Idle assets are registered by GXJ staff or by their holders.');
      const holderEnterpriseId = actor.role === 'enterprise' ? actor.enterpriseId : (input.holderEnterpriseId ?? null);
      if (actor.role === 'enterprise' && input.holderEnterpriseId !== undefined && input.holderEnterpriseId !== actor.enterpriseId) {
        throw new AppError('FORBIDDEN', 'An enterprise registers the idle assets it holds itself.');
      }
      if (holderEnterpriseId && !(await repos.enterprises.findById(holderEnterpriseId))) {
        throw new AppError('VALIDATION_FAILED', `Enterprise ${holderEnterpriseId} does not exist.`, { issues: [{ path: 'body.holderEnterpriseId', message: 'no such enterprise' }] });
      }
      const at = now();
      const { note, holderEnterpriseId: _given, ...asset } = input;
      const created = await repos.idleAssets.register(
        { ...asset, areaM2: asset.areaM2 ?? null, capacity: asset.capacity ?? null, holderEnterpriseId },
        actor.username,
        at,
        note ?? null,
      );
      await repos.audit.append({ at, ...auditActor(actor), action: 'idle_asset.register', subjectType: 'idle_asset', subjectId: created.id, outcome: 'ok', payload: { kind: created.kind, status: created.status } });
      return toIdleAssetView(created);
    },

    async setStatus(actor: Actor, id: string, change: { status: IdleAssetStatus; note: string }) {
      const a = await find(id);
      if (!mayChange(actor, a.holderEnterpriseId)) {
        if (actor.role === 'enterprise') throw notFound('Idle asset', id);
        throw new AppError('FORBIDDEN', 'The status of an idle asset is changed by GXJ staff or by its holder.');
      }
      if (change.status === 'revitalised' && !isGxjStaff(actor)) throw new AppError('FORBIDDEN', 'Only GXJ staff (or an approved M37 award) mark an asset revitalised.');
      if (a.revitalisedCaseId !== null) throw new AppError('STATE_CONFLICT', `Idle asset ${id} was revitalised by case ${a.revitalisedCaseId}; its status is final.`);
      const at = now();
      await repos.idleAssets.setStatus(id, change.status, actor.username, at, change.note);
      await repos.audit.append({ at, ...auditActor(actor), action: 'idle_asset.status', subjectType: 'idle_asset', subjectId: id, outcome: 'ok', reason: change.note, payload: { from: a.status, to: change.status } });
      return toIdleAssetView(await find(id));
    },

    async list(actor: Actor, q: { status?: IdleAssetStatus | undefined; limit: number; offset: number }) {
      if (actor.role !== 'enterprise') requireStaff(actor, 'read the idle-asset ledger');
      return (await repos.idleAssets.list(q)).map(toIdleAssetView);
    },

    async get(actor: Actor, id: string) {
      if (actor.role !== 'enterprise') requireStaff(actor, 'read the idle-asset ledger');
      const a = await find(id);
      const history = await repos.idleAssets.history(id);
      return { ...toIdleAssetView(a), history: history.map((h) => ({ at: h.at.toISOString(), status: ZIdleAssetStatus.parse(h.status), by: h.by, note: h.note })) };
    },
  };
}
export type IdleAssetService = ReturnType<typeof createIdleAssetService>;
