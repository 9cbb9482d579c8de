// Once-only and per-period limits, applied after the rule against the applicant's prior
// awards. A limit never trims silently: it shows as its own negative line.
import { sumFen, type Fen } from '../money';
import { line, yuanText, yuanTextZh } from './define';
import type { BreakdownLine, Evaluation, LimitPeriod, OncePer, PolicyCode, PolicyItem, PriorAward, RuleLine } from './types';

export interface LimitResult {
  readonly eligible: boolean;
  readonly lines: readonly RuleLine[];
  readonly reasons: readonly string[];
  readonly records: readonly PriorAward[];
}

const ONCE_LABELS: Record<OncePer, { en: string; zh: string }> = {
  enterprise: { en: 'enterprise', zh: '每户一次' },
  title: { en: 'title', zh: '每个称号一次' },
  trademark: { en: 'trademark', zh: '每件商标一次' },
  market: { en: 'market', zh: '每个市场一次' },
  registration: { en: 'registration', zh: '每件注册一次' },
  project: { en: 'project', zh: '每个项目一次' },
  supplier: { en: 'recruited supplier', zh: '每家配套企业一次' },
  year: { en: 'year', zh: '每年度一次' },
  selection: { en: 'selection year', zh: '每届评选一次' },
};

const PERIOD_LABELS: Record<LimitPeriod, { en: string; zh: string }> = {
  exhibition: { en: 'per exhibition', zh: '单个企业单次展会补贴上限' },
  event: { en: 'per event', zh: '每场活动经费补助上限' },
  year: { en: 'per enterprise per year', zh: '单个企业年度补贴上限' },
};

function sumLines(lines: readonly BreakdownLine[]): Fen {
  return sumFen(lines.map((l) => l.amountFen));
}

export function applyLimit(policyCode: PolicyCode, item: PolicyItem, evaluation: Evaluation, prior: readonly PriorAward[]): LimitResult {
  const lines = evaluation.outcome.lines;
  const keys = evaluation.limitKeys;
  const limit = item.limit;
  const record = (limitKey: string, amountFen: Fen, period?: string): PriorAward =>
    period === undefined ? { policyCode, item: item.code, limitKey, amountFen } : { policyCode, item: item.code, limitKey, amountFen, period };

  if (limit.kind === 'once') {
    const label = ONCE_LABELS[limit.per];
    const awarded = keys.filter((k) => prior.some((p) => p.limitKey === k));
    if (keys.length > 0 && awarded.length === keys.length) {
      return {
        eligible: false,
        lines: [],
        reasons: [`Already awarded: this award is paid once per ${label.en} (${label.zh}), and ${label.en} ${awarded.join(', ')} already received it.`],
        records: [],
      };
    }
    // A multi-key item (M07) loses only the lines of the keys already awarded.
    const out: RuleLine[] = [...lines];
    for (const k of awarded) {
      const amount = sumLines(lines.filter((l) => l.limitKey === k));
      out.push(line(`Already awarded: ${label.en} ${k} (once only)`, `${k}已获奖励(${label.zh})`, -amount, `${label.zh}`, k));
    }
    const open = keys.filter((k) => !awarded.includes(k));
    const keyed = lines.some((l) => l.limitKey !== undefined);
    const records = open.map((k) => record(k, keyed ? sumLines(lines.filter((l) => l.limitKey === k)) : sumLines(out)));
    return { eligible: true, lines: out, reasons: [], records };
  }

  if (limit.kind === 'per_period') {
    const label = PERIOD_LABELS[limit.period];
    const period = evaluation.period ?? '';
    // Prior awards count only with the same key and period; one without a period counts nowhere.
    const used = sumFen(prior.filter((p) => p.period === period && keys.includes(p.limitKey)).map((p) => p.amountFen));
    const room = limit.capFen - used;
    if (room <= 0) {
      return {
        eligible: false,
        lines: [],
        reasons: [`The cap of ${yuanText(limit.capFen)} ${label.en} (${label.zh}) for ${period} is used up: ${yuanText(used)} already awarded.`],
        records: [],
      };
    }
    const out: RuleLine[] = [...lines];
    const total = sumLines(lines);
    if (total > room) {
      const already = used > 0 ? ` (${yuanText(used)} already awarded, ${yuanText(room)} left)` : '';
      const alreadyZh = used > 0 ? `(已获${yuanTextZh(used)},剩余${yuanTextZh(room)})` : '';
      out.push(
        line(`Cap ${label.en} ${yuanText(limit.capFen)}${already}`, `${label.zh}${yuanTextZh(limit.capFen)}${alreadyZh}`, room - total, `${label.zh}${yuanTextZh(limit.capFen)}`),
      );
    }
    return { eligible: true, lines: out, reasons: [], records: [record(keys[0] ?? 'applicant', sumLines(out), period)] };
  }

  return { eligible: true, lines, reasons: [], records: [record(keys[0] ?? 'applicant', sumLines(lines))] };
}
