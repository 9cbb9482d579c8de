// External policies (measure 1 beyond the 46) through the API without Temporal: publication by
// GXJ staff (validated criteria, audited; the answer says matching did not start), revision,
// reading, and scope per role. Matching and push through the workflow: test/workflows/policy-matching.test.ts.
import { bearer, createTestApi, type TestApi } from '../support/app';

let t: TestApi;
let staff: string;
let ent1: string;
let ent1Id: string;
let ent2Id: string;

const body = {
  source: { issuingAuthority: '工业和信息化部', documentNumber: '工信部企业〔2026〕3号', issuedOn: '2026-01-15', level: 'national' },
  title: '专精特新中小企业梯度培育支持',
  summary: '对专精特新中小企业给予梯度培育支持',
  validFrom: '2026-02-01',
  validUntil: '2026-12-31',
  category: 'innovation',
  criteria: { any: [{ fact: 'titleKinds', op: 'has', value: 'industry-it' }, { fact: 'employees', op: 'gte', value: 100 }] },
};

beforeAll(async () => {
  t = await createTestApi();
  t.clock.now = new Date('2026-03-02T02:00:00Z');
  [staff, ent1] = await Promise.all([t.login('gxj.reviewer'), t.login('ent1')]);
  ent1Id = (await t.tdb.repos.users.findByUsername('ent1'))?.enterpriseId ?? '';
  ent2Id = (await t.tdb.repos.users.findByUsername('ent2'))?.enterpriseId ?? '';
});
afterAll(async () => t?.close());

const post = (url: string, token: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) });
const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) });

it('GXJ staff publish a policy: stored as version 1, audited; without Temporal the answer says matching did not start', async () => {
  const res = await post('/api/v1/external-policies', staff, body);
  expect(res.statusCode).toBe(201);
  const p = res.json();
  expect(p).toEqual(expect.objectContaining({ version: 1, inEffect: true, category: 'innovation', validUntil: '2026-12-31', source: expect.objectContaining({ level: 'national', url: null }) }));
  expect(p.matching).toEqual(expect.objectContaining({ workflowId: `policy-matching-external-${p.id}-v1`, started: false }));
  expect(p.criteria).toEqual(body.criteria);
  const revised = await t.app.inject({ method: 'PUT', url: `/api/v1/external-policies/${p.id}`, headers: bearer(staff), payload: { ...body, title: '专精特新梯度培育(修订)' } });
  expect(revised.json()).toEqual(expect.objectContaining({ version: 2, title: '专精特新梯度培育(修订)' }));
  const audit = await t.tdb.repos.audit.list({ limit: 1000 });
  expect(audit.filter((a) => a.subjectId === p.id).map((a) => [a.action, a.actorUsername])).toEqual([
    ['external_policy.publish', 'gxj.reviewer'],
    ['external_policy.revise', 'gxj.reviewer'],
  ]);
  expect((await get('/api/v1/external-policies?inEffect=true', await t.login('supervisor'))).json().items.map((i: { id: string }) => i.id)).toEqual([p.id]);
});

it('400 naming the field for criteria that are not the rule format, a period backwards, an unknown category', async () => {
  const bad = await post('/api/v1/external-policies', staff, { ...body, criteria: { fact: 'employees', op: 'has', value: 'many' } });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().issues.map((i: { path: string }) => i.path).join(' ')).toContain('body.criteria');
  const backwards = await post('/api/v1/external-policies', staff, { ...body, validFrom: '2026-12-01', validUntil: '2026-01-01' });
  expect(backwards.statusCode).toBe(400);
  expect((await post('/api/v1/external-policies', staff, { ...body, category: 'tourism' })).statusCode).toBe(400);
  expect(await t.tdb.db.prisma.externalPolicy.count()).toBe(1);
});

it('only GXJ staff publish: enterprises, other departments, agents, auditors and buyers are refused', async () => {
  for (const who of ['ent1', 'scj.reviewer', 'agent1', 'auditor', 'buyer1']) {
    const res = await post('/api/v1/external-policies', await t.login(who), body);
    expect(`${who} ${res.statusCode}`).toBe(`${who} 403`);
  }
  const [p] = await t.tdb.db.prisma.externalPolicy.findMany();
  expect((await post(`/api/v1/external-policies/${p?.id}/publish`, ent1)).statusCode).toBe(403);
  expect((await post(`/api/v1/external-policies/${p?.id}/publish`, await t.login('auditor'))).statusCode).toBe(403);
});

it('enterprises read their own matches, not the list, not another enterprise’s; staff see who was notified', async () => {
  expect((await get('/api/v1/external-policies', ent1)).statusCode).toBe(403);
  expect((await get(`/api/v1/enterprises/${ent1Id}/external-policies`, ent1)).json()).toEqual({ items: [] });
  expect((await get(`/api/v1/enterprises/${ent2Id}/external-policies`, ent1)).statusCode).toBe(404);
  const [p] = await t.tdb.db.prisma.externalPolicy.findMany();
  expect((await get(`/api/v1/external-policies/${p?.id}/notifications`, ent1)).statusCode).toBe(403);
  expect((await get(`/api/v1/external-policies/${p?.id}/notifications`, staff)).json()).toEqual({ items: [] });
  expect((await get('/api/v1/external-policies/00000000-0000-4000-8000-000000000000', staff)).statusCode).toBe(404);
});

it('the routes and the criteria schema are in the OpenAPI document', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      '/api/v1/external-policies',
      '/api/v1/external-policies/{id}',
      '/api/v1/external-policies/{id}/publish',
      '/api/v1/external-policies/{id}/notifications',
      '/api/v1/enterprises/{id}/external-policies',
      '/api/v1/enterprises/{id}/profile',
      '/api/v1/product-catalogue',
      '/api/v1/idle-assets',
    ]),
  );
});
