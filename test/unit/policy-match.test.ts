// Measure 1 matching building block: likely items are quoted from profile facts; items the
// profile cannot decide are possible with the missing facts; impossible items are left out.
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import { yuan } from '../../domain/money';
import { defaultCatalogue, matchEnterprise, ZEnterpriseProfile, type MatchResult } from '../../domain/policy';

const cat = defaultCatalogue();
const base = { asOf: '2025-06-30', aboveScale: true };

const likelyKeys = (r: MatchResult) => r.likely.map((l) => `${l.policyCode}/${l.item}`);
const possibleKeys = (r: MatchResult) => r.possible.map((p) => `${p.policyCode}/${p.item}`);
const all = (r: MatchResult) => [...likelyKeys(r), ...possibleKeys(r)];

describe('matchEnterprise', () => {
  it('a title granted this year → M03 likely with the quoted amount', () => {
    const r = matchEnterprise(cat, { ...base, titles: [{ level: 'national', grantedYear: 2025, name: '专精特新小巨人' }] });
    expect(r.likely).toContainEqual(expect.objectContaining({ policyCode: 'M03', item: 'title', estimatedAmountFen: yuan(300_000) }));
    expect(r.likely.find((l) => l.policyCode === 'M03')?.why).toContain('专精特新小巨人');
  });

  it('a title of last year → M03 neither likely nor possible', () => {
    const r = matchEnterprise(cat, { ...base, titles: [{ level: 'provincial', grantedYear: 2024, name: '省级技术中心', kind: 'industry-it' }] });
    expect(all(r)).not.toContain('M03/title');
  });

  it('municipal titles do not count', () => {
    const r = matchEnterprise(cat, { ...base, titles: [{ level: 'municipal', grantedYear: 2025, name: '市级' }] });
    expect(all(r)).not.toContain('M03/title');
  });

  it('titles unknown → M03 possible, naming the missing facts', () => {
    const r = matchEnterprise(cat, base);
    expect(r.possible).toContainEqual({ policyCode: 'M03', item: 'title', missingFacts: ['level', 'grantedYear', 'titleName'] });
  });

  it('two titles this year → two likely entries', () => {
    const r = matchEnterprise(cat, {
      ...base,
      titles: [
        { level: 'national', grantedYear: 2025, name: 'A' },
        { level: 'provincial', grantedYear: 2025, name: 'B', kind: 'industry-it' },
      ],
    });
    expect(r.likely.filter((l) => l.policyCode === 'M03').map((l) => l.estimatedAmountFen)).toEqual([yuan(300_000), yuan(100_000)]);
  });

  it('brand and IP demonstration titles map to M05 and M06', () => {
    const r = matchEnterprise(cat, {
      ...base,
      titles: [
        { level: 'provincial', grantedYear: 2023, name: '吉致吉品', kind: 'brand' },
        { level: 'national', grantedYear: 2025, name: '国家知识产权示范企业', kind: 'ip-demonstration' },
      ],
    });
    expect(r.likely).toContainEqual(expect.objectContaining({ policyCode: 'M05', item: 'brand-title', estimatedAmountFen: yuan(50_000) }));
    expect(r.likely).toContainEqual(expect.objectContaining({ policyCode: 'M06', item: 'ip-demonstration', estimatedAmountFen: yuan(50_000) }));
    // Brand and IP titles are not industry-and-IT titles.
    expect(all(r)).not.toContain('M03/title');
  });

  it('listings → M21 likely per market; the display board never', () => {
    const r = matchEnterprise(cat, { ...base, listings: ['ipo', 'regional-equity-display'] });
    expect(r.likely.filter((l) => l.policyCode === 'M21')).toEqual([expect.objectContaining({ item: 'listing', estimatedAmountFen: yuan(1_000_000) })]);
    expect(possibleKeys(r)).not.toContain('M21/listing');
  });

  it('no listings → M21 left out; listings unknown → possible', () => {
    expect(all(matchEnterprise(cat, { ...base, listings: [] }))).not.toContain('M21/listing');
    expect(matchEnterprise(cat, base).possible).toContainEqual({ policyCode: 'M21', item: 'listing', missingFacts: ['market'] });
  });

  it('awards already received drop out', () => {
    const r = matchEnterprise(cat, {
      ...base,
      listings: ['neeq'],
      awardsReceived: [{ policyCode: 'M21', item: 'listing', limitKey: 'neeq', amountFen: yuan(500_000) }],
    });
    expect(all(r)).not.toContain('M21/listing');
  });

  it('a logistics enterprise with every fact → M38 likely', () => {
    const r = matchEnterprise(cat, { ...base, isLogistics: true, firstTimeAboveScale: true, annualRevenueFen: yuan(20_000_000), stableOperationMonths: 14 });
    expect(r.likely).toContainEqual(expect.objectContaining({ policyCode: 'M38', item: 'logistics-upgrade', estimatedAmountFen: yuan(300_000) }));
  });

  it('a logistics enterprise below the revenue threshold → M38 left out', () => {
    const r = matchEnterprise(cat, { ...base, isLogistics: true, firstTimeAboveScale: true, annualRevenueFen: yuan(20_000_000) - 1, stableOperationMonths: 14 });
    expect(all(r)).not.toContain('M38/logistics-upgrade');
  });

  it('logistics with facts missing → M38 possible naming only the missing ones', () => {
    const r = matchEnterprise(cat, { ...base, isLogistics: true, annualRevenueFen: yuan(30_000_000) });
    expect(r.possible).toContainEqual({ policyCode: 'M38', item: 'logistics-upgrade', missingFacts: ['firstTimeAboveScale', 'stableOperationMonths'] });
  });

  it('not logistics, or not above-scale → M38 left out; not above-scale → M37 left out', () => {
    expect(all(matchEnterprise(cat, { ...base, isLogistics: false }))).not.toContain('M38/logistics-upgrade');
    const small = matchEnterprise(cat, { ...base, aboveScale: false, isLogistics: true });
    expect(all(small)).not.toContain('M38/logistics-upgrade');
    expect(all(small)).not.toContain('M37/idle-asset-upgrade');
  });

  it('accepts the profile facts of domain/enterprise.ts, including old titles', () => {
    const r = matchEnterprise(cat, {
      ...base,
      employees: 120,
      oemSupplier: false,
      titles: [{ level: 'national', grantedYear: 1995, name: '老字号', kind: 'ip-demonstration' }],
    });
    expect(all(r)).not.toContain('M11/oem-supply');
    // Named in 1995, before M06.newSinceYear: not likely.
    expect(likelyKeys(r)).not.toContain('M06/ip-demonstration');
  });

  it('items for other applicants (sellers, colleges, persons, guarantee companies) are never listed', () => {
    const keys = all(matchEnterprise(cat, base));
    for (const k of ['M08/online-sales', 'M17/staff-training', 'M19/outstanding-entrepreneur', 'M22/guarantee-commendation']) expect(keys).not.toContain(k);
    expect(keys).toContain('M14/talent-event');
  });

  it('missing facts list required fields only', () => {
    const m12 = matchEnterprise(cat, base).possible.find((p) => p.policyCode === 'M12');
    expect(m12?.missingFacts).toEqual(['supplierCreditCode', 'supplierUpgradedToAboveScale', 'supplierOutputFen']);
  });

  it('is deterministic and in catalogue order', () => {
    const profile = { ...base, titles: [{ level: 'national' as const, grantedYear: 2025, name: 'A' }], listings: ['ipo' as const] };
    const a = matchEnterprise(cat, profile);
    expect(matchEnterprise(cat, profile)).toEqual(a);
    expect(likelyKeys(a)).toEqual(['M03/title', 'M21/listing']);
    const possibleCodes = a.possible.map((p) => p.policyCode);
    expect(possibleCodes).toEqual([...possibleCodes].sort());
  });

  it('an invalid profile is FACTS_INVALID', () => {
    try {
      matchEnterprise(cat, { asOf: 'soon', aboveScale: 'yes' });
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('FACTS_INVALID');
      expect((e as AppError).message).toContain('asOf');
      expect((e as AppError).message).toContain('aboveScale');
    }
  });

  it('the profile schema converts to JSON Schema', () => {
    expect(z.toJSONSchema(ZEnterpriseProfile)).toMatchObject({ type: 'object' });
  });
});
