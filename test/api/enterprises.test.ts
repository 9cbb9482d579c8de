// Registering and reading enterprises, with the 统一社会信用代码 checked at the edge.
import { bearer, createTestApi, type TestApi } from '../support/app';

let t: TestApi;
let admin: string;
beforeAll(async () => {
  t = await createTestApi();
  admin = await t.login('admin');
});
afterAll(async () => {
  await t.close();
});

const valid = {
  creditCode: '91350100M000100Y43',
  name: '辽源测试纺织有限公司',
  industry: 'C17 纺织业',
  aboveScale: true,
  profile: { annualRevenueFen: 5_000_000_000, titles: [{ level: 'provincial', name: '吉林省专精特新中小企业', grantedYear: 2026 }] },
};

describe('POST /api/v1/enterprises', () => {
  it('registers an enterprise with a valid code (201) and audits it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/enterprises', headers: bearer(admin), payload: valid });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual(expect.objectContaining({ creditCode: valid.creditCode, name: valid.name, aboveScale: true }));
    expect(body.profile.titles).toHaveLength(1);
    const trail = await t.tdb.repos.audit.listForSubject('enterprise', body.id);
    expect(trail.map((r) => [r.action, r.actorUsername, r.outcome])).toEqual([['enterprise.register', 'admin', 'ok']]);
  });

  it('accepts a code typed in lower case with spaces and stores it normalised', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(admin),
      payload: { ...valid, creditCode: ' 9144030071526726xg ', name: '大小写测试公司' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().creditCode).toBe('9144030071526726XG');
  });

  it('refuses a wrong check character with 400 INVALID_CREDIT_CODE saying which character is expected', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(admin),
      payload: { ...valid, creditCode: '91350100M000100Y44' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INVALID_CREDIT_CODE');
    expect(res.json().message).toContain("requires '3'");
    expect(res.json().issues).toEqual([expect.objectContaining({ path: 'body.creditCode' })]);
  });

  it('refuses a code of the wrong length and one with a forbidden letter', async () => {
    for (const creditCode of ['91350100M000100Y4', '91350100M000100O43']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/enterprises', headers: bearer(admin), payload: { ...valid, creditCode } });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('INVALID_CREDIT_CODE');
    }
  });

  it('409 ALREADY_EXISTS for a second registration of the same code, naming the existing id', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/enterprises', headers: bearer(admin), payload: valid });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('ALREADY_EXISTS');
    expect(res.json().details.enterpriseId).toEqual(expect.any(String));
  });

  it('400 VALIDATION_FAILED naming every bad field (negative revenue, unknown field)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(admin),
      payload: { ...valid, creditCode: '91330100799655058B', aboveScale: 'yes', profile: { annualRevenueFen: -1 }, extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().issues as Array<{ path: string }>).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.aboveScale', 'body.profile.annualRevenueFen']));
  });

  it('400 for an id that is not a UUID, 404 for an unknown one', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/enterprises/abc', headers: bearer(admin) })).statusCode).toBe(400);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/enterprises/00000000-0000-4000-8000-000000000000', headers: bearer(admin) });
    expect(res.statusCode).toBe(404);
  });

  it('staff list enterprises; an enterprise user may not', async () => {
    const reviewer = await t.login('gxj.reviewer');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/enterprises?limit=10', headers: bearer(reviewer) });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThanOrEqual(3);
    const ent = await t.login('ent1');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/enterprises', headers: bearer(ent) })).statusCode).toBe(403);
  });
});
