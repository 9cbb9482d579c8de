// Regressions of what `npm run fuzz` (scripts/fuzz-api.sh, Schemathesis against /docs/json) found.
// Each case is a request Schemathesis generated, reduced to its point.
//
// 1. Integers in paths and query strings were read by z.coerce.number(), which takes '' and ' '
//    for 0 and also reads '0x10', '1e1', '+5' and '4.0': `GET /api/v1/notifications?offset=`
//    answered 200 as offset 0 (negative_data_rejection, ST201). Now a decimal integer or 400.
import { bearer, createTestApi, type TestApi } from '../support/app';

let t: TestApi;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApi();
  for (const u of ['admin', 'ent1', 'supervisor', 'auditor']) tokens[u] = await t.login(u);
});
afterAll(async () => t.close());

describe('integers in paths and query strings are decimal integers', () => {
  const refused: Array<{ name: string; user: string; url: string; path: string }> = [
    { name: 'an empty offset (the Schemathesis case)', user: 'ent1', url: '/api/v1/notifications?limit=78&unread=false&offset=', path: 'querystring.offset' },
    { name: 'a blank offset', user: 'admin', url: '/api/v1/applications?offset=%20', path: 'querystring.offset' },
    { name: 'a hexadecimal limit', user: 'admin', url: '/api/v1/applications?limit=0x10', path: 'querystring.limit' },
    { name: 'an exponent offset', user: 'admin', url: '/api/v1/enterprises?offset=1e1', path: 'querystring.offset' },
    { name: 'a signed escalation level', user: 'supervisor', url: '/api/v1/escalations?level=%2B1', path: 'querystring.level' },
    { name: 'a fractional audit limit', user: 'auditor', url: '/api/v1/audit?limit=5.0', path: 'querystring.limit' },
    { name: 'a hexadecimal calendar year (path)', user: 'admin', url: '/api/v1/calendar/0x7e9', path: 'params.year' },
    { name: 'a hexadecimal budget year (path)', user: 'admin', url: '/api/v1/budgets/0x7e9', path: 'params.year' },
    { name: 'an exponent of working days', user: 'admin', url: '/api/v1/calendar/deadline?from=2025-03-03T00:00:00Z&workingDays=1e1', path: 'querystring.workingDays' },
    { name: 'a hexadecimal catalogue version', user: 'ent1', url: '/api/v1/policies?version=0x1', path: 'querystring.version' },
  ];

  it.each(refused)('$name → 400 VALIDATION_FAILED naming $path', async (c) => {
    const res = await t.app.inject({ method: 'GET', url: c.url, headers: bearer(tokens[c.user]!) });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.issues.map((i: { path: string }) => i.path)).toContain(c.path);
  });

  const accepted: Array<{ name: string; user: string; url: string }> = [
    { name: 'a decimal offset and limit', user: 'ent1', url: '/api/v1/notifications?limit=78&unread=false&offset=0' },
    { name: 'no offset at all (the default)', user: 'ent1', url: '/api/v1/notifications?limit=5' },
    { name: 'a decimal calendar year', user: 'admin', url: '/api/v1/calendar/2025' },
    { name: 'decimal working days', user: 'admin', url: '/api/v1/calendar/deadline?from=2025-03-03T00:00:00Z&workingDays=10' },
    { name: 'a decimal escalation level', user: 'supervisor', url: '/api/v1/escalations?level=1&limit=10' },
  ];

  it.each(accepted)('$name → 200', async (c) => {
    const res = await t.app.inject({ method: 'GET', url: c.url, headers: bearer(tokens[c.user]!) });
    expect(res.statusCode).toBe(200);
  });

  it('the OpenAPI document still states integers with their bounds and defaults', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const params = doc.paths['/api/v1/notifications'].get.parameters as Array<{ name: string; schema: Record<string, unknown> }>;
    expect(params.find((p) => p.name === 'offset')?.schema).toMatchObject({ type: 'integer', minimum: 0, default: 0 });
    expect(params.find((p) => p.name === 'limit')?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 200, default: 50 });
  });
});
