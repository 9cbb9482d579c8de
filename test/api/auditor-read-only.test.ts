// Scope: an auditor reads everything and changes nothing. The routes come from the app itself
// (Fastify's onRoute hook), so a route added later is checked without editing this test: every
// route with a mutating method answers 403 to the auditor, unless it is the sign-in or says it
// changes nothing (`config.changesNothing`, listed here so an exemption is a deliberate change).
import type { RouteOptions } from 'fastify';
import { bearer, createTestApi, type TestApi } from '../support/app';
import { pathOf } from '../support/route-paths';

const MUTATING = ['POST', 'PUT', 'PATCH', 'DELETE'];
/** Routes with a mutating method an auditor may call: the sign-in (outside the protected scope) and writes-nothing calculations. */
// The sign-in, and reads that take a body or leave their own audit record (a quote, a replay).
const EXEMPT = ['POST /api/v1/auth/login', 'POST /api/v1/cases/:caseId/replay', 'POST /api/v1/policies/:code/quote'];

let t: TestApi;
const routes: Array<{ method: string; url: string; changesNothing: boolean }> = [];
let auditor: string;

beforeAll(async () => {
  t = await createTestApi({
    onRoute: (r: RouteOptions) => {
      for (const method of [r.method].flat()) routes.push({ method, url: r.url, changesNothing: r.config?.changesNothing === true });
    },
  });
  auditor = await t.login('auditor');
});
afterAll(async () => t?.close());


describe('an auditor changes nothing', () => {
  it('gets 403 from every mutating route of the app', async () => {
    const mutating = routes.filter((r) => MUTATING.includes(r.method));
    // The enumeration found the app's routes (acts on all three case types, supervisor acts, admin acts).
    expect(mutating.length).toBeGreaterThan(40);
    expect(mutating.filter((r) => r.changesNothing).map((r) => `${r.method} ${r.url}`)).toEqual(EXEMPT.filter((e) => e !== 'POST /api/v1/auth/login'));
    const answers: string[] = [];
    for (const r of mutating.filter((m) => !EXEMPT.includes(`${m.method} ${m.url}`))) {
      const res = await t.app.inject({ method: r.method as 'POST', url: pathOf(r.url), headers: bearer(auditor), payload: {} });
      answers.push(`${r.method} ${r.url} ${res.statusCode} ${res.json().code}`);
    }
    expect(answers.filter((a) => !a.endsWith(' 403 FORBIDDEN'))).toEqual([]);
    // Nothing was written on the auditor's behalf but the sign-in.
    const records = await t.tdb.repos.audit.list({ limit: 1000 });
    expect(records.filter((a) => a.actorUsername === 'auditor').map((a) => a.action)).toEqual(['auth.login']);
  });

  it('still reads: the case search, the inbox (empty: nothing waits on an auditor), the audit log, and may quote', async () => {
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: bearer(auditor) });
    expect((await get('/api/v1/cases')).statusCode).toBe(200);
    expect((await get('/api/v1/inbox')).json()).toEqual({ items: [], nextCursor: null });
    expect((await get('/api/v1/audit?limit=5')).statusCode).toBe(200);
    const quote = await t.app.inject({ method: 'POST', url: '/api/v1/policies/M2/quote', headers: bearer(auditor), payload: {} });
    expect(quote.statusCode).not.toBe(403);
  });
});
