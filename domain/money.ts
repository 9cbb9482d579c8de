// Money is integer fen everywhere (1 yuan = 100 fen); rates are integer basis points
// (1 bp = 0.01 %, 10,000 bps = 100 %). No floating-point arithmetic touches an amount:
// products go through BigInt so even 10^10 fen × 10^4 bps stays exact.

/** An amount of money in integer fen (分). */
export type Fen = number;

export const FEN_PER_YUAN = 100;
export const BPS_PER_UNIT = 10_000;

function assertSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer, got ${String(value)}`);
  }
}

/**
 * Whole yuan → fen. Only whole yuan are accepted: the amounts in the policy text are whole
 * yuan (0.35万元 = 3,500 yuan), and accepting 0.1 would bring floats back in.
 */
export function yuan(n: number): Fen {
  assertSafeInteger(n, 'yuan');
  const fen = n * FEN_PER_YUAN;
  assertSafeInteger(fen, 'fen');
  return fen;
}

/**
 * fen × bps / 10,000, rounded half-up to the fen. "Half-up" is the commercial rule
 * (Java's ROUND_HALF_UP): ties go away from zero, so −0.5 fen → −1 fen, like +0.5 → +1.
 */
export function applyRateBps(fen: Fen, bps: number): Fen {
  assertSafeInteger(fen, 'fen');
  assertSafeInteger(bps, 'bps');
  const product = BigInt(fen) * BigInt(bps);
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  const half = BigInt(BPS_PER_UNIT / 2);
  const rounded = (magnitude + half) / BigInt(BPS_PER_UNIT);
  const result = Number(negative ? -rounded : rounded);
  assertSafeInteger(result, 'result');
  return result;
}

/** Sum of fen amounts; checks every term and the total stay safe integers. */
export function sumFen(amounts: readonly Fen[]): Fen {
  let total = 0;
  for (const a of amounts) {
    assertSafeInteger(a, 'fen');
    total += a;
  }
  assertSafeInteger(total, 'total');
  return total;
}

/**
 * Fen as yuan text with thousands separators: 450000 → "4,500", 450050 → "4,500.50",
 * −150000 → "-1,500". Whole yuan drop the ".00" because every amount in the policy text is
 * whole yuan and the labels read better ("cap per exhibition 3,000 yuan").
 */
export function formatFen(fen: Fen): string {
  assertSafeInteger(fen, 'fen');
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / FEN_PER_YUAN);
  const cents = abs % FEN_PER_YUAN;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return cents === 0 ? `${sign}${grouped}` : `${sign}${grouped}.${String(cents).padStart(2, '0')}`;
}

/** Basis points as a percentage text: 2000 → "20%", 1250 → "12.5%", 1 → "0.01%". */
export function formatBps(bps: number): string {
  assertSafeInteger(bps, 'bps');
  const sign = bps < 0 ? '-' : '';
  const abs = Math.abs(bps);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  if (frac === 0) return `${sign}${whole}%`;
  return `${sign}${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}%`;
}
