// The matcher on stated holdings (domain/policy/match-holdings.ts) and on the stored profile
// (enterpriseMatchProfile): trademarks (M04), Madrid registrations of the year (M07), OEM
// outputs of the year (M11), fund investments of the year (M26); a list stated empty leaves the
// item out, a list not stated leaves it possible.
import { yuan } from '../../domain/money';
import { defaultCatalogue, matchEnterprise } from '../../domain/policy';
import { enterpriseMatchProfile } from '../../domain/policy/enterprise-profile';

const cat = defaultCatalogue();
const asOf = '2026-03-02';
const match = (profile: object) => matchEnterprise(cat, enterpriseMatchProfile({ aboveScale: true, industry: 'C34', profile }, asOf, []));
const item = (r: ReturnType<typeof match>, code: string) => ({
  likely: r.likely.filter((l) => l.policyCode === code),
  possible: r.possible.some((p) => p.policyCode === code),
});

it('M04: a geographical-indication or collective trademark is likely, an ordinary one is not', () => {
  const r = match({ trademarks: [{ registrationNo: 'GI-001', type: 'geographical-indication' }, { registrationNo: 'T-9', type: 'ordinary' }] });
  expect(item(r, 'M04')).toEqual({ likely: [expect.objectContaining({ estimatedAmountFen: yuan(50_000), why: 'geographical-indication trademark GI-001' })], possible: false });
  expect(item(match({ trademarks: [] }), 'M04')).toEqual({ likely: [], possible: false });
  expect(item(match({}), 'M04').possible).toBe(true);
});

it('M07: the Madrid registrations obtained this year, 2,000 yuan each', () => {
  const r = match({ madridRegistrations: [{ registrationNo: '1701', year: 2026 }, { registrationNo: '1702', year: 2026 }, { registrationNo: '1500', year: 2024 }] });
  expect(item(r, 'M07').likely).toEqual([expect.objectContaining({ estimatedAmountFen: yuan(4_000) })]);
  expect(item(match({ madridRegistrations: [{ registrationNo: '1500', year: 2024 }] }), 'M07')).toEqual({ likely: [], possible: false });
});

it('M11: the OEM outputs of this year decide the tier; none stated for the year: possible', () => {
  const r = match({ oemSupplier: true, oemOutputs: [{ year: 2026, oem: '一汽集团', outputFen: yuan(120_000_000) }, { year: 2025, oem: '一汽集团', outputFen: yuan(900_000_000) }] });
  expect(item(r, 'M11').likely).toEqual([expect.objectContaining({ estimatedAmountFen: yuan(200_000) })]);
  expect(item(match({ oemSupplier: true, oemOutputs: [{ year: 2025, oem: '一汽集团', outputFen: yuan(60_000_000) }] }), 'M11')).toEqual({ likely: [], possible: true });
  expect(item(match({ oemSupplier: false, oemOutputs: [{ year: 2026, oem: '一汽集团', outputFen: yuan(60_000_000) }] }), 'M11')).toEqual({ likely: [], possible: false });
});

it('M26: 2% of a fund investment received this year', () => {
  const r = match({ fundInvestments: [{ fund: 'regional-subfund', investmentFen: yuan(5_000_000), year: 2026 }] });
  expect(item(r, 'M26').likely).toEqual([expect.objectContaining({ estimatedAmountFen: yuan(100_000) })]);
});

it('a title with its kind counts for its own measure: brand titles for M05, not M03', () => {
  const r = match({ titles: [{ level: 'national', name: '中国消费名品', grantedYear: 2026, kind: 'brand' }] });
  expect(item(r, 'M05').likely).toHaveLength(1);
  expect(item(r, 'M03')).toEqual({ likely: [], possible: false });
});
