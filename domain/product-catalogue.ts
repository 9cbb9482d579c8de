// The recommended Liaoyuan industrial products catalogue (measure 10: 辽源工业优质产品推荐目录):
// the approved M10 listings, read by buyers (government departments, public institutions, SOEs,
// key private firms). Every answer carries the policy's notice that the catalogue is information
// only. A listing leaves the catalogue when withdrawn (by its enterprise, or by GXJ with a
// reason) or when it expires, a parameter counted from its approval.
import { z } from 'zod';

export const CATALOGUE_NOTICE_ZH = '目录仅为信息参考,不构成采购强制或优先依据';
export const CATALOGUE_NOTICE = {
  zh: CATALOGUE_NOTICE_ZH,
  en: 'The catalogue is information only: it is no procurement mandate and gives no procurement preference.',
} as const;

/** The M10 item whose approved cases are the listings. */
export const LISTING_MEASURE = { policyCode: 'M10', item: 'catalogue-listing' } as const;

/** How long a listing stays in the catalogue after its approval unless configured (two years). */
export const DEFAULT_LISTING_VALID_DAYS = 730;

/** The facts of an M10 filing the catalogue shows (the form of domain/policy/items/market.ts). */
export const ZListingFacts = z.object({
  productName: z.string(),
  productCategory: z.string(),
  certifications: z.array(z.string()).optional(),
});

export type ListingState = 'listed' | 'withdrawn' | 'expired';

export function listingExpiresAt(approvedAt: Date, validDays: number): Date {
  return new Date(approvedAt.getTime() + validDays * 24 * 60 * 60 * 1000);
}

export function listingState(o: { withdrawn: boolean; expiresAt: Date; now: Date }): ListingState {
  if (o.withdrawn) return 'withdrawn';
  return o.now >= o.expiresAt ? 'expired' : 'listed';
}

/** A category as buyers subscribe to it: trimmed, case as given. */
export const ZCategory = z.string().trim().min(1).max(100);
