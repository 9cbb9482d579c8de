// The web console's forms from JSON Schema (web/src/lib/schema-form.ts): the fields of the act
// bodies and facts forms as the API's OpenAPI document writes them, the body a filled form sends,
// and which server issue lands on which field.
import { z } from 'zod';
import { bodyOf, defaultsOf, fieldsOf, inOrder, issuesByField, withChoices, type JsonSchema } from '../../web/src/lib/schema-form';
import { actSchemas } from '../../scripts/web-build';

/** A zod schema as the OpenAPI document carries it (the app's routes are zod). */
const schemaOf = (s: z.ZodType): JsonSchema => z.toJSONSchema(s, { io: 'input' }) as JsonSchema;

describe('fieldsOf', () => {
  it('reads kinds, labels, required and bounds', () => {
    const fields = fieldsOf(
      schemaOf(
        z.object({
          exhibitionName: z.string().min(1).max(100).describe('展会名称'),
          boothFeeFen: z.int().min(0).describe('Booth fee, fen'),
          rateBps: z.int().min(1000).max(3000),
          level: z.enum(['satisfied', 'dissatisfied']),
          urgent: z.boolean().optional(),
          reason: z.string().max(2000).optional(),
          stages: z.array(z.string()).max(10).optional(),
          contact: z.object({ name: z.string(), phone: z.string().regex(/^[0-9 ]+$/) }),
          extra: z.record(z.string(), z.unknown()).optional(),
        }),
      ),
    );
    const by = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(by.exhibitionName).toMatchObject({ kind: 'text', label: '展会名称', required: true, maxLength: 100 });
    expect(by.boothFeeFen).toMatchObject({ kind: 'integer', money: true, min: 0, label: 'Booth fee, fen' });
    expect(by.boothFeeFen?.max).toBeUndefined();
    expect(by.rateBps).toMatchObject({ kind: 'integer', min: 1000, max: 3000, required: true });
    expect(by.rateBps?.money).toBeUndefined();
    expect(by.level).toMatchObject({ kind: 'select', options: ['satisfied', 'dissatisfied'] });
    expect(by.urgent).toMatchObject({ kind: 'boolean', required: false });
    expect(by.reason).toMatchObject({ kind: 'textarea', required: false });
    expect(by.stages).toMatchObject({ kind: 'list', max: 10 });
    expect(by.contact?.kind).toBe('object');
    expect(by.contact?.children?.map((c) => [c.path, c.kind, c.required, c.pattern])).toEqual([
      ['contact.name', 'text', true, undefined],
      ['contact.phone', 'text', true, '^[0-9 ]+$'],
    ]);
    expect(by.extra?.kind).toBe('json');
  });

  it('reads OpenAPI 3.0 nullable and exclusive bounds (true on minimum) as zod-to-OpenAPI writes them', () => {
    const [amount, permit] = fieldsOf({
      type: 'object',
      properties: { amountFen: { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 100 }, permitNo: { type: 'string', nullable: true } },
      required: ['amountFen'],
    });
    expect(amount).toMatchObject({ kind: 'integer', min: 1, max: 100, required: true });
    expect(permit).toMatchObject({ kind: 'text', required: false });
  });

  it('builds a field for every act body of the app’s OpenAPI paths', () => {
    const document = {
      paths: {
        '/api/v1/applications/{caseId}/accept': { post: { requestBody: { content: { 'application/json': { schema: schemaOf(z.object({ opinion: z.string().max(4000).optional() })) } } } } },
        '/api/v1/cases/{caseId}/extend': { post: { requestBody: { content: { 'application/json': { schema: schemaOf(z.object({ workingDays: z.int().min(1).max(60), reason: z.string() })) } } } } },
        '/api/v1/appeals': { post: { requestBody: { content: { 'application/json': { schema: schemaOf(z.object({ title: z.string() })) } } } } },
        '/api/v1/applications/{caseId}': { get: {} },
      },
    };
    const acts = actSchemas(document);
    expect(Object.keys(acts).sort()).toEqual(['applications', 'cases', 'file:appeals']);
    expect(fieldsOf(acts.cases!.extend as JsonSchema).map((f) => [f.name, f.kind, f.min, f.max])).toEqual([
      ['workingDays', 'integer', 1, 60],
      ['reason', 'textarea', undefined, undefined],
    ]);
    expect(fieldsOf(acts.applications!.accept as JsonSchema)[0]).toMatchObject({ name: 'opinion', kind: 'textarea', required: false });
  });
});

describe('bodyOf', () => {
  const fields = fieldsOf(
    schemaOf(
      z.object({
        opinion: z.string().optional(),
        workingDays: z.int(),
        stages: z.array(z.string()).optional(),
        contact: z.object({ name: z.string(), phone: z.string() }),
        extra: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
  );

  it('leaves empty optional fields out, reads numbers, splits lists, parses JSON, nests objects', () => {
    expect(bodyOf(fields, { opinion: '  ', workingDays: '3', stages: 'a, b，c\nd', contact: { name: ' 张三 ', phone: '138' }, extra: '{"x":1}' })).toEqual({
      workingDays: 3,
      stages: ['a', 'b', 'c', 'd'],
      contact: { name: '张三', phone: '138' },
      extra: { x: 1 },
    });
  });

  it('keeps what it cannot read as typed, so the server’s message about it reaches the person', () => {
    expect(bodyOf(fields, { workingDays: 'three', extra: '{broken', contact: {} })).toEqual({ workingDays: 'three', extra: '{broken', contact: {} });
  });

  it('starts from the schema defaults', () => {
    expect(defaultsOf(fieldsOf(schemaOf(z.object({ reason: z.string().default('released'), documentIds: z.array(z.string()).default([]) }))))).toEqual({ reason: 'released', documentIds: [] });
  });
});

describe('issuesByField', () => {
  const fields = fieldsOf(schemaOf(z.object({ reason: z.string(), boothFeeFen: z.int(), contact: z.object({ phone: z.string() }) })));

  it('puts body., facts. and nested paths on their fields and leaves the rest with the act', () => {
    const { byField, rest } = issuesByField(fields, [
      { path: 'body.reason', message: 'Too small' },
      { path: 'facts.boothFeeFen', message: 'must be ≥ 0' },
      { path: 'boothFeeFen', message: 'twice' },
      { path: 'body.contact.phone', message: 'bad phone' },
      { path: '(root)', message: 'costs are zero' },
    ]);
    expect(byField).toEqual({ reason: ['Too small'], boothFeeFen: ['must be ≥ 0', 'twice'], 'contact.phone': ['bad phone'] });
    expect(rest).toEqual([{ path: '(root)', message: 'costs are zero' }]);
  });
});

describe('withChoices', () => {
  it('offers the known values of a text field as a choice and leaves other fields', () => {
    const fields = withChoices(fieldsOf(schemaOf(z.object({ item: z.string(), reference: z.string() }))), { item: ['planning_licence', 'construction_licence'], other: ['x'] });
    expect(fields.map((f) => [f.name, f.kind, f.options])).toEqual([
      ['item', 'select', ['planning_licence', 'construction_licence']],
      ['reference', 'text', undefined],
    ]);
    expect(withChoices(fields, { reference: [] })[1]?.kind).toBe('text');
  });
});

describe('inOrder', () => {
  it('orders fields as the item declares them (jsonb sorts a stored schema’s keys), unnamed ones last', () => {
    const stored: JsonSchema = { type: 'object', properties: { rateBps: { type: 'integer' }, extra: { type: 'string' }, travelFen: { type: 'integer' }, exhibitionName: { type: 'string' } } };
    expect(inOrder(fieldsOf(stored), ['exhibitionName', 'travelFen', 'rateBps']).map((f) => f.name)).toEqual(['exhibitionName', 'travelFen', 'rateBps', 'extra']);
  });
});
