// Measure 25 (定期公布各金融机构工业企业存贷比排名, 人民银行): per quarter the PBoC branch reports each
// bank's loans to industrial enterprises and its deposits; banks are ranked by the ratio
// loans / deposits, highest first. Pure: the exact comparison and rounding in BigInt.
import { z } from 'zod';

/** A quarter, e.g. 2026Q3 (the PBoC's statistics are quarterly). */
export const ZPeriod = z.string().regex(/^(19|20|21)\d{2}Q[1-4]$/, 'a quarter like 2026Q3');

export function previousPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  const quarter = Number(period.slice(5));
  return quarter === 1 ? `${year - 1}Q4` : `${year}Q${quarter - 1}`;
}

/** Amounts in integer fen (元 × 100), like all money here; a JSON number stays exact up to 2^53 − 1 fen. */
const ZFen = z.number().int('whole fen').max(Number.MAX_SAFE_INTEGER, 'at most 2^53 − 1 fen');

export const ZBankFigures = z.object({
  bank: z.string().trim().min(1).max(100).describe('the financial institution, e.g. 中国工商银行辽源分行'),
  industrialLoansFen: ZFen.min(0, 'loans cannot be negative').describe('loans to industrial enterprises outstanding at the end of the quarter, fen'),
  depositsFen: ZFen.min(1, 'deposits must be more than 0 (the ratio divides by them)').describe('deposits outstanding at the end of the quarter, fen'),
}).strict();
export type TBankFigures = z.infer<typeof ZBankFigures>;

export const ZBankRatioUpload = z
  .object({
    banks: z.array(ZBankFigures).min(1).max(500),
    reason: z.string().trim().min(1).max(2000).optional().describe('why: required to correct a published quarter (the next version)'),
  })
  .strict()
  .superRefine((u, ctx) => {
    const seen = new Map<string, number>();
    u.banks.forEach((b, i) => {
      const key = b.bank.normalize('NFC');
      const first = seen.get(key);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['banks', i, 'bank'], message: `${b.bank} is listed twice (also at banks.${first}): each bank once` });
      else seen.set(key, i);
    });
  });
export type TBankRatioUpload = z.infer<typeof ZBankRatioUpload>;

export const RATIO_FORMULA = 'ratio = industrialLoansFen / depositsFen; rank 1 = highest ratio; equal ratios (exactly, not rounded) share a rank and the next rank skips (1, 1, 3); ratioPercent rounded half up to 2 decimals; rankChange = previous rank − rank (positive: moved up)';

/** num/den in hundredths of a percent (basis points), rounded half away from zero. den > 0. */
function basisPoints(num: bigint, den: bigint): bigint {
  const scaled = num * 10_000n;
  const q = scaled / den;
  const r = scaled % den;
  const away = (r < 0n ? -r : r) * 2n >= den;
  return away ? q + (scaled < 0n ? -1n : 1n) : q;
}

const percentText = (bp: bigint): string => {
  const sign = bp < 0n ? '-' : '';
  const abs = bp < 0n ? -bp : bp;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
};

/** Which of two banks has the higher ratio (a/b vs c/d by cross multiplication): < 0 when `x` ranks first. */
const compareRatio = (x: TBankFigures, y: TBankFigures): number => {
  const lhs = BigInt(y.industrialLoansFen) * BigInt(x.depositsFen);
  const rhs = BigInt(x.industrialLoansFen) * BigInt(y.depositsFen);
  return lhs === rhs ? 0 : lhs > rhs ? 1 : -1;
};

export interface RankedBank extends TBankFigures {
  rank: number;
  ratio: number;
  ratioPercent: string;
}

/** Standard competition ranking by ratio, ties by bank name in code-point order. */
export function rankBanks(banks: readonly TBankFigures[]): RankedBank[] {
  const sorted = [...banks].sort((a, b) => compareRatio(a, b) || (a.bank < b.bank ? -1 : a.bank > b.bank ? 1 : 0));
  let rank = 0;
  return sorted.map((b, i) => {
    const prev = sorted[i - 1];
    if (!prev || compareRatio(prev, b) !== 0) rank = i + 1;
    return { ...b, rank, ratio: b.industrialLoansFen / b.depositsFen, ratioPercent: percentText(basisPoints(BigInt(b.industrialLoansFen), BigInt(b.depositsFen))) };
  });
}

export interface RankingLine extends RankedBank {
  previous: { rank: number; ratioPercent: string } | null;
  rankChange: number | null;
  /** The ratio's change in percentage points (exact difference, rounded like ratioPercent). */
  ratioChangePoints: string | null;
}

/** The ranking of a quarter with the change against the previous quarter's (a bank new this quarter: null). */
export function rankingWithChange(current: readonly TBankFigures[], previous: readonly TBankFigures[] | null): RankingLine[] {
  const before = new Map((previous ? rankBanks(previous) : []).map((b) => [b.bank.normalize('NFC'), b]));
  return rankBanks(current).map((b) => {
    const p = before.get(b.bank.normalize('NFC'));
    if (!p) return { ...b, previous: null, rankChange: null, ratioChangePoints: null };
    const num = BigInt(b.industrialLoansFen) * BigInt(p.depositsFen) - BigInt(p.industrialLoansFen) * BigInt(b.depositsFen);
    return { ...b, previous: { rank: p.rank, ratioPercent: p.ratioPercent }, rankChange: p.rank - b.rank, ratioChangePoints: percentText(basisPoints(num, BigInt(b.depositsFen) * BigInt(p.depositsFen))) };
  });
}
