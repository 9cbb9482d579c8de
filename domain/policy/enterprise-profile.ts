// From an enterprise as the system stores it (domain/enterprise.ts profile facts, above-scale
// flag, industry) and its granted awards to the matcher's profile (match.ts ZEnterpriseProfile).
import { ZEnterpriseProfileFacts } from '../enterprise';
import { factsInvalid, zodIssues } from './define';
import type { EnterpriseProfile } from './match';
import type { PriorAward } from './types';

export interface StoredEnterprise {
  readonly aboveScale: boolean;
  readonly industry: string;
  readonly profile: unknown;
}

/** Throws AppError FACTS_INVALID when the stored profile does not fit ZEnterpriseProfileFacts. */
export function enterpriseMatchProfile(e: StoredEnterprise, asOf: string, awardsReceived: readonly PriorAward[]): EnterpriseProfile {
  const parsed = ZEnterpriseProfileFacts.safeParse(e.profile);
  if (!parsed.success) factsInvalid('The stored enterprise profile is invalid', zodIssues(parsed.error));
  const f = parsed.data;
  // A stored title without a kind is an industry-and-IT title of measure 3 (see the `titles`
  // description in domain/enterprise.ts), which the matcher reads as such.
  return {
    asOf,
    aboveScale: e.aboveScale,
    industry: e.industry,
    ...(f.titles === undefined ? {} : { titles: f.titles.map((t) => ({ ...t, kind: t.kind ?? 'industry-it' })) }),
    ...(f.listings === undefined ? {} : { listings: f.listings }),
    ...(f.annualRevenueFen === undefined ? {} : { annualRevenueFen: f.annualRevenueFen }),
    ...(f.isLogistics === undefined ? {} : { isLogistics: f.isLogistics }),
    ...(f.oemSupplier === undefined ? {} : { oemSupplier: f.oemSupplier }),
    ...(f.firstTimeAboveScale === undefined ? {} : { firstTimeAboveScale: f.firstTimeAboveScale }),
    ...(f.stableOperationMonths === undefined ? {} : { stableOperationMonths: f.stableOperationMonths }),
    ...(f.trademarks === undefined ? {} : { trademarks: f.trademarks }),
    ...(f.madridRegistrations === undefined ? {} : { madridRegistrations: f.madridRegistrations }),
    ...(f.oemOutputs === undefined ? {} : { oemOutputs: f.oemOutputs }),
    ...(f.fundInvestments === undefined ? {} : { fundInvestments: f.fundInvestments }),
    awardsReceived: [...awardsReceived],
  };
}
