// Text at the edge (issue 17, findings 1 and 2): input a user can send never reaches the database
// with a character PostgreSQL refuses, nor JSON nested beyond reason. Each of these answered 500
// before the shared guard; now each is a 400 with a code and the path of the offending value,
// and the refused request leaves nothing behind.
import { bearer, createTestApi, type TestApi } from '../support/app';

let t: TestApi;
const tokens: Record<string, string> = {};
let ent1Id: string;
beforeAll(async () => {
  t = await createTestApi();
  for (const u of ['admin', 'ent1', 'gxj.reviewer', 'auditor']) tokens[u] = await t.login(u);
  ent1Id = (await t.tdb.repos.users.findByUsername('ent1'))!.enterpriseId!;
});
afterAll(async () => t.close());

/** JSON text of an object nested `levels` deep (built as text: JSON.stringify itself overflows at 10,000). */
const nested = (levels: number): string => `${'{"a":'.repeat(levels)}"leaf"${'}'.repeat(levels)}`;

const notice = (name: string) => ({
  document: '国办发明电〔2098〕1号',
  title: '国务院办公厅关于2099年部分节假日安排的通知',
  issued: '2098-11-01',
  urls: [],
  holidays: [{ name, start: '2099-01-01', end: '2099-01-01', days: 1 }],
  makeupWorkdays: [],
});

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  url: () => string;
  user: string | null;
  /** A value, or JSON text as sent. */
  payload?: () => unknown;
  code: string;
  path: string;
}

const cases: Case[] = [
  { name: 'NUL in the login username (no token needed)', method: 'POST', url: () => '/api/v1/auth/login', user: null, payload: () => ({ username: 'ad\u0000min', password: 'whatever-123' }), code: 'INVALID_TEXT', path: 'body.username' },
  { name: 'NUL in an audit query parameter', method: 'GET', url: () => '/api/v1/audit?subjectType=case&subjectId=SB%00', user: 'auditor', code: 'INVALID_TEXT', path: 'query.subjectId' },
  { name: 'NUL in a calendar text', method: 'PUT', url: () => '/api/v1/calendar/2099', user: 'admin', payload: () => notice('元\u0000旦'), code: 'INVALID_TEXT', path: 'body.holidays.0.name' },
  { name: 'NUL in application facts', method: 'POST', url: () => '/api/v1/applications', user: 'ent1', payload: () => ({ policyCode: 'M09', item: 'exhibition', facts: { exhibitionName: '东北亚\u0000博览会' }, documentIds: [] }), code: 'INVALID_TEXT', path: 'body.facts.exhibitionName' },
  { name: 'NUL in a fact key', method: 'POST', url: () => '/api/v1/applications', user: 'ent1', payload: () => ({ policyCode: 'M09', item: 'exhibition', facts: { 'a\u0000': 1 }, documentIds: [] }), code: 'INVALID_TEXT', path: 'body.facts' },
  { name: "NUL in a quote's code (path)", method: 'POST', url: () => '/api/v1/policies/M0%00/quote', user: 'ent1', payload: () => ({ item: 'exhibition', facts: {} }), code: 'INVALID_TEXT', path: 'params.code' },
  { name: "NUL in a quote's item", method: 'POST', url: () => '/api/v1/policies/M09/quote', user: 'ent1', payload: () => ({ item: 'exhi\u0000bition', facts: {} }), code: 'INVALID_TEXT', path: 'body.item' },
  { name: 'NUL in a bank-account name', method: 'PUT', url: () => `/api/v1/enterprises/${ent1Id}/bank-account`, user: 'ent1', payload: () => ({ accountName: '辽源\u0000', accountNo: '6222021234567890123', bankName: '中国工商银行辽源分行' }), code: 'INVALID_TEXT', path: 'body.accountName' },
  { name: 'a lone surrogate in an enterprise name', method: 'POST', url: () => '/api/v1/enterprises', user: 'admin', payload: () => ({ creditCode: '91350100M000100Y43', name: '企业\ud800', industry: 'C', aboveScale: false }), code: 'INVALID_TEXT', path: 'body.name' },
  { name: 'the escape character in a quote fact', method: 'POST', url: () => '/api/v1/policies/M09/quote', user: 'ent1', payload: () => ({ item: 'exhibition', facts: { exhibitionName: 'x\u001b[31m' } }), code: 'INVALID_TEXT', path: 'body.facts.exhibitionName' },
  { name: 'facts nested 3,000 levels', method: 'POST', url: () => '/api/v1/applications', user: 'ent1', payload: () => `{"policyCode":"M09","item":"exhibition","facts":${nested(3000)},"documentIds":[]}`, code: 'INPUT_TOO_DEEP', path: 'body.facts' },
  { name: 'a quote nested 10,000 levels', method: 'POST', url: () => '/api/v1/policies/M09/quote', user: 'ent1', payload: () => `{"item":"exhibition","facts":${nested(10_000)}}`, code: 'INPUT_TOO_DEEP', path: 'body.facts' },
];

it.each(cases)('$name → 400 $code naming $path', async (c) => {
  const auditBefore = await t.tdb.repos.audit.list({ limit: 500 });
  const res = await t.app.inject({
    method: c.method,
    url: c.url(),
    headers: c.user ? bearer(tokens[c.user]!) : {},
    ...(c.payload ? { payload: ((p) => (typeof p === 'string' ? p : JSON.stringify(p)))(c.payload()), headers: { ...(c.user ? bearer(tokens[c.user]!) : {}), 'content-type': 'application/json' } } : {}),
  });
  expect(res.statusCode).toBe(400);
  const body = res.json();
  expect(body.code).toBe(c.code);
  expect(body.issues[0].path.startsWith(c.path)).toBe(true);
  expect(body.message).not.toMatch(/\n\s+at /);
  // Refused at the edge: nothing written, not even a refused-login record with the bad name.
  expect((await t.tdb.repos.audit.list({ limit: 500 })).length).toBe(auditBefore.length);
});

it('tabs and line breaks in text are accepted where text is free (an enterprise name with a newline reaches its schema)', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/policies/M09/quote', headers: bearer(tokens.ent1!), payload: { item: 'exhibition', facts: { exhibitionName: '东北亚博览会\n第二行\t', boothFeeFen: 100, travelFen: 0, lodgingFen: 0, rateBps: 1000 } } });
  expect(res.statusCode).toBe(200);
});

it('after the refusals the system answers as before: login works, the audit chain verifies', async () => {
  expect(await t.login('ent1')).toEqual(expect.any(String));
  const verify = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: bearer(tokens.auditor!) });
  expect(verify.statusCode).toBe(200);
  expect(verify.json().ok).toBe(true);
});
