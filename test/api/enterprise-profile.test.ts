// The enterprise profile through the API: the demo profile as seeded (stated facts with their
// statements), PUT by the enterprise (validated, restated per changed fact, audited), staff
// verifying, and scope: enterprise A cannot read or edit B's profile, auditors and buyers change nothing.
import { bearer, createTestApi, type TestApi } from '../support/app';

let t: TestApi;
let ent1: string;
let ent1Id: string;
let ent2Id: string;

beforeAll(async () => {
  t = await createTestApi();
  t.clock.now = new Date('2026-03-02T02:00:00Z');
  ent1 = await t.login('ent1');
  ent1Id = (await t.tdb.repos.users.findByUsername('ent1'))?.enterpriseId ?? '';
  ent2Id = (await t.tdb.repos.users.findByUsername('ent2'))?.enterpriseId ?? '';
});
afterAll(async () => t?.close());

const url = (id: string) => `/api/v1/enterprises/${id}/profile`;
const put = (id: string, token: string, payload: object) => t.app.inject({ method: 'PUT', url: url(id), headers: bearer(token), payload });

it('the demo profile is stated facts, each with who stated it and when', async () => {
  const res = await t.app.inject({ method: 'GET', url: url(ent1Id), headers: bearer(ent1) });
  expect(res.statusCode).toBe(200);
  const p = res.json();
  expect(p.facts).toEqual(expect.objectContaining({ industryCode: 'C34', region: '220402', listings: ['neeq'] }));
  expect(p.statements.region).toEqual(expect.objectContaining({ by: 'seed', role: 'admin' }));
  expect(Object.keys(p.statements).sort()).toEqual([...Object.keys(p.facts), 'aboveScale'].sort());
});

it('the enterprise replaces its facts: changed ones stated by it now, unchanged ones keep theirs; audited', async () => {
  const before = (await t.app.inject({ method: 'GET', url: url(ent1Id), headers: bearer(ent1) })).json();
  const facts = { ...before.facts, employees: 250, madridRegistrations: [{ registrationNo: '1701234', year: 2026 }] };
  const res = await put(ent1Id, ent1, { facts });
  expect(res.statusCode).toBe(200);
  const p = res.json();
  expect(p.facts.employees).toBe(250);
  expect(p.statements.employees).toEqual({ by: 'ent1', role: 'enterprise', at: '2026-03-02T02:00:00.000Z' });
  expect(p.statements.madridRegistrations).toEqual({ by: 'ent1', role: 'enterprise', at: '2026-03-02T02:00:00.000Z' });
  expect(p.statements.region).toEqual(before.statements.region);
  const audit = await t.tdb.repos.audit.list({ limit: 1000 });
  expect(audit.filter((a) => a.action === 'enterprise.profile').map((a) => a.payload)).toEqual([{ changed: ['employees', 'madridRegistrations'] }]);
  // The matcher reads the new facts: the Madrid registration of 2026 is a likely M07 item.
  const matches = await t.app.inject({ method: 'GET', url: `/api/v1/enterprises/${ent1Id}/matches`, headers: bearer(ent1) });
  expect(matches.json().likely).toContainEqual(expect.objectContaining({ policyCode: 'M07', item: 'madrid-trademark' }));
});

it('staff verifying a fact state it under their name', async () => {
  const reviewer = await t.login('gxj.reviewer');
  const before = (await t.app.inject({ method: 'GET', url: url(ent2Id), headers: bearer(reviewer) })).json();
  const res = await put(ent2Id, reviewer, { aboveScale: true, facts: { ...before.facts, stableOperationMonths: 31 } });
  expect(res.statusCode).toBe(200);
  expect(res.json().statements.stableOperationMonths).toEqual(expect.objectContaining({ by: 'gxj.reviewer', role: 'reviewer' }));
  expect(res.json().statements.aboveScale).toEqual(before.statements.aboveScale);
});

it('400 naming the field for a fact that does not fit, or one the profile does not know', async () => {
  const bad = await put(ent1Id, ent1, { facts: { region: 'Longshan', employees: -1 } });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['body.facts.region', 'body.facts.employees']));
  expect((await put(ent1Id, ent1, { facts: { favouriteColour: 'red' } })).statusCode).toBe(400);
});

it('enterprise A cannot read or edit B’s profile (404); auditors and buyers are refused (403)', async () => {
  expect((await put(ent2Id, ent1, { facts: {} })).statusCode).toBe(404);
  expect((await t.app.inject({ method: 'GET', url: url(ent2Id), headers: bearer(ent1) })).statusCode).toBe(404);
  expect((await put(ent1Id, await t.login('auditor'), { facts: {} })).statusCode).toBe(403);
  const buyer = await t.login('buyer1');
  expect((await put(ent1Id, buyer, { facts: {} })).statusCode).toBe(403);
  expect((await t.app.inject({ method: 'GET', url: url(ent1Id), headers: bearer(buyer) })).statusCode).toBe(403);
  expect((await put(ent1Id, await t.login('agent1'), { facts: {} })).statusCode).toBe(403);
  // B's profile is as it was.
  expect((await t.tdb.repos.enterprises.findById(ent2Id))?.profile).toEqual(expect.objectContaining({ stableOperationMonths: 31 }));
});
