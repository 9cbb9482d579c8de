// Forms from JSON Schema (the act bodies of the OpenAPI document, the items' facts forms): the
// fields a schema asks for, the body a filled form sends, and which server issue belongs to which
// field. Pure: no React, no DOM (test/unit/web-schema-form.test.ts runs it under jest).

export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  /** A number (JSON Schema 2019+) or a flag on minimum/maximum (OpenAPI 3.0). */
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

export type FieldKind = 'text' | 'textarea' | 'integer' | 'number' | 'boolean' | 'select' | 'list' | 'object' | 'json';

export interface Field {
  /** The property name; the path of a nested field joins its parents' names with '.'. */
  name: string;
  path: string;
  kind: FieldKind;
  /** The schema's description, or the name when it has none. */
  label: string;
  required: boolean;
  options?: string[];
  min?: number;
  max?: number;
  maxLength?: number;
  pattern?: string;
  /** Integer fen (a name ending in Fen): shown with its yuan value. */
  money?: boolean;
  children?: Field[];
  defaultValue?: unknown;
}

/** The first non-null type a schema names (nullable unions and anyOf [x, null] included). */
export function primaryType(s: JsonSchema): string | undefined {
  if (typeof s.type === 'string') return s.type;
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  const alt = (s.anyOf ?? s.oneOf)?.find((a) => a.type !== 'null');
  if (alt) return primaryType(alt);
  if (s.enum) return 'string';
  if (s.properties) return 'object';
  return undefined;
}

function unwrap(s: JsonSchema): JsonSchema {
  if (s.type !== undefined || s.enum || s.properties) return s;
  const alts = (s.anyOf ?? s.oneOf)?.filter((a) => a.type !== 'null') ?? [];
  return alts.length === 1 && alts[0] ? { ...alts[0], description: s.description ?? alts[0].description } : s;
}

/** Long free text: a description-like name or a long limit. */
const LONG_TEXT = /^(reason|opinion|description|note|comment|message|content|reply|text|summary|answer|conclusion)$/i;

export function fieldsOf(schema: JsonSchema, parent = ''): Field[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, raw]) => {
    const s = unwrap(raw);
    const path = parent ? `${parent}.${name}` : name;
    const base = { name, path, label: s.description ?? s.title ?? name, required: required.has(name), ...(s.default !== undefined ? { defaultValue: s.default } : {}) };
    const type = primaryType(s);
    const values = s.enum ?? (s.const !== undefined ? [s.const] : undefined);
    if (values && values.every((v) => typeof v === 'string')) return { ...base, kind: 'select', options: values as string[] };
    switch (type) {
      case 'integer':
      case 'number':
        return { ...base, kind: type, ...bounds(s), ...(type === 'integer' && /Fen$/.test(name) ? { money: true } : {}) };
      case 'boolean':
        return { ...base, kind: 'boolean' };
      case 'array': {
        const item = s.items ? unwrap(s.items) : {};
        const itemType = primaryType(item);
        if (itemType === 'string' && item.enum?.every((v) => typeof v === 'string')) return { ...base, kind: 'select', options: item.enum as string[], max: s.maxItems };
        return itemType === 'string' ? { ...base, kind: 'list', ...(s.maxItems !== undefined ? { max: s.maxItems } : {}) } : { ...base, kind: 'json' };
      }
      case 'object':
        return s.properties ? { ...base, kind: 'object', children: fieldsOf(s, path) } : { ...base, kind: 'json' };
      case 'string':
      case undefined: {
        const long = LONG_TEXT.test(name) || (s.maxLength ?? 0) > 200;
        return { ...base, kind: long ? 'textarea' : 'text', ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}), ...(s.pattern && !s.format ? { pattern: s.pattern } : {}) };
      }
      default:
        return { ...base, kind: 'json' };
    }
  });
}

function bounds(s: JsonSchema): { min?: number; max?: number } {
  const out: { min?: number; max?: number } = {};
  const exMin = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : s.exclusiveMinimum === true && s.minimum !== undefined ? s.minimum : undefined;
  const exMax = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : s.exclusiveMaximum === true && s.maximum !== undefined ? s.maximum : undefined;
  // Integers only step by one: an exclusive bound is the next whole number inside it.
  const min = exMin !== undefined ? exMin + 1 : s.minimum;
  const max = exMax !== undefined ? exMax - 1 : s.maximum;
  // zod writes ±MAX_SAFE_INTEGER for a bare z.int(): no bound a person needs to see.
  if (min !== undefined && Math.abs(min) < Number.MAX_SAFE_INTEGER) out.min = min;
  if (max !== undefined && Math.abs(max) < Number.MAX_SAFE_INTEGER) out.max = max;
  return out;
}

export type FormValues = Record<string, unknown>;

/**
 * The body a filled form sends: empty optional fields left out (the server's defaults apply),
 * list text split at commas or new lines, JSON fields parsed. A value that cannot be read is kept
 * as typed, so the server's message about it reaches the person.
 */
export function bodyOf(fields: readonly Field[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === 'object') {
      const nested = bodyOf(f.children ?? [], isRecord(v) ? v : {});
      if (Object.keys(nested).length > 0 || f.required) out[f.name] = nested;
      continue;
    }
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) continue;
    if (Array.isArray(v) && v.length === 0 && !f.required) continue;
    switch (f.kind) {
      case 'integer':
      case 'number': {
        const n = typeof v === 'number' ? v : Number(String(v).trim());
        out[f.name] = Number.isFinite(n) ? n : v;
        break;
      }
      case 'list':
        out[f.name] = Array.isArray(v) ? v : String(v).split(/[,，\n]/).map((x) => x.trim()).filter((x) => x !== '');
        break;
      case 'json':
        out[f.name] = parseJsonOr(v);
        break;
      default:
        out[f.name] = typeof v === 'string' ? v.trim() : v;
    }
  }
  return out;
}

function parseJsonOr(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface ServerIssue {
  path: string;
  message: string;
}

/**
 * The server's issues by the field they concern: `body.opinion`, `facts.boothFeeFen` or
 * `boothFeeFen` all land on the field `boothFeeFen`; the rest (the whole body, a state conflict)
 * stay with the act itself.
 */
export function issuesByField(fields: readonly Field[], issues: readonly ServerIssue[]): { byField: Record<string, string[]>; rest: ServerIssue[] } {
  const paths = flatten(fields).map((f) => f.path);
  const byField: Record<string, string[]> = {};
  const rest: ServerIssue[] = [];
  for (const issue of issues) {
    const p = issue.path.replace(/^(body|querystring|params)\.?/, '').replace(/^facts\./, '');
    const hit = paths.filter((fp) => p === fp || p.startsWith(`${fp}.`)).sort((a, b) => b.length - a.length)[0];
    if (hit) (byField[hit] ??= []).push(issue.message);
    else rest.push(issue);
  }
  return { byField, rest };
}

export function flatten(fields: readonly Field[]): Field[] {
  return fields.flatMap((f) => (f.kind === 'object' ? [f, ...flatten(f.children ?? [])] : [f]));
}

/** Initial values: the schema defaults. */
export function defaultsOf(fields: readonly Field[]): FormValues {
  const out: FormValues = {};
  for (const f of fields) {
    if (f.kind === 'object') out[f.name] = defaultsOf(f.children ?? []);
    else if (f.defaultValue !== undefined) out[f.name] = f.kind === 'json' ? JSON.stringify(f.defaultValue) : f.defaultValue;
  }
  return out;
}

/** Text fields whose values the case knows (a proxy act's item key): offered as a choice. */
export function withChoices(fields: readonly Field[], choices: Readonly<Record<string, readonly string[]>>): Field[] {
  return fields.map((f) => {
    const options = choices[f.name];
    return f.kind === 'text' && options && options.length > 0 ? { ...f, kind: 'select', options: [...options] } : f;
  });
}

/**
 * Fields in the order a list names them (an item's `fields`: the order the measure declares; a
 * schema read back from PostgreSQL's jsonb has its keys sorted by length), the rest after.
 */
export function inOrder(fields: readonly Field[], names: readonly string[]): Field[] {
  const rank = (f: Field) => {
    const i = names.indexOf(f.name);
    return i < 0 ? names.length : i;
  };
  return [...fields].sort((a, b) => rank(a) - rank(b));
}
