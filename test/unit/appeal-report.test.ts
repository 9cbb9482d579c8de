// The appeal report's figures on hand-made states, each worked out by hand, and the CSV quoting.
import { appealReport, type ReportedAppeal } from '../../domain/appeal/report';
import { csvField, toCsv } from '../../domain/csv';

const timed = (onTime: boolean) => ({ onTime });
const base: ReportedAppeal = { status: 'awaiting_acceptance', acceptance: null, dispatches: [], signs: [], returns: [], replies: [], ratings: [], reopenCount: 0 };
const appeal = (over: Partial<ReportedAppeal>): ReportedAppeal => ({ ...base, ...over });
const values = (r: ReturnType<typeof appealReport>) => Object.fromEntries(r.figures.map((f) => [f.key, [f.numerator, f.denominator, f.value]]));

describe('appealReport', () => {
  const set: ReportedAppeal[] = [
    // 1: closed, resolved, on time throughout, satisfied.
    appeal({ status: 'closed', acceptance: timed(true), dispatches: [timed(true)], signs: [timed(true)], replies: [{ onTime: true, resolved: true }], ratings: [{ level: 'satisfied' }] }),
    // 2: concluded after two reopenings, every rating dissatisfied, one return.
    appeal({
      status: 'concluded',
      acceptance: timed(false),
      dispatches: [timed(true), timed(true), timed(false), timed(true)],
      returns: [{}],
      signs: [timed(true), timed(false), timed(true)],
      replies: [{ onTime: false, resolved: false }, { onTime: true, resolved: false }, { onTime: true, resolved: true }],
      ratings: [{ level: 'dissatisfied' }, { level: 'dissatisfied' }, { level: 'dissatisfied' }],
      reopenCount: 2,
    }),
    // 3: not rated in time, last reply not resolved.
    appeal({ status: 'not_rated', acceptance: timed(true), dispatches: [timed(true)], signs: [timed(true)], replies: [{ onTime: true, resolved: false }] }),
    // 4: basically satisfied, closed, resolved.
    appeal({ status: 'closed', acceptance: timed(true), dispatches: [timed(true)], signs: [timed(true)], replies: [{ onTime: false, resolved: true }], ratings: [{ level: 'basically_satisfied' }] }),
    // 5: not accepted; 6: still waiting.
    appeal({ status: 'not_accepted' }),
    appeal({}),
  ];

  it('computes each figure as its formula says', () => {
    const r = appealReport(set, { basicallySatisfiedWeight: 0.8 });
    expect(r.counts).toEqual({ filed: 6, accepted: 4, notAccepted: 1, open: 1, closed: { closed: 2, not_rated: 1, concluded: 1 } });
    expect(values(r)).toEqual({
      acceptedOnTime: [3, 4, 0.75],
      signedOnTime: [5, 6, 5 / 6],
      returnRate: [1, 7, 1 / 7],
      repliedOnTime: [4, 6, 4 / 6],
      // Closed: 1, 2, 3, 4. Resolved and never reopened: 1 and 4 (2 was reopened, 3's last reply not resolved).
      resolvedRate: [2, 4, 0.5],
      // (1 satisfied + 0.8 × 1 basically) / 5 ratings.
      satisfactionRate: [1.8, 5, 1.8 / 5],
      reopenRate: [2, 5, 0.4],
      // 2: last rating dissatisfied and concluded.
      unresolvedDissatisfied: [1, null, 1],
    });
    expect(r.figures.map((f) => f.labelZh)).toEqual(['及时受理率', '及时签收率', '回退率', '按时办结率', '解决率', '满意率', '重办率', '不满意未整改']);
    expect(r.figures.every((f) => f.formula.length > 0)).toBe(true);
  });

  it('gives null for a ratio over nothing, counts an open dissatisfied appeal, and refuses a weight outside 0..1', () => {
    const r = appealReport([appeal({ status: 'awaiting_redispatch', ratings: [{ level: 'satisfied' }, { level: 'dissatisfied' }], reopenCount: 1 })], { basicallySatisfiedWeight: 1 });
    expect(values(r)).toMatchObject({ acceptedOnTime: [0, 0, null], resolvedRate: [0, 0, null], satisfactionRate: [1, 2, 0.5], reopenRate: [1, 2, 0.5], unresolvedDissatisfied: [1, null, 1] });
    expect(values(appealReport([], { basicallySatisfiedWeight: 0 })).returnRate).toEqual([0, 0, null]);
    expect(() => appealReport([], { basicallySatisfiedWeight: 1.5 })).toThrow(RangeError);
  });
});

describe('CSV (RFC 4180)', () => {
  it('quotes commas, quotes and line breaks, and leaves the rest as it is', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.5)).toBe('0.5');
    expect(toCsv(['k', 'v'], [['满意率', 'x, "y"'], ['n', null]])).toBe('k,v\r\n满意率,"x, ""y"""\r\nn,\r\n');
  });
});
