// quote(): the amount an applicant would get for one item of one measure, under one
// catalogue version, with every step visible as a breakdown line.
import { z } from 'zod';
import { sumFen } from '../money';
import { isIsoDate, yearOf } from './dates';
import { factsInvalid, zodIssues } from './define';
import { applyLimit } from './limits';
import type { BreakdownLine, CatalogueVersion, PriorAward, Quote, QuoteRequest, RuleContext, RuleLine } from './types';
import { findItem, findMeasure, measureParameters } from './version';

/** A prior award as the case system records it (and as quote().awardRecords returns it). */
export const ZPriorAward = z.strictObject({
  policyCode: z.string().min(1),
  item: z.string().min(1),
  limitKey: z.string().min(1),
  amountFen: z.int().nonnegative(),
  period: z.string().min(1).optional(),
});

function publicLine(l: RuleLine): BreakdownLine {
  return { label: l.label, labelZh: l.labelZh, amountFen: l.amountFen, rule: l.rule };
}

/**
 * Quotes one item. Throws AppError UNKNOWN_POLICY, UNKNOWN_POLICY_ITEM, or FACTS_INVALID (bad
 * facts, bad asOf, bad priorAwards). Not eligible → amountFen 0 and an empty breakdown, with
 * reasons. Eligible → the breakdown lines sum to amountFen; caps are negative lines.
 */
export function quote(catalogue: CatalogueVersion, request: QuoteRequest): Quote {
  const measure = findMeasure(catalogue, request.policyCode);
  const item = findItem(measure, request.item);
  const context = `Request for ${measure.code} item '${item.code}' is invalid`;
  if (!isIsoDate(request.asOf)) factsInvalid(context, [{ path: 'asOf', message: `must be a YYYY-MM-DD date, got '${String(request.asOf)}'` }]);
  const parsedPrior = z.array(ZPriorAward).safeParse(request.priorAwards ?? []);
  if (!parsedPrior.success) {
    factsInvalid(context, zodIssues(parsedPrior.error).map((i) => ({ path: `priorAwards.${i.path}`, message: i.message })));
  }
  const prior: PriorAward[] = parsedPrior.data.filter((p) => p.policyCode === measure.code && p.item === item.code);
  const parameters = measureParameters(catalogue, measure);
  const ctx: RuleContext = {
    policyCode: measure.code,
    item: item.code,
    asOf: request.asOf,
    asOfYear: yearOf(request.asOf),
    parameters,
    priorAwards: prior,
  };
  const evaluation = item.evaluate(request.facts, ctx);
  const outcome = evaluation.outcome;
  const base = {
    policyCode: measure.code,
    item: item.code,
    catalogueVersion: catalogue.version,
    parameters,
    limit: item.limit,
    limitKeys: evaluation.limitKeys,
    ...(evaluation.period === undefined ? {} : { period: evaluation.period }),
  };
  const notEligible = (reasons: readonly string[]): Quote => ({
    ...base,
    eligible: false,
    amountFen: 0,
    breakdown: [],
    reasons,
    pending: [],
    notes: outcome.notes ?? [],
    awardRecords: [],
  });

  if (!outcome.eligible) return notEligible(outcome.reasons);
  if (item.kind === 'approval') {
    return { ...base, eligible: true, amountFen: 0, breakdown: [], reasons: outcome.reasons, pending: outcome.pending ?? [], notes: outcome.notes ?? [], awardRecords: [] };
  }
  const limited = applyLimit(measure.code, item, evaluation, prior);
  if (!limited.eligible) return notEligible([...outcome.reasons, ...limited.reasons]);
  const breakdown = limited.lines.map(publicLine);
  const amountFen = sumFen(breakdown.map((l) => l.amountFen));
  if (amountFen <= 0) return notEligible([...outcome.reasons, 'Nothing is payable: the amount comes to 0 yuan.']);
  return {
    ...base,
    eligible: true,
    amountFen,
    breakdown,
    reasons: [...outcome.reasons, ...limited.reasons],
    pending: outcome.pending ?? [],
    notes: outcome.notes ?? [],
    awardRecords: limited.records,
  };
}
