// The criteria language of external policies (domain/policy/criteria.ts): validation of the data
// (facts, operators, value types, nesting) and the three-valued evaluation, where a fact the
// profile does not state is "needs checking" unless the known parts decide.
import { evaluateCriteria, ZCriteria, type CriteriaSubject, type Criterion } from '../../domain/policy/criteria';
import { restate, changedFacts } from '../../domain/enterprise-profile';

const subject = (over: Partial<CriteriaSubject> = {}): CriteriaSubject => ({
  aboveScale: true,
  industry: 'C34 通用设备制造业',
  facts: { region: '220402', foundedOn: '2008-05-16', employees: 240, titles: [{ level: 'provincial', name: '专精特新', grantedYear: 2026 }], listings: ['neeq'] },
  ...over,
});
const parse = (c: unknown): Criterion => ZCriteria.parse(c);

describe('ZCriteria', () => {
  it('accepts all/any/not over comparisons and membership', () => {
    const c = { all: [{ fact: 'aboveScale', op: 'eq', value: true }, { any: [{ fact: 'region', op: 'in', values: ['220402', '220403'] }, { not: { fact: 'employees', op: 'lt', value: 50 } }] }] };
    expect(ZCriteria.safeParse(c).success).toBe(true);
  });

  it.each([
    ['an unknown fact', { fact: 'colour', op: 'eq', value: 'red' }],
    ['an operator the fact type does not allow', { fact: 'aboveScale', op: 'gt', value: true }],
    ['a value of the wrong type', { fact: 'employees', op: 'gte', value: '50' }],
    ['a date that is not YYYY-MM-DD', { fact: 'foundedOn', op: 'lt', value: '2020/01/01' }],
    ['membership without values', { fact: 'region', op: 'in', value: '220402' }],
    ['an empty all', { all: [] }],
    ['code instead of data', 'enterprise.aboveScale === true'],
    ['a key besides the operator', { all: [{ fact: 'aboveScale', op: 'eq', value: true }], any: [] }],
  ])('refuses %s', (_name, c) => {
    expect(ZCriteria.safeParse(c).success).toBe(false);
  });

  it('refuses nesting deeper than 8 levels', () => {
    let c: unknown = { fact: 'aboveScale', op: 'eq', value: true };
    for (let i = 0; i < 8; i++) c = { not: c };
    expect(ZCriteria.safeParse(c).success).toBe(false);
  });
});

describe('evaluateCriteria', () => {
  it('met: lists the comparisons that held', () => {
    const c = parse({ all: [{ fact: 'aboveScale', op: 'eq', value: true }, { fact: 'industryCode', op: 'startsWith', value: 'C' }, { fact: 'foundedOn', op: 'lt', value: '2020-01-01' }] });
    expect(evaluateCriteria(c, subject())).toEqual({ outcome: 'met', met: ['aboveScale eq true', 'industryCode startsWith "C"', 'foundedOn lt "2020-01-01"'], missingFacts: [] });
  });

  it('not met when a known fact fails', () => {
    const c = parse({ all: [{ fact: 'region', op: 'eq', value: '220403' }, { fact: 'isLogistics', op: 'eq', value: true }] });
    // region is known and fails: the missing isLogistics cannot change that.
    expect(evaluateCriteria(c, subject()).outcome).toBe('not_met');
  });

  it('needs checking, never guessed, when a missing fact decides; names the fact', () => {
    const c = parse({ all: [{ fact: 'aboveScale', op: 'eq', value: true }, { fact: 'annualRevenueFen', op: 'gte', value: 1_000_000 }] });
    expect(evaluateCriteria(c, subject())).toEqual({ outcome: 'needs_checking', met: [], missingFacts: ['annualRevenueFen'] });
    // not(unknown) is unknown, not true.
    expect(evaluateCriteria(parse({ not: { fact: 'isLogistics', op: 'eq', value: true } }), subject()).outcome).toBe('needs_checking');
  });

  it('any: one known true decides over a missing fact', () => {
    const c = parse({ any: [{ fact: 'stableOperationMonths', op: 'gte', value: 12 }, { fact: 'listings', op: 'hasAny', values: ['ipo', 'neeq'] }] });
    expect(evaluateCriteria(c, subject())).toEqual({ outcome: 'met', met: ['listings hasAny [ipo, neeq]'], missingFacts: [] });
  });

  it('reads industryCode from the industry column when the profile does not state it; lists by membership', () => {
    expect(evaluateCriteria(parse({ fact: 'industryCode', op: 'in', values: ['C34', 'C36'] }), subject()).outcome).toBe('met');
    expect(evaluateCriteria(parse({ fact: 'industryCode', op: 'eq', value: 'C34' }), subject({ industry: '通用设备制造业' })).outcome).toBe('needs_checking');
    expect(evaluateCriteria(parse({ fact: 'titleLevels', op: 'has', value: 'national' }), subject()).outcome).toBe('not_met');
    expect(evaluateCriteria(parse({ fact: 'titleKinds', op: 'has', value: 'industry-it' }), subject()).outcome).toBe('met');
  });
});

describe('profile statements', () => {
  const ent = { username: 'ent1', role: 'enterprise' as const };
  const staff = { username: 'gxj.reviewer', role: 'reviewer' as const };

  it('a new or changed fact is stated by the caller; an unchanged one keeps its statement; a removed one loses it', () => {
    const first = restate({}, {}, { employees: 10, region: '220402' }, ent, '2026-03-01T00:00:00.000Z');
    expect(first).toEqual({ employees: { by: 'ent1', role: 'enterprise', at: '2026-03-01T00:00:00.000Z' }, region: { by: 'ent1', role: 'enterprise', at: '2026-03-01T00:00:00.000Z' } });
    const second = restate({ employees: 10, region: '220402' }, first, { employees: 12, region: '220402', isLogistics: false }, staff, '2026-03-02T00:00:00.000Z');
    expect(second).toEqual({
      employees: { by: 'gxj.reviewer', role: 'reviewer', at: '2026-03-02T00:00:00.000Z' },
      region: first.region,
      isLogistics: { by: 'gxj.reviewer', role: 'reviewer', at: '2026-03-02T00:00:00.000Z' },
    });
    expect(restate({ employees: 12 }, second, {}, ent, 'x')).toEqual({});
    expect(changedFacts({ employees: 10, titles: [{ a: 1, b: 2 }] }, { titles: [{ b: 2, a: 1 }], region: '220402' })).toEqual(['employees', 'region']);
  });
});
