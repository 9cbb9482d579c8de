// Scope: a buyer account (measure 10) reads the product catalogue and nothing else. The routes
// come from the app itself, so a route added later is checked without editing this test: every
// protected route not marked `config.buyerMay` answers 403 to a buyer, whatever its method.
import type { RouteOptions } from 'fastify';
import { bearer, createTestApi, type TestApi } from '../support/app';
import { pathOf } from '../support/route-paths';

/** The routes a buyer may reach (a deliberate list: a new one is a change of this file). */
const BUYER_ROUTES = [
  'GET /api/v1/me',
  'GET /api/v1/notifications',
  'POST /api/v1/notifications/:id/read',
  'GET /api/v1/product-catalogue',
  'GET /api/v1/product-catalogue/subscriptions',
  'PUT /api/v1/product-catalogue/subscriptions',
];
/** Outside the protected scope: no token needed, so no role rule. */
const OPEN = /^(GET|HEAD) \/(livez|readyz|health|docs)|^POST \/api\/v1\/auth\/login$|^(GET|HEAD) \/metrics/;

let t: TestApi;
const routes: Array<{ method: string; url: string; buyerMay: boolean }> = [];
let buyer: string;

beforeAll(async () => {
  t = await createTestApi({
    onRoute: (r: RouteOptions) => {
      for (const method of [r.method].flat()) routes.push({ method, url: r.url, buyerMay: r.config?.buyerMay === true });
    },
  });
  buyer = await t.login('buyer1');
});
afterAll(async () => t?.close());


it('gets 403 from every protected route not marked for buyers', async () => {
  const api = routes.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && !OPEN.test(`${r.method} ${r.url}`));
  expect(api.length).toBeGreaterThan(80);
  expect(api.filter((r) => r.buyerMay).map((r) => `${r.method} ${r.url}`).sort()).toEqual([...BUYER_ROUTES].sort());
  const answers: string[] = [];
  for (const r of api.filter((m) => !m.buyerMay)) {
    const res = await t.app.inject({ method: r.method as 'GET', url: pathOf(r.url), headers: bearer(buyer), ...(r.method === 'GET' ? {} : { payload: {} }) });
    answers.push(`${r.method} ${r.url} ${res.statusCode}`);
  }
  expect(answers.filter((a) => !a.endsWith(' 403'))).toEqual([]);
});

it('reads the catalogue, its account and its notifications', async () => {
  for (const url of ['/api/v1/me', '/api/v1/notifications', '/api/v1/product-catalogue']) {
    expect((await t.app.inject({ method: 'GET', url, headers: bearer(buyer) })).statusCode).toBe(200);
  }
  expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(buyer) })).json()).toEqual(expect.objectContaining({ role: 'buyer', departmentCode: null, enterpriseId: null }));
});

it('an administrator creates buyer accounts; one with a department is refused', async () => {
  const admin = await t.login('admin');
  const create = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(admin), payload });
  const ok = await create({ username: 'soe.buyer', displayName: '市属国企采购', password: 'a-long-password-1', role: 'buyer' });
  expect(ok.statusCode).toBe(201);
  const bad = await create({ username: 'dept.buyer', displayName: 'x', password: 'a-long-password-1', role: 'buyer', departmentCode: 'GXJ' });
  expect(bad.statusCode).toBe(400);
});
