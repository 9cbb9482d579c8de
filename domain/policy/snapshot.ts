// A measure as users see it under one catalogue version: titles, departments, kind, items with
// their facts forms as JSON Schema, limits, documents, SLA profile, notes and parameter values.
// Each published version stores one snapshot per measure (catalogue_measures.data); the API
// shows the snapshot, while quotes always run the rules in code (see quote.ts).
import { z } from 'zod';
import type { CatalogueVersion, Measure } from './types';

export const ZLimit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('once'), per: z.string() }),
  z.object({ kind: z.literal('per_period'), period: z.string(), capFen: z.int() }),
  z.object({ kind: z.literal('none') }),
]);

export const ZSlaProfile = z.object({
  acceptanceDays: z.int(),
  reviewDays: z.int(),
  publicityDays: z.int(),
  supplementDays: z.int(),
  paymentDays: z.int(),
});

export const ZItemSnapshot = z.object({
  code: z.string(),
  kind: z.enum(['award', 'approval']),
  name: z.string(),
  nameZh: z.string(),
  clause: z.string(),
  summary: z.string(),
  fields: z.array(z.string()),
  requiredFields: z.array(z.string()),
  limit: ZLimit,
  requiredDocuments: z.array(z.object({ name: z.string(), nameZh: z.string() })),
  /** JSON Schema of the facts form; opaque to the API's own schema. */
  form: z.record(z.string(), z.unknown()),
});

export const ZParameterSnapshot = z.object({
  name: z.string(),
  label: z.string(),
  labelZh: z.string(),
  unit: z.enum(['bps', 'year', 'month']),
  min: z.number(),
  max: z.number(),
  defaultValue: z.number().nullable(),
  note: z.string(),
  /** The value this catalogue version sets (null: pending, left out of every amount). */
  value: z.number().nullable(),
});

export const ZMeasureSnapshot = z.object({
  code: z.string(),
  no: z.int(),
  chapter: z.object({ no: z.int(), titleZh: z.string(), title: z.string() }),
  titleZh: z.string(),
  name: z.string(),
  lead: z.string(),
  co: z.array(z.string()),
  kind: z.enum(['award', 'approval', 'proxy', 'appeal', 'platform', 'info']),
  applicantTypes: z.array(z.string()),
  items: z.array(ZItemSnapshot),
  parameters: z.array(ZParameterSnapshot),
  sla: ZSlaProfile.nullable(),
  notes: z.array(z.string()),
});
export type TMeasureSnapshot = z.infer<typeof ZMeasureSnapshot>;

export function measureSnapshot(catalogue: CatalogueVersion, m: Measure): TMeasureSnapshot {
  return {
    code: m.code,
    no: m.no,
    chapter: { ...m.chapter },
    titleZh: m.titleZh,
    name: m.name,
    lead: m.lead,
    co: [...m.co],
    kind: m.kind,
    applicantTypes: [...m.applicantTypes],
    items: m.items.map((i) => ({
      code: i.code,
      kind: i.kind,
      name: i.name,
      nameZh: i.nameZh,
      clause: i.clause,
      summary: i.summary,
      fields: [...i.fields],
      requiredFields: [...i.requiredFields],
      limit: { ...i.limit },
      requiredDocuments: i.requiredDocuments.map((d) => ({ ...d })),
      form: i.jsonSchema(),
    })),
    parameters: m.parameters.map((p) => ({ ...p, value: catalogue.parameters[p.name] ?? null })),
    sla: m.sla === null ? null : { ...m.sla },
    notes: [...m.notes],
  };
}
