// The catalogue as data: all 46 measures, departments and kinds as MEASURES.md reads them,
// every form convertible to JSON Schema, and versions that never change under a case.
import { expectCode } from '../support/errors';
import { DEPARTMENT_CODES } from '../../domain/departments';
import { AppError } from '../../domain/errors';
import {
  CHAPTERS,
  DEFAULT_SLA,
  defaultCatalogue,
  findItem,
  findMeasure,
  itemFormJsonSchema,
  PARAMETER_DEFINITIONS,
  withParameters,
  type Measure,
  type MeasureKind,
} from '../../domain/policy';

const catalogue = defaultCatalogue();


// MEASURES.md department table, copied by hand.
const MD_DEPARTMENTS = ['GXJ', 'CZJ', 'SCJ', 'KJJ', 'RSJ', 'JYJ', 'JRJ', 'RMYH', 'ZRZYJ', 'NYJ', 'ZJJ', 'FGW', 'SLJ', 'GXQ', 'JFJT', 'SFJ', 'SWJ', 'FY'];

// MEASURES.md measures table (and the text's bracketed departments for 27-36), by number.
const EXPECTED: Record<number, { lead: string; co?: string[]; kind: MeasureKind; items?: string[] }> = {
  1: { lead: 'GXJ', kind: 'platform' },
  2: { lead: 'CZJ', kind: 'platform' },
  3: { lead: 'GXJ', kind: 'award', items: ['title'] },
  4: { lead: 'SCJ', kind: 'award', items: ['regional-trademark'] },
  5: { lead: 'SCJ', co: ['GXJ'], kind: 'award', items: ['brand-title'] },
  6: { lead: 'SCJ', kind: 'award', items: ['ip-demonstration', 'ip-pledge-matching'] },
  7: { lead: 'SCJ', kind: 'award', items: ['madrid-trademark'] },
  8: { lead: 'GXJ', kind: 'award', items: ['online-sales'] },
  9: { lead: 'GXJ', kind: 'award', items: ['exhibition'] },
  10: { lead: 'GXJ', kind: 'approval', items: ['catalogue-listing'] },
  11: { lead: 'GXJ', kind: 'award', items: ['oem-supply'] },
  12: { lead: 'GXJ', kind: 'award', items: ['chain-recruitment'] },
  13: { lead: 'KJJ', kind: 'award', items: ['rnd-conversion'] },
  14: { lead: 'RSJ', kind: 'award', items: ['talent-event'] },
  15: { lead: 'RSJ', kind: 'info' },
  16: { lead: 'JYJ', kind: 'award', items: ['order-class-refund'] },
  17: { lead: 'JYJ', kind: 'award', items: ['staff-training'] },
  18: { lead: 'GXJ', kind: 'award', items: ['skill-certificate'] },
  19: { lead: 'GXJ', kind: 'award', items: ['outstanding-entrepreneur', 'outstanding-rnd-talent'] },
  20: { lead: 'CZJ', kind: 'info' },
  21: { lead: 'CZJ', kind: 'award', items: ['listing'] },
  22: { lead: 'CZJ', kind: 'approval', items: ['guarantee-commendation'] },
  23: { lead: 'JRJ', kind: 'info' },
  24: { lead: 'RMYH', kind: 'info' },
  25: { lead: 'RMYH', kind: 'platform' },
  26: { lead: 'GXJ', kind: 'award', items: ['fund-investment'] },
  27: { lead: 'ZRZYJ', kind: 'info' },
  28: { lead: 'ZRZYJ', kind: 'info' },
  29: { lead: 'NYJ', kind: 'info' },
  30: { lead: 'ZJJ', kind: 'info' },
  31: { lead: 'FGW', kind: 'info' },
  32: { lead: 'FGW', kind: 'info' },
  33: { lead: 'SLJ', kind: 'info' },
  34: { lead: 'GXQ', kind: 'info' },
  35: { lead: 'GXQ', kind: 'info' },
  36: { lead: 'JFJT', kind: 'info' },
  37: { lead: 'GXJ', kind: 'award', items: ['idle-asset-upgrade'] },
  38: { lead: 'GXJ', kind: 'award', items: ['logistics-upgrade'] },
  39: { lead: 'GXJ', kind: 'proxy' },
  40: { lead: 'GXJ', kind: 'proxy' },
  41: { lead: 'CZJ', kind: 'info' },
  42: { lead: 'SWJ', kind: 'approval', items: ['export-refund-priority'] },
  43: { lead: 'SFJ', kind: 'info' },
  44: { lead: 'SWJ', kind: 'approval', items: ['social-insurance-buffer'] },
  45: { lead: 'GXJ', kind: 'appeal' },
  46: { lead: 'FY', kind: 'appeal' },
};

// Sections of the policy text: 一 1-3, 二 4-8, 三 9-12, 四 13, 五 14-19, 六 20-26, 七 27-38, 八 39-42, 九 43-44, 十 45-46.
const CHAPTER_OF = (no: number): number =>
  no <= 3 ? 1 : no <= 8 ? 2 : no <= 12 ? 3 : no === 13 ? 4 : no <= 19 ? 5 : no <= 26 ? 6 : no <= 38 ? 7 : no <= 42 ? 8 : no <= 44 ? 9 : 10;

const measureNos = Array.from({ length: 46 }, (_, i) => i + 1);

describe('the 46 measures', () => {
  it('are all present, in order, zero-padded M01..M46', () => {
    expect(catalogue.measures.map((m) => m.code)).toEqual(measureNos.map((n) => `M${String(n).padStart(2, '0')}`));
    expect(catalogue.measures.map((m) => m.no)).toEqual(measureNos);
  });

  it('the department list of MEASURES.md is the one domain/departments.ts exports', () => {
    expect([...DEPARTMENT_CODES].sort()).toEqual([...MD_DEPARTMENTS].sort());
  });

  it.each(measureNos)('measure %p: lead, co-departments, kind, items and chapter as MEASURES.md reads them', (no) => {
    const m = catalogue.measures[no - 1] as Measure;
    const exp = EXPECTED[no];
    expect(exp).toBeDefined();
    if (!exp) return;
    expect(MD_DEPARTMENTS).toContain(m.lead);
    for (const co of m.co) expect(MD_DEPARTMENTS).toContain(co);
    expect(m.lead).toBe(exp.lead);
    expect([...m.co]).toEqual(exp.co ?? []);
    expect(m.kind).toBe(exp.kind);
    expect(m.items.map((i) => i.code)).toEqual(exp.items ?? []);
    expect(m.chapter.no).toBe(CHAPTER_OF(no));
    expect(m.titleZh).toMatch(/[\u4e00-\u9fff]/);
    expect(m.name.length).toBeGreaterThan(3);
    expect(m.applicantTypes.length).toBeGreaterThan(0);
    // Award and approval measures run a case with an SLA; the rest do not.
    if (m.kind === 'award' || m.kind === 'approval') {
      expect(m.sla).not.toBeNull();
      for (const i of m.items) expect(i.kind).toBe(m.kind);
    } else {
      expect(m.sla).toBeNull();
    }
  });

  it('chapters are the ten sections of the text', () => {
    expect(CHAPTERS.map((c) => c.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(CHAPTERS[6]?.titleZh).toBe('强化工业企业生产要素供给保障');
  });

  it('measures 27-36 are ten separate entries with their own departments', () => {
    const leads = catalogue.measures.slice(26, 36).map((m) => m.lead);
    expect(leads).toEqual(['ZRZYJ', 'ZRZYJ', 'NYJ', 'ZJJ', 'FGW', 'FGW', 'SLJ', 'GXQ', 'GXQ', 'JFJT']);
    expect(new Set(catalogue.measures.slice(26, 36).map((m) => m.titleZh)).size).toBe(10);
  });

  it('applicant types follow the text for the non-enterprise measures', () => {
    expect(findMeasure(catalogue, 'M08').applicantTypes).toEqual(['seller']);
    expect(findMeasure(catalogue, 'M14').applicantTypes).toEqual(['enterprise', 'college']);
    expect(findMeasure(catalogue, 'M17').applicantTypes).toEqual(['college']);
    expect(findMeasure(catalogue, 'M19').applicantTypes).toEqual(['person']);
    expect(findMeasure(catalogue, 'M22').applicantTypes).toEqual(['guarantee_company']);
  });
});

const allItems = catalogue.measures.flatMap((m) => m.items.map((i) => [m.code, i.code, m, i] as const));

describe('every award and approval item', () => {
  it('there are 25 of them (21 awards, 4 approvals)', () => {
    expect(allItems).toHaveLength(25);
    expect(allItems.filter(([, , , i]) => i.kind === 'approval').map(([c]) => c)).toEqual(['M10', 'M22', 'M42', 'M44']);
  });

  it.each(allItems.map(([c, i, m, item]) => [c, i, m, item]))('%s %s: the form converts to JSON Schema', (_code, itemCode, m, item) => {
    const schema = item.jsonSchema();
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties as object)).toEqual([...item.fields]);
    expect(schema.required).toEqual([...item.requiredFields]);
    expect(itemFormJsonSchema(m, itemCode)).toEqual(schema);
    // Survives a JSON round trip (no functions, no undefined, no bigint).
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    // Every money field is a non-negative integer, at any depth.
    const visit = (node: unknown, key: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (key.endsWith('Fen')) {
        expect(n.type).toBe('integer');
        expect(n.minimum).toBe(0);
      }
      for (const [k, v] of Object.entries(n)) visit(v, k === 'properties' || k === 'items' ? key : k);
    };
    visit(schema, '');
    expect(item.requiredDocuments.length).toBeGreaterThan(0);
    for (const d of item.requiredDocuments) {
      expect(d.name.length).toBeGreaterThan(3);
      expect(d.nameZh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(item.clause).toMatch(/[\u4e00-\u9fff]/);
  });

  it('M09 rateBps is bounded 1000-3000 in the schema', () => {
    const props = findItem(findMeasure(catalogue, 'M09'), 'exhibition').jsonSchema().properties as Record<string, Record<string, unknown>>;
    expect(props.rateBps).toMatchObject({ type: 'integer', minimum: 1000, maximum: 3000 });
  });

  it('M13 dates are ISO dates in the schema', () => {
    const props = findItem(findMeasure(catalogue, 'M13'), 'rnd-conversion').jsonSchema().properties as Record<string, Record<string, unknown>>;
    expect(props.registeredAt).toMatchObject({ type: 'string', format: 'date' });
  });

  it('limits are data', () => {
    const limit = (code: string, item: string) => findItem(findMeasure(catalogue, code), item).limit;
    expect(limit('M04', 'regional-trademark')).toEqual({ kind: 'once', per: 'trademark' });
    expect(limit('M05', 'brand-title')).toEqual({ kind: 'once', per: 'title' });
    expect(limit('M09', 'exhibition')).toEqual({ kind: 'per_period', period: 'exhibition', capFen: 300_000 });
    expect(limit('M14', 'talent-event')).toEqual({ kind: 'per_period', period: 'event', capFen: 1_000_000 });
    expect(limit('M21', 'listing')).toEqual({ kind: 'once', per: 'market' });
    expect(limit('M26', 'fund-investment')).toEqual({ kind: 'per_period', period: 'year', capFen: 20_000_000 });
    expect(limit('M17', 'staff-training')).toEqual({ kind: 'none' });
  });

  it('limit keys come from the facts', () => {
    const keys = (code: string, item: string, facts: unknown) => findItem(findMeasure(catalogue, code), item).limitKeys(facts);
    expect(keys('M04', 'regional-trademark', { trademarkType: 'collective', registrationNo: ' 123 ' })).toEqual(['123']);
    expect(keys('M05', 'brand-title', { level: 'national', titleName: '中国消费名品' })).toEqual(['中国消费名品']);
    expect(keys('M21', 'listing', { market: 'neeq' })).toEqual(['neeq']);
    expect(keys('M37', 'idle-asset-upgrade', { upgradedToAboveScale: true, viaIdleAssetLedger: true })).toEqual(['enterprise']);
    expect(keys('M07', 'madrid-trademark', { newRegistrations: 2, registrationNos: ['A', 'B'] })).toEqual(['A', 'B']);
    expect(() => keys('M21', 'listing', { market: 'x' })).toThrow(AppError);
  });
});

describe('SLA profiles', () => {
  it('default is 5/20/5/10/15 working days', () => {
    expect(DEFAULT_SLA).toEqual({ acceptanceDays: 5, reviewDays: 20, publicityDays: 5, supplementDays: 10, paymentDays: 15 });
    expect(findMeasure(catalogue, 'M03').sla).toEqual(DEFAULT_SLA);
  });

  it('M42 (export refund fast channel) is shorter at every stage', () => {
    const sla = findMeasure(catalogue, 'M42').sla;
    expect(sla).not.toBeNull();
    if (!sla) return;
    expect(sla.acceptanceDays).toBeLessThan(DEFAULT_SLA.acceptanceDays);
    expect(sla.reviewDays).toBeLessThan(DEFAULT_SLA.reviewDays);
    expect(sla.supplementDays).toBeLessThan(DEFAULT_SLA.supplementDays);
    expect(sla.publicityDays).toBeLessThanOrEqual(DEFAULT_SLA.publicityDays);
    expect(sla.paymentDays).toBeLessThanOrEqual(DEFAULT_SLA.paymentDays);
  });
});

describe('parameters and versions', () => {
  it('version 1 starts 2025-01-01 with the open parameters at their defaults', () => {
    expect(catalogue.version).toBe(1);
    expect(catalogue.effectiveFrom).toBe('2025-01-01');
    expect(catalogue.parameters).toEqual({ 'M06.newSinceYear': 2025, 'M12.extraRateBps': null, 'M44.maxBufferMonths': null });
    expect(Object.isFrozen(catalogue)).toBe(true);
    expect(Object.isFrozen(catalogue.parameters)).toBe(true);
  });

  it('every parameter belongs to a measure that declares it', () => {
    for (const p of PARAMETER_DEFINITIONS) {
      const m = findMeasure(catalogue, p.name.split('.')[0] ?? '');
      expect(m.parameters.map((d) => d.name)).toContain(p.name);
      expect(p.note.length).toBeGreaterThan(10);
    }
  });

  it('withParameters derives a new version and leaves the old one alone', () => {
    const v2 = withParameters(catalogue, { 'M12.extraRateBps': 500 }, 2, '2026-01-01');
    expect(v2.version).toBe(2);
    expect(v2.effectiveFrom).toBe('2026-01-01');
    expect(v2.parameters['M12.extraRateBps']).toBe(500);
    expect(v2.parameters['M06.newSinceYear']).toBe(2025);
    expect(catalogue.parameters['M12.extraRateBps']).toBeNull();
    const v3 = withParameters(v2, { 'M12.extraRateBps': null }, 3, '2026-01-01');
    expect(v3.parameters['M12.extraRateBps']).toBeNull();
    expect(v2.parameters['M12.extraRateBps']).toBe(500);
  });

  it.each([
    ['unknown parameter', { 'M99.rate': 1 }, 2, '2026-01-01', /Unknown parameter 'M99.rate'/],
    ['out of range', { 'M12.extraRateBps': 10_001 }, 2, '2026-01-01', /from 0 to 10000/],
    ['negative', { 'M12.extraRateBps': -1 }, 2, '2026-01-01', /from 0 to 10000/],
    ['fractional', { 'M12.extraRateBps': 12.5 }, 2, '2026-01-01', /integer/],
    ['same version', { 'M12.extraRateBps': 1 }, 1, '2026-01-01', /above 1/],
    ['bad date', { 'M12.extraRateBps': 1 }, 2, '2026-13-01', /effectiveFrom/],
    ['earlier date', { 'M12.extraRateBps': 1 }, 2, '2024-12-31', /on or after 2025-01-01/],
  ])('withParameters rejects %s with VALIDATION_FAILED', (_name, params, version, from, message) => {
    const err = expectCode(() => withParameters(catalogue, params, version, from), 'VALIDATION_FAILED');
    expect(err.message).toMatch(message);
  });
});

describe('lookups', () => {
  it('UNKNOWN_POLICY lists the known codes', () => {
    const err = expectCode(() => findMeasure(catalogue, 'M47'), 'UNKNOWN_POLICY');
    expect(err.message).toContain('M01');
    expect(err.message).toContain('M46');
    expectCode(() => findMeasure(catalogue, 'M3'), 'UNKNOWN_POLICY');
  });

  it("UNKNOWN_POLICY_ITEM lists the measure's items", () => {
    const err = expectCode(() => itemFormJsonSchema(findMeasure(catalogue, 'M06'), 'nope'), 'UNKNOWN_POLICY_ITEM');
    expect(err.message).toContain('ip-demonstration, ip-pledge-matching');
    const info = expectCode(() => findItem(findMeasure(catalogue, 'M15'), 'anything'), 'UNKNOWN_POLICY_ITEM');
    expect(info.message).toContain('no items');
  });
});
