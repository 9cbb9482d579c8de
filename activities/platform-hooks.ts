// What a case's projection means for the platform measures, run by projectCase after the read
// model is written (so no workflow code changes and running cases need no patch):
//  - M37: once the award is approved (publicity passed: the case goes on to funding), the ledger
//    entry its filing named is marked revitalised by it (once);
//  - M10: an approved listing is pushed to the buyers subscribed to its product category (once
//    per buyer and listing, by the dedupe key listing:<caseId>:<userId>).
// Both are idempotent: a repeated projection changes nothing.
import { IDLE_ASSET_MEASURE } from '../domain/idle-assets';
import { CATALOGUE_NOTICE_ZH, LISTING_MEASURE, ZListingFacts } from '../domain/product-catalogue';
import type { ActivityDeps } from './deps';

/** Award statuses that follow the approval (the decision stands after publicity). */
const APPROVED_AWARD: readonly string[] = ['awaiting_funds', 'paying', 'payment_failed', 'paid'];

export const LISTING_NOTIFICATION_KIND = 'catalogue.listing';

interface Projected {
  caseId: string;
  caseType: string;
  policyCode: string | null;
  status: string;
  view: unknown;
  updatedAt: Date;
}

function factsOf(view: unknown): unknown {
  if (view === null || typeof view !== 'object' || !('state' in view)) return null;
  const state: unknown = view.state;
  return state !== null && typeof state === 'object' && 'facts' in state ? state.facts : null;
}

export async function afterProjection(deps: ActivityDeps, p: Projected): Promise<void> {
  if (p.caseType !== 'application') return;
  if (p.policyCode === IDLE_ASSET_MEASURE.policyCode && APPROVED_AWARD.includes(p.status)) {
    await deps.repos.idleAssets.markRevitalisedBy(p.caseId, p.updatedAt);
    return;
  }
  if (p.policyCode !== LISTING_MEASURE.policyCode || p.status !== 'approved') return;
  const facts = ZListingFacts.safeParse(factsOf(p.view));
  if (!facts.success) return;
  const { productName, productCategory } = facts.data;
  for (const buyer of await deps.repos.productCatalogue.subscribersOf(productCategory.trim())) {
    await deps.repos.notifications.enqueue({
      recipientId: buyer.id,
      kind: LISTING_NOTIFICATION_KIND,
      title: `推荐目录新增 ${productName}`,
      body: `「${productCategory}」类新增推荐产品:${productName}。${CATALOGUE_NOTICE_ZH}。 New listing in ${productCategory}: ${productName} (information only).`,
      payload: { caseId: p.caseId, productName, productCategory },
      dedupeKey: `listing:${p.caseId}:${buyer.id}`,
      createdAt: p.updatedAt,
    });
  }
}
