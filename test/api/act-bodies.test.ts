// The act routes take their bodies from domain/application/acts.ts, the schemas the workflow's
// act type is checked against: each route publishes its act's schema in the OpenAPI document and
// refuses a body that does not fit it with a 400 naming the field, before anything is read.
import { APPLICATION_ACT_REQUEST_BODIES, APPLICATION_ACT_NAMES } from '../../domain/application/acts';
import { bearer, createTestApi, type TestApi } from '../support/app';

let t: TestApi;
let reviewer: string;
beforeAll(async () => {
  t = await createTestApi();
  reviewer = await t.login('gxj.reviewer');
});
afterAll(async () => t?.close());

interface BodySchema {
  properties?: Record<string, unknown>;
  required?: string[];
  additionalProperties?: unknown;
}

// The domain's request schema: the workflow's body, with documents named by upload id (补正).
it.each(APPLICATION_ACT_NAMES)('POST …/%s publishes the domain schema of its body', async (name) => {
  const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
  const body = doc.paths[`/api/v1/applications/{caseId}/${name}`].post.requestBody.content['application/json'].schema as BodySchema;
  const shape = APPLICATION_ACT_REQUEST_BODIES[name].shape;
  expect(Object.keys(body.properties ?? {}).sort()).toEqual(Object.keys(shape).sort());
  const required = Object.entries(shape)
    .filter(([, s]) => !s.safeParse(undefined).success)
    .map(([k]) => k)
    .sort();
  expect([...(body.required ?? [])].sort()).toEqual(required);
  expect(body.additionalProperties).toBe(false);
});

it('refuses a body outside its act’s schema with a 400 naming the field', async () => {
  const post = (act: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/applications/SB-2026-999999/${act}`, headers: bearer(reviewer), payload });
  const unknownField = await post('accept', { opinion: 'ok', amountFen: 5 });
  expect(unknownField.statusCode).toBe(400);
  expect(unknownField.json().code).toBe('VALIDATION_FAILED');
  const noReason = await post('reject', {});
  expect(noReason.statusCode).toBe(400);
  expect(noReason.json().issues).toEqual([expect.objectContaining({ path: 'body.reason' })]);
  const badItem = await post('request-supplement', { items: [{ name: 'x', reason: '  ' }] });
  expect(badItem.statusCode).toBe(400);
  // A body that fits goes on to the case: this one does not exist.
  expect((await post('accept', { opinion: 'ok' })).statusCode).toBe(404);
});

it('a supervisor act reads its body into the service’s request (urge: the message is the reason)', async () => {
  const supervisor = await t.login('supervisor');
  const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
  expect(doc.paths['/api/v1/cases/{caseId}/urge'].post.requestBody.content['application/json'].schema).toEqual(
    expect.objectContaining({ required: ['message'], additionalProperties: false }),
  );
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/cases/NO-SUCH-CASE/urge', headers: bearer(supervisor), payload: { message: '请尽快 please hurry' } });
  expect(res.statusCode).toBe(404);
  const bad = await t.app.inject({ method: 'POST', url: '/api/v1/cases/NO-SUCH-CASE/urge', headers: bearer(supervisor), payload: { reason: 'x' } });
  expect(bad.statusCode).toBe(400);
});
