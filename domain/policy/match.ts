// Measure 1 building block (精准匹配企业资质): which items an enterprise likely qualifies for.
//
// The rule is deliberately modest and deterministic:
//  - Only award and approval items whose measure is open to enterprises are considered.
//  - Where the profile holds every fact an item needs, the facts are derived and quote()
//    decides: eligible → `likely` with the quoted amount; not eligible → left out.
//  - Where the profile proves an item impossible (e.g. not a logistics enterprise for M38,
//    not above-scale for M37/M38, no listing), the item is left out.
//  - Everything else → `possible`, naming the form fields the profile cannot supply.
// Derivations (profile → item facts):
//  - M03 title: titles of level provincial/national granted in the year of asOf whose kind is
//    'industry-it' or not given (assumed to come from an industry-and-IT authority).
//  - M05 brand-title: titles of kind 'brand'.
//  - M06 ip-demonstration: national titles of kind 'ip-demonstration' (recognizedYear = grantedYear).
//  - M21 listing: each entry of listings (the display board is never eligible).
//  - M38 logistics-upgrade: isLogistics, firstTimeAboveScale, annualRevenueFen, stableOperationMonths.
//  - M11 oem-supply: left out when oemSupplier is false; the OEM outputs of the year when stated
//    (match-holdings.ts), otherwise possible.
//  - M04 trademarks, M07 Madrid registrations of the year, M26 fund investments of the year:
//    match-holdings.ts.
// The profile accepts the facts of domain/enterprise.ts ZEnterpriseProfileFacts plus asOf and
// aboveScale; unknown fields are ignored.
// `industry` is accepted for the push side of measure 1 but no item's rule depends on it.
import { z } from 'zod';
import { AppError } from '../errors';
import { factsInvalid, zodIssues } from './define';
import { yearOf } from './dates';
import { quote, ZPriorAward } from './quote';
import { deriveHoldings, ZStatedHoldings } from './match-holdings';
import type { CatalogueVersion, Measure, PolicyItem, Quote } from './types';

export const ZEnterpriseProfile = z.object({
  asOf: z.iso.date().describe('Date of the match, YYYY-MM-DD (decides "this year")'),
  aboveScale: z.boolean().describe('Counted above-scale (规上)'),
  industry: z.string().optional(),
  titles: z
    .array(
      z.object({
        level: z.enum(['municipal', 'provincial', 'national']),
        grantedYear: z.int().min(1990).max(2100),
        name: z.string().regex(/\S/),
        kind: z.enum(['industry-it', 'brand', 'ip-demonstration']).optional(),
      }),
    )
    .optional()
    .describe('Titles held; omit when unknown, [] when none'),
  listings: z.array(z.enum(['ipo', 'neeq', 'regional-equity', 'regional-equity-display'])).optional(),
  annualRevenueFen: z.int().nonnegative().optional(),
  isLogistics: z.boolean().optional(),
  oemSupplier: z.boolean().optional().describe('In a key OEM supply system (measure 11); false leaves M11 out'),
  firstTimeAboveScale: z.boolean().optional(),
  stableOperationMonths: z.int().nonnegative().optional(),
  awardsReceived: z.array(ZPriorAward).optional().describe('Prior awards, so once-only awards already paid drop out'),
  ...ZStatedHoldings.shape,
});

export type EnterpriseProfile = z.infer<typeof ZEnterpriseProfile>;

export interface LikelyMatch {
  readonly policyCode: string;
  readonly item: string;
  readonly estimatedAmountFen: number;
  readonly why: string;
}

export interface PossibleMatch {
  readonly policyCode: string;
  readonly item: string;
  readonly missingFacts: readonly string[];
}

export interface MatchResult {
  readonly likely: readonly LikelyMatch[];
  readonly possible: readonly PossibleMatch[];
}

/** What the profile says about one item. */
export type Derivation =
  | { readonly kind: 'candidates'; readonly candidates: ReadonlyArray<{ readonly facts: unknown; readonly why: string }> }
  | { readonly kind: 'missing'; readonly missingFacts: readonly string[] }
  | { readonly kind: 'excluded' };

const EXCLUDED: Derivation = { kind: 'excluded' };

function missing(item: PolicyItem, known: readonly string[] = []): Derivation {
  return { kind: 'missing', missingFacts: item.requiredFields.filter((f) => !known.includes(f)) };
}

function derive(measure: Measure, item: PolicyItem, p: EnterpriseProfile): Derivation {
  const year = yearOf(p.asOf);
  switch (`${measure.code}/${item.code}`) {
    case 'M03/title': {
      if (!p.titles) return missing(item);
      const hits = p.titles.filter(
        (t) => t.level !== 'municipal' && (t.kind === undefined || t.kind === 'industry-it') && t.grantedYear === year,
      );
      return hits.length === 0
        ? EXCLUDED
        : {
            kind: 'candidates',
            candidates: hits.map((t) => ({
              facts: { level: t.level, grantedYear: t.grantedYear, titleName: t.name },
              why: `${t.level} title "${t.name}" granted in ${t.grantedYear}${t.kind ? '' : ' (assumed to be from an industry-and-IT authority)'}`,
            })),
          };
    }
    case 'M05/brand-title': {
      const hits = (p.titles ?? []).filter((t) => t.kind === 'brand' && t.level !== 'municipal');
      if (hits.length === 0) return missing(item);
      return { kind: 'candidates', candidates: hits.map((t) => ({ facts: { level: t.level, titleName: t.name }, why: `${t.level} brand title "${t.name}"` })) };
    }
    case 'M06/ip-demonstration': {
      const hit = (p.titles ?? []).find((t) => t.kind === 'ip-demonstration' && t.level === 'national');
      if (!hit) return missing(item);
      return { kind: 'candidates', candidates: [{ facts: { recognizedYear: hit.grantedYear }, why: `national IP demonstration enterprise since ${hit.grantedYear}` }] };
    }
    case 'M21/listing': {
      if (!p.listings) return missing(item);
      return { kind: 'candidates', candidates: p.listings.map((m) => ({ facts: { market: m }, why: `listed on ${m}` })) };
    }
    case 'M11/oem-supply':
      return p.oemSupplier === false ? EXCLUDED : (deriveHoldings('M11/oem-supply', p, year) ?? missing(item));
    case 'M37/idle-asset-upgrade':
      return p.aboveScale ? missing(item) : EXCLUDED;
    case 'M38/logistics-upgrade': {
      if (p.isLogistics === false || !p.aboveScale || p.firstTimeAboveScale === false) return EXCLUDED;
      const facts = { firstTimeAboveScale: p.firstTimeAboveScale, annualRevenueFen: p.annualRevenueFen, stableOperationMonths: p.stableOperationMonths };
      const known = Object.entries(facts).filter(([, v]) => v !== undefined).map(([k]) => k);
      if (p.isLogistics !== true || known.length < 3) return missing(item, known);
      return { kind: 'candidates', candidates: [{ facts, why: 'logistics enterprise first counted above-scale with revenue and operating time known' }] };
    }
    default:
      return deriveHoldings(`${measure.code}/${item.code}`, p, year) ?? missing(item);
  }
}

/** A quote of derived facts; facts the item's form rejects mean "not likely", never an error. */
function tryQuote(catalogue: CatalogueVersion, policyCode: string, item: string, facts: unknown, p: EnterpriseProfile): Quote | null {
  try {
    return quote(catalogue, { policyCode, item, facts, asOf: p.asOf, priorAwards: p.awardsReceived ?? [] });
  } catch (e) {
    if (e instanceof AppError && e.code === 'FACTS_INVALID') return null;
    throw e;
  }
}

/**
 * Matches an enterprise profile against a catalogue version. Throws AppError FACTS_INVALID for
 * a profile that does not fit ZEnterpriseProfile. Results follow catalogue order.
 */
export function matchEnterprise(catalogue: CatalogueVersion, profile: unknown): MatchResult {
  const parsed = ZEnterpriseProfile.safeParse(profile);
  if (!parsed.success) factsInvalid('Enterprise profile is invalid', zodIssues(parsed.error));
  const p = parsed.data;
  const likely: LikelyMatch[] = [];
  const possible: PossibleMatch[] = [];
  for (const measure of catalogue.measures) {
    if (!measure.applicantTypes.includes('enterprise')) continue;
    for (const item of measure.items) {
      const d = derive(measure, item, p);
      if (d.kind === 'missing') possible.push({ policyCode: measure.code, item: item.code, missingFacts: d.missingFacts });
      if (d.kind !== 'candidates') continue;
      for (const c of d.candidates) {
        const q = tryQuote(catalogue, measure.code, item.code, c.facts, p);
        if (q?.eligible) likely.push({ policyCode: measure.code, item: item.code, estimatedAmountFen: q.amountFen, why: c.why });
      }
    }
  }
  return { likely, possible };
}
