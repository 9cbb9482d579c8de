// The policy catalogue through the API as an enterprise user, a reviewer and an admin would use
// it: listing and filters, a measure with its JSON Schema forms, quotes (amounts, 400 naming
// fields, 404 with the known codes, scope, once-only limits from granted awards), publishing
// a version (admin only, validated, audited) and quotes keeping the version of their date.
import { randomUUID } from 'node:crypto';
import { yuan } from '../../domain/money';
import { DEFAULT_SLA, MEASURES } from '../../domain/policy';
import { bearer, createTestApi, type TestApi } from '../support/app';

let t: TestApi;
let ent1: string;
let ent1Id: string;
let ent2Id: string;
let admin: string;
let reviewer: string;

// 2026-03-02 10:00 in Asia/Shanghai: "today" for quotes and versions.
const NOW = new Date('2026-03-02T02:00:00Z');

beforeAll(async () => {
  t = await createTestApi();
  t.clock.now = NOW;
  [ent1, admin, reviewer] = await Promise.all([t.login('ent1'), t.login('admin'), t.login('gxj.reviewer')]);
  const users = await Promise.all(['ent1', 'ent2'].map((u) => t.tdb.repos.users.findByUsername(u)));
  ent1Id = users[0]?.enterpriseId ?? '';
  ent2Id = users[1]?.enterpriseId ?? '';
});
afterAll(async () => {
  await t.close();
});

const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) });
const post = (url: string, token: string, payload: object) => t.app.inject({ method: 'POST', url, headers: bearer(token), payload });
const quote = (code: string, token: string, payload: object) => post(`/api/v1/policies/${code}/quote`, token, payload);

describe('GET /api/v1/policies', () => {
  it('lists all 46 measures of version 1 for any signed-in user', async () => {
    const res = await get('/api/v1/policies', ent1);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.catalogueVersion).toBe(1);
    expect(body.effectiveFrom).toBe('2025-01-01');
    expect(body.items.map((m: { code: string }) => m.code)).toEqual(MEASURES.map((m) => m.code));
    expect(body.items.find((m: { code: string }) => m.code === 'M03')).toEqual(
      expect.objectContaining({ kind: 'award', lead: 'GXJ', items: [expect.objectContaining({ code: 'title', kind: 'award' })] }),
    );
  });

  it('filters by kind and by department (lead or co-department)', async () => {
    const awards = (await get('/api/v1/policies?kind=award', ent1)).json().items as Array<{ code: string; kind: string }>;
    expect(awards.map((m) => m.code)).toEqual(MEASURES.filter((m) => m.kind === 'award').map((m) => m.code));
    const gxjAwards = (await get('/api/v1/policies?kind=award&department=GXJ', reviewer)).json().items as Array<{ code: string; lead: string }>;
    // M05 is led by SCJ with GXJ as co-department.
    expect(gxjAwards.map((m) => m.code)).toEqual(expect.arrayContaining(['M03', 'M05', 'M09']));
    expect(gxjAwards.map((m) => m.code)).not.toContain('M04');
  });

  it('400 VALIDATION_FAILED for an unknown kind or department', async () => {
    const res = await get('/api/v1/policies?kind=grant&department=XYZ', ent1);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['querystring.kind', 'querystring.department']));
  });

  it('401 without a token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/policies' })).statusCode).toBe(401);
  });

  it('the endpoints are in the OpenAPI document', async () => {
    const paths = Object.keys((await t.app.inject({ method: 'GET', url: '/docs/json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/policies', '/api/v1/policies/{code}', '/api/v1/policies/{code}/quote', '/api/v1/policies/versions', '/api/v1/enterprises/{id}/matches']),
    );
  });
});

describe('GET /api/v1/policies/:code', () => {
  it('shows a measure with its item forms as JSON Schema, parameters, SLA profile and notes', async () => {
    const res = await get('/api/v1/policies/M12', ent1);
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m).toEqual(expect.objectContaining({ code: 'M12', catalogueVersion: 1, kind: 'award', lead: 'GXJ', sla: DEFAULT_SLA }));
    expect(m.notes.length).toBeGreaterThan(0);
    expect(m.parameters).toEqual([expect.objectContaining({ name: 'M12.extraRateBps', unit: 'bps', value: null })]);
    const form = m.items[0].form;
    expect(form.type).toBe('object');
    expect(Object.keys(form.properties)).toEqual(expect.arrayContaining(['supplierUpgradedToAboveScale', 'supplierOutputFen']));
    expect(form.required).toEqual(expect.arrayContaining(['supplierCreditCode', 'supplierOutputFen']));
    expect(form.properties.supplierOutputFen).toEqual(expect.objectContaining({ type: 'integer', minimum: 0 }));
  });

  it('404 UNKNOWN_POLICY listing the known codes', async () => {
    const res = await get('/api/v1/policies/M99', ent1);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('UNKNOWN_POLICY');
    expect(res.json().message).toContain('M01, M02');
    expect(res.json().message).toContain('M46');
  });

  it('404 NOT_FOUND for a version never published', async () => {
    const res = await get('/api/v1/policies/M03?version=99', ent1);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});

describe('POST /api/v1/policies/:code/quote', () => {
  it('M03: a national title granted this year → 300,000 yuan with its breakdown line', async () => {
    const res = await quote('M03', reviewer, { item: 'title', facts: { level: 'national', grantedYear: 2026, titleName: '专精特新小巨人' } });
    expect(res.statusCode).toBe(200);
    const q = res.json();
    expect(q).toEqual(expect.objectContaining({ policyCode: 'M03', item: 'title', catalogueVersion: 1, asOf: '2026-03-02', eligible: true, amountFen: yuan(300_000), pending: [] }));
    expect(q.breakdown).toEqual([expect.objectContaining({ amountFen: yuan(300_000), rule: '获国家级称号企业奖励30万元' })]);
  });

  it('M03: a title of last year is not eligible, with the reason', async () => {
    const q = (await quote('M03', reviewer, { item: 'title', facts: { level: 'provincial', grantedYear: 2025, titleName: '省级技术中心' } })).json();
    expect(q.eligible).toBe(false);
    expect(q.amountFen).toBe(0);
    expect(q.reasons[0]).toContain('当年度');
  });

  it('M09: 30% of 12,000 yuan is capped at 3,000 yuan per exhibition, the cap as its own line', async () => {
    const facts = { exhibitionName: '东北亚博览会', boothFeeFen: yuan(8_000), travelFen: yuan(3_000), lodgingFen: yuan(1_000), rateBps: 3000 };
    const q = (await quote('M09', ent1, { item: 'exhibition', facts, enterpriseId: ent1Id })).json();
    expect(q.amountFen).toBe(yuan(3_000));
    expect(q.breakdown.map((l: { amountFen: number }) => l.amountFen)).toEqual([yuan(3_600), -yuan(600)]);
    expect(q.period).toBe('东北亚博览会');
  });

  it('M11: the best single OEM decides; outputs at different OEMs do not add up', async () => {
    const facts = { oemOutputs: [{ oem: '一汽', outputFen: yuan(40_000_000) }, { oem: '中车', outputFen: yuan(40_000_000) }], outputYear: 2026 };
    const res = await quote('M11', reviewer, { item: 'oem-supply', facts, asOf: '2026-01-15' });
    const q = res.json();
    expect(res.statusCode).toBe(200);
    expect(q.eligible).toBe(false);
    expect(q.reasons.join(' ')).toContain('single OEM');
  });

  it('400 FACTS_INVALID naming each field of the facts that fails the form', async () => {
    const res = await quote('M03', ent1, { item: 'title', facts: { level: 'city', grantedYear: 'this year', colour: 'red' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('FACTS_INVALID');
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(
      ['body.facts.colour', 'body.facts.grantedYear', 'body.facts.level', 'body.facts.titleName'].sort(),
    );
  });

  it('400 FACTS_INVALID for negative money', async () => {
    const res = await quote('M14', ent1, { item: 'talent-event', facts: { eventName: '招聘会', eventCostFen: -1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('FACTS_INVALID');
    expect(res.json().issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.facts.eventCostFen' })]));
  });

  it('400 VALIDATION_FAILED for a date that is not a date and for an asOf before the first version', async () => {
    const bad = await quote('M03', ent1, { item: 'title', facts: {}, asOf: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    const early = await quote('M03', ent1, { item: 'title', facts: { level: 'national', grantedYear: 2024, titleName: 'x' }, asOf: '2024-06-30' });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toEqual(expect.objectContaining({ code: 'VALIDATION_FAILED', issues: [expect.objectContaining({ path: 'body.asOf' })] }));
    expect(early.json().message).toContain('2025-01-01');
  });

  it('404 UNKNOWN_POLICY listing the known codes', async () => {
    const res = await quote('M47', ent1, { item: 'title', facts: {} });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('UNKNOWN_POLICY');
    expect(res.json().details.known).toHaveLength(46);
  });

  it('404 UNKNOWN_POLICY_ITEM listing the measure’s items', async () => {
    const res = await quote('M19', ent1, { item: 'best-worker', facts: {} });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('UNKNOWN_POLICY_ITEM');
    expect(res.json().message).toContain('outstanding-entrepreneur, outstanding-rnd-talent');
  });

  it('an enterprise user quoting for another enterprise gets 404, never a quote', async () => {
    const res = await quote('M21', ent1, { item: 'listing', facts: { market: 'ipo' }, enterpriseId: ent2Id });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    expect(res.json()).not.toHaveProperty('amountFen');
  });

  it('once-only: an award granted to the enterprise makes a second one not eligible, with the reason', async () => {
    const before = (await quote('M21', ent1, { item: 'listing', facts: { market: 'neeq' } })).json();
    expect(before).toEqual(expect.objectContaining({ enterpriseId: ent1Id, eligible: true, amountFen: yuan(500_000) }));

    await t.tdb.db.prisma.awardGrant.create({
      data: {
        id: randomUUID(),
        enterpriseId: ent1Id,
        policyCode: 'M21',
        item: 'listing',
        limitKey: 'neeq',
        amountFen: BigInt(yuan(500_000)),
        caseId: 'SB-2026-000001',
        grantedAt: new Date('2026-01-10T02:00:00Z'),
      },
    });
    // The enterprise user's own enterprise is the default.
    const own = (await quote('M21', ent1, { item: 'listing', facts: { market: 'neeq' } })).json();
    expect(own).toEqual(expect.objectContaining({ eligible: false, amountFen: 0 }));
    expect(own.reasons[0]).toMatch(/Already awarded.*neeq/);
    // Staff quoting for that enterprise see the same; another market is still open.
    const staff = (await quote('M21', reviewer, { item: 'listing', facts: { market: 'neeq' }, enterpriseId: ent1Id })).json();
    expect(staff.eligible).toBe(false);
    const ipo = (await quote('M21', ent1, { item: 'listing', facts: { market: 'ipo' } })).json();
    expect(ipo).toEqual(expect.objectContaining({ eligible: true, amountFen: yuan(1_000_000) }));
    // Without an enterprise (staff), no limit applies.
    expect((await quote('M21', reviewer, { item: 'listing', facts: { market: 'neeq' } })).json().eligible).toBe(true);
  });
});

describe('catalogue versions', () => {
  const m12Facts = { supplierCreditCode: '91220400MA0Y8K2L3Y', supplierUpgradedToAboveScale: true, supplierOutputFen: yuan(25_000_000) };

  it('M12 under version 1: the extra part is pending and left out of the amount', async () => {
    const q = (await quote('M12', reviewer, { item: 'chain-recruitment', facts: m12Facts })).json();
    expect(q).toEqual(expect.objectContaining({ catalogueVersion: 1, eligible: true, amountFen: yuan(500_000), parameters: { 'M12.extraRateBps': null } }));
    expect(q.pending).toEqual([expect.objectContaining({ parameter: 'M12.extraRateBps' })]);
  });

  it('a reviewer may not publish: 403 FORBIDDEN', async () => {
    const res = await post('/api/v1/policies/versions', reviewer, { effectiveFrom: '2026-03-01', parameters: { 'M12.extraRateBps': 1000 }, note: 'x' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });

  it('400 VALIDATION_FAILED for a parameter out of range, an unknown parameter, an effectiveFrom before the current version’s', async () => {
    const cases: Array<[object, string]> = [
      [{ effectiveFrom: '2026-03-01', parameters: { 'M12.extraRateBps': 10001 }, note: 'too high' }, 'body.parameters.M12.extraRateBps'],
      [{ effectiveFrom: '2026-03-01', parameters: { 'M12.bonus': 5 }, note: 'unknown' }, 'body.parameters.M12.bonus'],
      [{ effectiveFrom: '2024-12-31', parameters: {}, note: 'too early' }, 'body.effectiveFrom'],
    ];
    for (const [payload, path] of cases) {
      const res = await post('/api/v1/policies/versions', admin, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().issues).toEqual([expect.objectContaining({ path })]);
    }
    expect((await get('/api/v1/policies/versions', admin)).json().items).toHaveLength(1);
  });

  it('an admin publishes version 2 (201), audited; the M12 pending part becomes an amount', async () => {
    const res = await post('/api/v1/policies/versions', admin, { effectiveFrom: '2026-03-01', parameters: { 'M12.extraRateBps': 1000 }, note: '实施细则: 额外奖励10%' });
    expect(res.statusCode).toBe(201);
    const v = res.json();
    expect(v).toEqual(expect.objectContaining({ version: 2, effectiveFrom: '2026-03-01', publishedBy: 'admin' }));
    expect(v.parameters).toEqual(expect.objectContaining({ 'M12.extraRateBps': 1000, 'M06.newSinceYear': 2025, 'M44.maxBufferMonths': null }));
    // This app runs without Temporal: the response says matching did not start.
    expect(v.matching).toEqual(expect.objectContaining({ workflowId: 'policy-matching-v2', started: false }));
    const trail = await t.tdb.repos.audit.listForSubject('catalogue', '2');
    expect(trail.map((r) => [r.action, r.actorUsername, r.outcome, r.reason])).toEqual([['catalogue.publish', 'admin', 'ok', '实施细则: 额外奖励10%']]);

    const q = (await quote('M12', reviewer, { item: 'chain-recruitment', facts: m12Facts })).json();
    expect(q).toEqual(expect.objectContaining({ catalogueVersion: 2, eligible: true, amountFen: yuan(1_000_000), pending: [], parameters: { 'M12.extraRateBps': 1000 } }));
    expect(q.breakdown.map((l: { amountFen: number }) => l.amountFen)).toEqual([yuan(500_000), yuan(500_000)]);
  });

  it('a quote dated before the new effectiveFrom still uses version 1', async () => {
    const q = (await quote('M12', reviewer, { item: 'chain-recruitment', facts: m12Facts, asOf: '2026-02-28' })).json();
    expect(q).toEqual(expect.objectContaining({ catalogueVersion: 1, amountFen: yuan(500_000) }));
    expect(q.pending).toHaveLength(1);
  });

  it('lists the versions and shows a measure under either; an earlier effectiveFrom than version 2’s is refused', async () => {
    const list = (await get('/api/v1/policies/versions', ent1)).json();
    expect(list.inEffect).toBe(2);
    expect(list.items.map((v: { version: number; effectiveFrom: string }) => [v.version, v.effectiveFrom])).toEqual([
      [1, '2025-01-01'],
      [2, '2026-03-01'],
    ]);
    const param = async (url: string) => (await get(url, ent1)).json().parameters[0].value;
    expect(await param('/api/v1/policies/M12')).toBe(1000);
    expect(await param('/api/v1/policies/M12?version=1')).toBeNull();

    const res = await post('/api/v1/policies/versions', admin, { effectiveFrom: '2026-02-01', parameters: {}, note: 'back-dated' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('on or after 2026-03-01');
  });
});

describe('GET /api/v1/enterprises/:id/matches', () => {
  it('lists likely items with estimated amounts and possible items with missing facts', async () => {
    const created = await post('/api/v1/enterprises', admin, {
      creditCode: '91330100799655058B',
      name: '辽源匹配测试有限公司',
      industry: 'C36 汽车制造业',
      aboveScale: true,
      profile: { titles: [{ level: 'national', name: '专精特新小巨人', grantedYear: 2026 }], listings: ['ipo'] },
    });
    expect(created.statusCode).toBe(201);
    const res = await get(`/api/v1/enterprises/${created.json().id}/matches`, reviewer);
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m).toEqual(expect.objectContaining({ catalogueVersion: 2, asOf: '2026-03-02' }));
    expect(m.likely).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ policyCode: 'M03', item: 'title', estimatedAmountFen: yuan(300_000) }),
        expect.objectContaining({ policyCode: 'M21', item: 'listing', estimatedAmountFen: yuan(1_000_000) }),
      ]),
    );
    expect(m.possible).toContainEqual(expect.objectContaining({ policyCode: 'M09', item: 'exhibition', missingFacts: expect.arrayContaining(['boothFeeFen']) }));
  });

  it('an enterprise user sees its own matches; another enterprise’s is 404', async () => {
    const own = await get(`/api/v1/enterprises/${ent1Id}/matches`, ent1);
    expect(own.statusCode).toBe(200);
    // ent1's demo profile states no fund investment: measure 26 is possible, with the facts it lacks
    // (its NEEQ listing is no M21 match: the award was granted above).
    expect(own.json().likely.map((l: { policyCode: string }) => l.policyCode)).not.toContain('M21');
    expect(own.json().possible).toContainEqual({ policyCode: 'M26', item: 'fund-investment', missingFacts: ['fund', 'investmentFen', 'investmentYear'] });
    const other = await get(`/api/v1/enterprises/${ent2Id}/matches`, ent1);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('NOT_FOUND');
  });
});
