// Regressions of what `npm run fuzz` (scripts/fuzz-api.sh, Schemathesis against /docs/json) found.
// Each case is a request Schemathesis generated, reduced to its point.
//
// 1. Integers in paths and query strings were read by z.coerce.number(), which takes '' and ' '
//    for 0 and also reads '0x10', '1e1', '+5' and '4.0': `GET /api/v1/notifications?offset=`
//    answered 200 as offset 0 (negative_data_rejection, ST201). Now a decimal integer or 400.
// 2. Answers of a media type the OpenAPI document did not declare for that status (ST105): the
//    dossier PDF's route said `produces: application/pdf`, which also claimed its JSON errors were
//    PDF; the reports and lists answered text/csv under a 200 declared as application/json only.
// 3. An upload that is not multipart/form-data with a boundary: a 500 from the parser, now a 400.
import { bearer, createTestApi, type TestApi } from '../support/app';
import { DOCUMENT_TYPES } from '../../domain/document';

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

describe('every answer is of a media type the OpenAPI document declares for its status', () => {
  const declared = async (path: string, status: string): Promise<string[]> => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    return Object.keys(doc.paths[path].get.responses[status].content);
  };

  it('no error answer anywhere is declared as anything but JSON', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const wrong: string[] = [];
    for (const [path, ops] of Object.entries<Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          const types = Object.keys(response.content ?? {});
          if (Number(status) >= 400 && types.join() !== 'application/json') wrong.push(`${method} ${path} ${status}: ${types.join()}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("the dossier PDF's 404 is JSON and declared so; its 200 is declared application/pdf", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/cases/SB-2099-999999/dossier.pdf', headers: bearer(tokens['auditor']!) });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(await declared('/api/v1/cases/{caseId}/dossier.pdf', '404')).toEqual(['application/json']);
    expect(await declared('/api/v1/cases/{caseId}/dossier.pdf', '200')).toEqual(['application/pdf']);
  });

  it.each([
    ['/api/v1/reports/funds', '/api/v1/reports/funds?year=2026', 'admin'],
    ['/api/v1/reports/sla', '/api/v1/reports/sla?from=2026-01-01&to=2026-12-31', 'supervisor'],
    ['/api/v1/reports/appeals', '/api/v1/reports/appeals?from=2026-01-01&to=2026-12-31&format=csv', 'supervisor'],
    ['/api/v1/inbox', '/api/v1/inbox', 'ent1'],
  ])('%s answers text/csv on request, and declares it beside JSON', async (path, url, user) => {
    const res = await t.app.inject({ method: 'GET', url, headers: { ...bearer(tokens[user]!), accept: 'text/csv' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(await declared(path, '200')).toEqual(['application/json', 'text/csv']);
    const json = await t.app.inject({ method: 'GET', url: url.replace('&format=csv', ''), headers: bearer(tokens[user]!) });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
  });

  it('the document download declares every media type a document can have', async () => {
    expect((await declared('/api/v1/documents/{id}', '200')).sort()).toEqual(Object.keys(DOCUMENT_TYPES).sort());
  });

  it('an upload that is not multipart/form-data is 400 DOCUMENT_MISSING, not a parser error', async () => {
    for (const headers of [{ 'content-type': 'application/json' }, { 'content-type': 'multipart/form-data' }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: { ...bearer(tokens['ent1']!), ...headers }, payload: '{}' });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('DOCUMENT_MISSING');
    }
  });
});
