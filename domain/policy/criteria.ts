// Eligibility criteria of external policies (measure 1) as data: a small rule language over the
// named facts of the enterprise profile, validated by zod, evaluated in three values.
//
//   criterion := { "all": [criterion, ...] }        every one holds
//              | { "any": [criterion, ...] }        at least one holds
//              | { "not": criterion }               it does not hold
//              | { "fact": F, "op": OP, "value": V }      a comparison
//              | { "fact": F, "op": "in" | "notIn" | "hasAny", "values": [V, ...] }  membership
//
// Facts (CRITERIA_FACTS below) and the operators each type allows:
//   boolean  aboveScale, isLogistics, oemSupplier                    eq, ne
//   number   employees, annualRevenueFen, stableOperationMonths     eq, ne, gt, gte, lt, lte
//   date     foundedOn, aboveScaleSince (YYYY-MM-DD)                 eq, ne, gt (after), gte, lt (before), lte
//   string   industryCode, region                                    eq, ne, in, notIn, startsWith
//   list     titleNames, titleLevels, titleKinds, listings, trademarkTypes   has, hasAny
// Example: above-scale manufacturers (C) in 龙山区 founded before 2020:
//   { "all": [ { "fact": "aboveScale", "op": "eq", "value": true },
//              { "fact": "industryCode", "op": "startsWith", "value": "C" },
//              { "fact": "region", "op": "eq", "value": "220402" },
//              { "fact": "foundedOn", "op": "lt", "value": "2020-01-01" } ] }
// A fact the profile does not state makes its comparison unknown: the whole criterion is then
// "needs checking" unless the known parts decide it (all: one false; any: one true). Nothing
// absent is ever read as false.
import { z } from 'zod';
import type { TEnterpriseProfileFacts } from '../enterprise';

type FactType = 'boolean' | 'number' | 'date' | 'string' | 'list';
type FactValue = boolean | number | string | readonly string[];

/** What the criteria read: the stored enterprise's columns and its profile facts. */
export interface CriteriaSubject {
  readonly aboveScale: boolean;
  readonly industry: string;
  readonly facts: TEnterpriseProfileFacts;
}

const list = <T>(xs: readonly T[] | undefined, f: (x: T) => string) => (xs === undefined ? undefined : [...new Set(xs.map(f))]);

export const CRITERIA_FACTS = {
  aboveScale: { type: 'boolean', read: (s: CriteriaSubject) => s.aboveScale },
  isLogistics: { type: 'boolean', read: (s: CriteriaSubject) => s.facts.isLogistics },
  oemSupplier: { type: 'boolean', read: (s: CriteriaSubject) => s.facts.oemSupplier },
  employees: { type: 'number', read: (s: CriteriaSubject) => s.facts.employees },
  annualRevenueFen: { type: 'number', read: (s: CriteriaSubject) => s.facts.annualRevenueFen },
  stableOperationMonths: { type: 'number', read: (s: CriteriaSubject) => s.facts.stableOperationMonths },
  foundedOn: { type: 'date', read: (s: CriteriaSubject) => s.facts.foundedOn },
  aboveScaleSince: { type: 'date', read: (s: CriteriaSubject) => s.facts.aboveScaleSince },
  // The stated code, else the code the industry column begins with ('C34 通用设备制造业').
  industryCode: { type: 'string', read: (s: CriteriaSubject) => s.facts.industryCode ?? /^([A-T]\d{0,4})(\s|$)/.exec(s.industry)?.[1] },
  region: { type: 'string', read: (s: CriteriaSubject) => s.facts.region },
  titleNames: { type: 'list', read: (s: CriteriaSubject) => list(s.facts.titles, (t) => t.name) },
  titleLevels: { type: 'list', read: (s: CriteriaSubject) => list(s.facts.titles, (t) => t.level) },
  titleKinds: { type: 'list', read: (s: CriteriaSubject) => list(s.facts.titles, (t) => t.kind ?? 'industry-it') },
  listings: { type: 'list', read: (s: CriteriaSubject) => list(s.facts.listings, (l) => l) },
  trademarkTypes: { type: 'list', read: (s: CriteriaSubject) => list(s.facts.trademarks, (t) => t.type) },
} as const satisfies Record<string, { type: FactType; read: (s: CriteriaSubject) => FactValue | undefined }>;

export type CriteriaFact = keyof typeof CRITERIA_FACTS;
const FACT_NAMES = Object.keys(CRITERIA_FACTS) as [CriteriaFact, ...CriteriaFact[]];

const OPS_OF: Record<FactType, readonly string[]> = {
  boolean: ['eq', 'ne'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'],
  date: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'],
  string: ['eq', 'ne', 'in', 'notIn', 'startsWith'],
  list: ['has', 'hasAny'],
};
const MEMBERSHIP = ['in', 'notIn', 'hasAny'];

const ZScalar = z.union([z.string().min(1).max(200), z.number().int(), z.boolean()]);

export const ZComparison = z
  .object({
    fact: z.enum(FACT_NAMES),
    op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'startsWith', 'has', 'hasAny']),
    value: ZScalar.optional(),
    values: z.array(z.union([z.string().min(1).max(200), z.number().int()])).min(1).max(200).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const type = CRITERIA_FACTS[c.fact].type;
    if (!OPS_OF[type].includes(c.op)) {
      ctx.addIssue({ code: 'custom', path: ['op'], message: `${c.fact} is a ${type} fact: op must be one of ${OPS_OF[type].join(', ')}` });
      return;
    }
    const membership = MEMBERSHIP.includes(c.op);
    if (membership && (c.values === undefined || c.value !== undefined)) ctx.addIssue({ code: 'custom', path: ['values'], message: `op ${c.op} takes "values" (a list), not "value"` });
    if (!membership && (c.value === undefined || c.values !== undefined)) ctx.addIssue({ code: 'custom', path: ['value'], message: `op ${c.op} takes one "value"` });
    const wanted = type === 'boolean' ? 'boolean' : type === 'number' ? 'number' : 'string';
    for (const v of c.values ?? (c.value === undefined ? [] : [c.value])) {
      if (typeof v !== wanted) ctx.addIssue({ code: 'custom', path: [membership ? 'values' : 'value'], message: `${c.fact} compares with a ${wanted}` });
      else if (type === 'date' && !z.iso.date().safeParse(v).success) ctx.addIssue({ code: 'custom', path: ['value'], message: `${c.fact} compares with a date YYYY-MM-DD` });
    }
  });
export type Comparison = z.infer<typeof ZComparison>;

export type Criterion = Comparison | { all: Criterion[] } | { any: Criterion[] } | { not: Criterion };

export const ZCriterion: z.ZodType<Criterion> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ZCriterion).min(1).max(50) }).strict(),
    z.object({ any: z.array(ZCriterion).min(1).max(50) }).strict(),
    z.object({ not: ZCriterion }).strict(),
    ZComparison,
  ]),
).meta({ id: 'EligibilityCriterion', description: 'a comparison over a profile fact, or all / any / not over criteria' });

const MAX_DEPTH = 8;
function depthOf(c: Criterion): number {
  if ('all' in c) return 1 + Math.max(...c.all.map(depthOf));
  if ('any' in c) return 1 + Math.max(...c.any.map(depthOf));
  if ('not' in c) return 1 + depthOf(c.not);
  return 1;
}

/** The criteria of a policy: one criterion, nested at most MAX_DEPTH levels. */
export const ZCriteria = ZCriterion.refine((c) => depthOf(c) <= MAX_DEPTH, { message: `criteria nest at most ${MAX_DEPTH} levels` }).describe(
  'eligibility criteria over named profile facts: {all|any: [...]}, {not: ...}, {fact, op, value} or {fact, op, values}; see domain/policy/criteria.ts',
);

export type Truth = true | false | 'unknown';

export interface CriteriaResult {
  readonly outcome: 'met' | 'not_met' | 'needs_checking';
  /** The comparisons that held, in words. */
  readonly met: readonly string[];
  /** Facts the profile does not state that the outcome depends on. */
  readonly missingFacts: readonly string[];
}

export function describeComparison(c: Comparison): string {
  return `${c.fact} ${c.op} ${c.values === undefined ? JSON.stringify(c.value) : `[${c.values.join(', ')}]`}`;
}

function compare(c: Comparison, v: FactValue): boolean {
  const x = c.value;
  const xs: ReadonlyArray<string | number> = c.values ?? [];
  if (Array.isArray(v)) return c.op === 'has' ? v.includes(String(x)) : xs.some((y) => v.includes(String(y)));
  switch (c.op) {
    case 'eq': return v === x;
    case 'ne': return v !== x;
    case 'in': return xs.includes(v as string);
    case 'notIn': return !xs.includes(v as string);
    case 'startsWith': return typeof v === 'string' && v.startsWith(String(x));
    // Numbers compare as numbers, dates (YYYY-MM-DD) as text: both orders agree.
    case 'gt': return v > (x as typeof v);
    case 'gte': return v >= (x as typeof v);
    case 'lt': return v < (x as typeof v);
    case 'lte': return v <= (x as typeof v);
    default: return false;
  }
}

interface Walk { truth: Truth; met: string[]; missing: string[] }

function walk(c: Criterion, s: CriteriaSubject): Walk {
  if ('not' in c) {
    const inner = walk(c.not, s);
    return { truth: inner.truth === 'unknown' ? 'unknown' : !inner.truth, met: [], missing: inner.missing };
  }
  if ('all' in c || 'any' in c) {
    const isAll = 'all' in c;
    const parts = (isAll ? c.all : c.any).map((p) => walk(p, s));
    const decisive = parts.some((p) => p.truth === !isAll);
    const truth: Truth = decisive ? !isAll : parts.some((p) => p.truth === 'unknown') ? 'unknown' : isAll;
    const missing = truth === 'unknown' ? parts.flatMap((p) => p.missing) : [];
    return { truth, met: truth === true ? parts.filter((p) => p.truth === true).flatMap((p) => p.met) : [], missing };
  }
  const v = CRITERIA_FACTS[c.fact].read(s);
  if (v === undefined) return { truth: 'unknown', met: [], missing: [c.fact] };
  const held = compare(c, v);
  return { truth: held, met: held ? [describeComparison(c)] : [], missing: [] };
}

/** Evaluates criteria (already parsed by ZCriteria) for one enterprise. */
export function evaluateCriteria(criteria: Criterion, subject: CriteriaSubject): CriteriaResult {
  const r = walk(criteria, subject);
  if (r.truth === 'unknown') return { outcome: 'needs_checking', met: [], missingFacts: [...new Set(r.missing)].sort() };
  return { outcome: r.truth ? 'met' : 'not_met', met: r.truth ? r.met : [], missingFacts: [] };
}
