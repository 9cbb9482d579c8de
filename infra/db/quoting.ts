// Quoting an application against the catalogue version it is filed under and the awards the
// enterprise already received: shared by the filing API and the workflow (after a supplement
// changes the facts). The rules are code (domain/policy); the version's parameters and the
// prior awards are data.
import { quote as quoteItem, type CatalogueVersion, type PriorAward, type Quote } from '../../domain/policy';
import { AppError } from '../../domain/errors';
import type { Repositories } from './repositories';

export interface QuoteRequest {
  policyCode: string;
  item: string;
  facts: unknown;
  catalogueVersion: number;
  enterpriseId: string;
  asOf: string;
  /** Claims of the enterprise's open applications, counted like awards already granted. */
  openClaims?: PriorAward[];
}

/** What a quote reads from the database: the catalogue version and the awards already granted. */
export interface QuoteContext {
  catalogue: CatalogueVersion;
  granted: PriorAward[];
}

export async function loadQuoteContext(repos: Repositories, r: Pick<QuoteRequest, 'catalogueVersion' | 'enterpriseId' | 'policyCode' | 'item'>): Promise<QuoteContext> {
  const loaded = await repos.catalogue.loadVersion(r.catalogueVersion);
  if (!loaded) throw new AppError('NOT_FOUND', `Catalogue version ${r.catalogueVersion} does not exist.`);
  const priors = await repos.catalogue.priorAwardsOf([r.enterpriseId], { policyCode: r.policyCode, item: r.item });
  return { catalogue: loaded.catalogue, granted: priors.get(r.enterpriseId) ?? [] };
}

/** Pure: the quote from a loaded context (usable inside a transaction that may not query elsewhere). */
export function quoteWith(ctx: QuoteContext, r: Pick<QuoteRequest, 'policyCode' | 'item' | 'facts' | 'asOf' | 'openClaims'>): Quote {
  return quoteItem(ctx.catalogue, { policyCode: r.policyCode, item: r.item, facts: r.facts, asOf: r.asOf, priorAwards: [...ctx.granted, ...(r.openClaims ?? [])] });
}

export async function quoteForEnterprise(repos: Repositories, r: QuoteRequest): Promise<Quote> {
  return quoteWith(await loadQuoteContext(repos, r), r);
}

/** The part of a quote a case keeps (plain JSON, for workflow history). */
export function quoteSummary(q: Quote) {
  return {
    eligible: q.eligible,
    amountFen: q.amountFen,
    breakdown: q.breakdown.map((b) => ({ label: b.label, amountFen: b.amountFen, rule: b.rule })),
    reasons: [...q.reasons],
    pending: q.pending.map((p) => ({ parameter: p.parameter, label: p.label, note: p.note })),
    awardRecords: q.awardRecords.map((a) => ({ policyCode: a.policyCode, item: a.item, limitKey: a.limitKey, amountFen: a.amountFen, ...(a.period ? { period: a.period } : {}) })),
  };
}

/** The award records an application's quote claims for an item (what its limits count). */
export function claimsOfCase(c: { view: unknown }, item: string): PriorAward[] {
  const quote = (c.view as { input?: { quote?: { awardRecords?: PriorAward[] } } }).input?.quote;
  return (quote?.awardRecords ?? []).filter((a) => a.item === item);
}
