// The 诉求 appeal report: the platform's figures over a set of appeals, computed from their stored
// states. Pure: the API loads the set (filed in a period, led by a department) and calls it. Each
// figure carries its formula, so a reader of the answer (or of its CSV) sees what was counted.
import type { AppealRating, TAppealStatus } from './status';

/** The part of an appeal's state the report reads (workflows/appeal/state.ts AppealState fits it). */
export interface ReportedAppeal {
  status: TAppealStatus;
  acceptance: { onTime: boolean } | null;
  dispatches: ReadonlyArray<{ onTime: boolean }>;
  signs: ReadonlyArray<{ onTime: boolean }>;
  returns: ReadonlyArray<unknown>;
  replies: ReadonlyArray<{ onTime: boolean; resolved: boolean }>;
  ratings: ReadonlyArray<{ level: AppealRating }>;
  reopenCount: number;
}

export interface ReportFigure {
  key: string;
  labelZh: string;
  formula: string;
  numerator: number;
  /** Null for a count, which has no denominator. */
  denominator: number | null;
  /** numerator / denominator; null when the denominator is 0; a count's value is the count. */
  value: number | null;
}

export interface AppealReport {
  counts: { filed: number; accepted: number; notAccepted: number; open: number; closed: { closed: number; not_rated: number; concluded: number } };
  figures: ReportFigure[];
}

/** An appeal is closed once it ended after its handling; not_accepted never reached a department. */
const CLOSED: readonly TAppealStatus[] = ['closed', 'not_rated', 'concluded'];
const FINAL: readonly TAppealStatus[] = [...CLOSED, 'not_accepted'];

const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);
const figure = (key: string, labelZh: string, formula: string, numerator: number, denominator: number): ReportFigure => ({ key, labelZh, formula, numerator, denominator, value: ratio(numerator, denominator) });
const count = <T>(items: readonly T[], p: (t: T) => boolean): number => items.filter(p).length;

/**
 * The figures, each as numerator / denominator over the appeals given:
 * - 及时受理率 acceptedOnTime = acceptances with onTime / acceptances
 * - 及时签收率 signedOnTime = signs with onTime / signs (every signing, also after a redispatch)
 * - 回退率 returnRate = returns / dispatches
 * - 按时办结率 repliedOnTime = replies with onTime / replies
 * - 解决率 resolvedRate = closed appeals (closed, not_rated, concluded) whose last reply was
 *   resolved and which were never reopened / closed appeals (not_accepted is not counted)
 * - 满意率 satisfactionRate = (satisfied + w × basically_satisfied) / ratings, every rating counted
 *   (a reopened appeal's earlier ratings too); w = `basicallySatisfiedWeight`, 0..1
 * - 重办率 reopenRate = reopenings (the sum of reopenCount) / ratings
 * - 不满意未整改 unresolvedDissatisfied = appeals whose last rating is dissatisfied and that are
 *   not closed yet, or were concluded by the supervisor (a count: no denominator)
 */
export function appealReport(appeals: readonly ReportedAppeal[], o: { basicallySatisfiedWeight: number }): AppealReport {
  const w = o.basicallySatisfiedWeight;
  if (!(w >= 0 && w <= 1)) throw new RangeError(`basicallySatisfiedWeight ${w} is outside 0..1`);
  const acceptances = appeals.flatMap((a) => (a.acceptance ? [a.acceptance] : []));
  const signs = appeals.flatMap((a) => a.signs);
  const replies = appeals.flatMap((a) => a.replies);
  const ratings = appeals.flatMap((a) => a.ratings);
  const closed = appeals.filter((a) => CLOSED.includes(a.status));
  const resolved = count(closed, (a) => a.replies.at(-1)?.resolved === true && a.reopenCount === 0);
  const satisfied = count(ratings, (r) => r.level === 'satisfied');
  const basically = count(ratings, (r) => r.level === 'basically_satisfied');
  const unresolvedDissatisfied = count(appeals, (a) => a.ratings.at(-1)?.level === 'dissatisfied' && (!FINAL.includes(a.status) || a.status === 'concluded'));
  return {
    counts: {
      filed: appeals.length,
      accepted: acceptances.length,
      notAccepted: count(appeals, (a) => a.status === 'not_accepted'),
      open: count(appeals, (a) => !FINAL.includes(a.status)),
      closed: { closed: count(appeals, (a) => a.status === 'closed'), not_rated: count(appeals, (a) => a.status === 'not_rated'), concluded: count(appeals, (a) => a.status === 'concluded') },
    },
    figures: [
      figure('acceptedOnTime', '及时受理率', 'acceptances on time / acceptances', count(acceptances, (x) => x.onTime), acceptances.length),
      figure('signedOnTime', '及时签收率', 'signs on time / signs', count(signs, (x) => x.onTime), signs.length),
      figure('returnRate', '回退率', 'returns / dispatches', appeals.reduce((n, a) => n + a.returns.length, 0), appeals.reduce((n, a) => n + a.dispatches.length, 0)),
      figure('repliedOnTime', '按时办结率', 'replies on time / replies', count(replies, (x) => x.onTime), replies.length),
      figure('resolvedRate', '解决率', 'closed appeals (closed, not_rated, concluded) whose last reply was resolved and never reopened / closed appeals', resolved, closed.length),
      figure('satisfactionRate', '满意率', `(satisfied + ${w} × basically_satisfied) / ratings`, satisfied + w * basically, ratings.length),
      figure('reopenRate', '重办率', 'reopenings (sum of reopenCount) / ratings', appeals.reduce((n, a) => n + a.reopenCount, 0), ratings.length),
      {
        key: 'unresolvedDissatisfied',
        labelZh: '不满意未整改',
        formula: 'appeals whose last rating is dissatisfied and that are still open or were concluded',
        numerator: unresolvedDissatisfied,
        denominator: null,
        value: unresolvedDissatisfied,
      },
    ],
  };
}
