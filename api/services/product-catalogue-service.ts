// The recommended products catalogue (measure 10): approved M10 listings that are neither
// withdrawn nor expired, for buyers, staff and enterprises, every answer with the notice that
// it is information only. Withdrawal by the listing's enterprise, or by GXJ with a reason;
// audited. Buyers choose the categories they are pushed new listings of.
import { AppError } from '../../domain/errors';
import { CATALOGUE_NOTICE, listingExpiresAt, listingState, ZListingFacts } from '../../domain/product-catalogue';
import type { Actor } from '../../domain/roles';
import { notFound, requireRole } from '../auth/guards';
import type { ServiceDeps } from './deps';
import { isGxjStaff } from './staff-scope';
import { auditActor } from './views';

export interface ProductCatalogueSettings {
  /** Days a listing stays after its approval (PRODUCT_LISTING_VALID_DAYS). */
  listingValidDays: number;
}

function factsOf(view: unknown) {
  const state = view !== null && typeof view === 'object' && 'state' in view ? view.state : null;
  const facts = state !== null && typeof state === 'object' && 'facts' in state ? state.facts : null;
  return ZListingFacts.safeParse(facts);
}

export function createProductCatalogueService({ repos, now }: ServiceDeps, settings: ProductCatalogueSettings) {
  async function listings(filter: { caseId?: string }) {
    const at = now();
    return (await repos.productCatalogue.approvedListings(filter)).flatMap(({ case: c, withdrawal, enterpriseName }) => {
      const facts = factsOf(c.view);
      if (!facts.success || !c.closedAt) return [];
      const expiresAt = listingExpiresAt(c.closedAt, settings.listingValidDays);
      return [
        {
          caseId: c.caseId,
          enterpriseId: c.enterpriseId,
          enterpriseName,
          productName: facts.data.productName,
          productCategory: facts.data.productCategory,
          certifications: facts.data.certifications ?? [],
          listedAt: c.closedAt.toISOString(),
          expiresAt: expiresAt.toISOString(),
          state: listingState({ withdrawn: withdrawal !== null, expiresAt, now: at }),
          withdrawal: withdrawal && { at: withdrawal.withdrawnAt.toISOString(), by: withdrawal.withdrawnBy, role: withdrawal.role, reason: withdrawal.reason },
        },
      ];
    });
  }

  return {
    notice: CATALOGUE_NOTICE,

    /** The catalogue: listed products only (an enterprise also sees its own withdrawn or expired ones). */
    async list(actor: Actor | null, q: { category?: string | undefined }) {
      const items = (await listings({})).filter(
        (l) => (l.state === 'listed' || (actor?.role === 'enterprise' && l.enterpriseId === actor.enterpriseId)) && (q.category === undefined || l.productCategory === q.category),
      );
      return { notice: CATALOGUE_NOTICE, items };
    },

    async withdraw(actor: Actor, caseId: string, reason: string | undefined) {
      const [listing] = await listings({ caseId });
      const own = actor.role === 'enterprise' && listing?.enterpriseId === actor.enterpriseId;
      if (!listing || (actor.role === 'enterprise' && !own)) throw notFound('Listing', caseId);
      if (!own && !isGxjStaff(actor)) throw new AppError('FORBIDDEN', 'A listing is withdrawn by its enterprise or by GXJ staff.');
      if (!own && reason === undefined) throw new AppError('VALIDATION_FAILED', 'GXJ withdraws a listing with a reason.', { issues: [{ path: 'body.reason', message: 'required when GXJ withdraws' }] });
      if (listing.state === 'withdrawn') throw new AppError('STATE_CONFLICT', `Listing ${caseId} was withdrawn already.`);
      const at = now();
      const written = await repos.productCatalogue.withdraw({ caseId, withdrawnAt: at, withdrawnBy: actor.username, role: actor.role, reason: reason ?? null });
      if (!written) throw new AppError('STATE_CONFLICT', `Listing ${caseId} was withdrawn already.`);
      await repos.audit.append({ at, ...auditActor(actor), action: 'catalogue_listing.withdraw', subjectType: 'case', subjectId: caseId, outcome: 'ok', reason: reason ?? null, payload: { productName: listing.productName } });
      const [after] = await listings({ caseId });
      return { notice: CATALOGUE_NOTICE, listing: after ?? listing };
    },

    async subscriptions(actor: Actor) {
      requireRole(actor, ['buyer'], 'subscribe to catalogue categories');
      return { notice: CATALOGUE_NOTICE, categories: await repos.productCatalogue.subscriptionsOf(actor.userId) };
    },

    async subscribe(actor: Actor, categories: readonly string[]) {
      requireRole(actor, ['buyer'], 'subscribe to catalogue categories');
      const unique = [...new Set(categories)].sort();
      await repos.productCatalogue.setSubscriptions(actor.userId, unique);
      await repos.audit.append({ at: now(), ...auditActor(actor), action: 'catalogue.subscribe', subjectType: 'user', subjectId: actor.userId, outcome: 'ok', payload: { categories: unique } });
      return { notice: CATALOGUE_NOTICE, categories: unique };
    },
  };
}
export type ProductCatalogueService = ReturnType<typeof createProductCatalogueService>;
