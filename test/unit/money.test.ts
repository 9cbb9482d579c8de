// Money: integer fen, rates in basis points, half-up rounding without floats.
import { applyRateBps, formatBps, formatFen, sumFen, yuan } from '../../domain/money';

describe('yuan', () => {
  it.each([
    [0, 0],
    [1, 100],
    [3_500, 350_000],
    [1_000_000, 100_000_000],
    [-2, -200],
  ])('yuan(%p) = %p fen', (y, fen) => {
    expect(yuan(y)).toBe(fen);
  });

  it.each([0.5, 0.35, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER])('rejects %p', (y) => {
    expect(() => yuan(y)).toThrow(RangeError);
  });
});

describe('applyRateBps (half-up to the fen)', () => {
  it.each([
    // fen, bps, expected
    [100, 10_000, 100],
    [10_000, 2_000, 2_000],
    [5, 1_000, 1], // 0.5 fen → 1
    [4, 1_000, 0], // 0.4 fen → 0
    [15, 1_000, 2], // 1.5 → 2
    [14, 1_000, 1], // 1.4 → 1
    [25, 200, 1], // 0.5 → 1
    [24, 200, 0], // 0.48 → 0
    [-5, 1_000, -1], // ties away from zero
    [-4, 1_000, 0],
    [1_000_001, 3_000, 300_000], // 300,000.3
    [1_000_005, 3_000, 300_002], // 300,001.5
    [0, 3_000, 0],
    [123_456, 0, 0],
    [1_000_000_000_000, 9_999, 999_900_000_000], // product above 2^53, still exact
    [Number.MAX_SAFE_INTEGER, 1, 900_719_925_474],
  ])('applyRateBps(%p, %p) = %p', (fen, bps, expected) => {
    expect(applyRateBps(fen, bps)).toBe(expected);
  });

  it('rejects fractional fen or bps', () => {
    expect(() => applyRateBps(10.5, 100)).toThrow(RangeError);
    expect(() => applyRateBps(10, 1.5)).toThrow(RangeError);
  });
});

describe('formatFen', () => {
  it.each([
    [0, '0'],
    [1, '0.01'],
    [10, '0.10'],
    [100, '1'],
    [450_000, '4,500'],
    [450_050, '4,500.50'],
    [-150_000, '-1,500'],
    [-1, '-0.01'],
    [123_456_789, '1,234,567.89'],
    [100_000_000, '1,000,000'],
  ])('formatFen(%p) = %p', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('rejects non-integers', () => {
    expect(() => formatFen(0.5)).toThrow(RangeError);
  });
});

describe('formatBps and sumFen', () => {
  it.each([
    [2_000, '20%'],
    [1_250, '12.5%'],
    [1, '0.01%'],
    [200, '2%'],
    [10_000, '100%'],
  ])('formatBps(%p) = %p', (bps, text) => {
    expect(formatBps(bps)).toBe(text);
  });

  it('sums integer fen and refuses fractions', () => {
    expect(sumFen([])).toBe(0);
    expect(sumFen([450_000, -150_000, 1])).toBe(300_001);
    expect(() => sumFen([1, 0.5])).toThrow(RangeError);
  });
});
