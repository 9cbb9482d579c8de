// Building blocks for the items: defineItem() turns a typed spec (zod form + rule) into a
// PolicyItem whose evaluate() validates facts first, so rules only ever see parsed facts.
import { z } from 'zod';
import { AppError } from '../errors';
import { formatFen, type Fen } from '../money';
import type {
  Evaluation,
  FactIssue,
  JsonSchema,
  Limit,
  PendingPart,
  PolicyItem,
  RequiredDocument,
  RuleContext,
  RuleLine,
  RuleOutcome,
} from './types';

export interface ItemSpec<S extends z.ZodObject> {
  readonly code: string;
  readonly kind: 'award' | 'approval';
  readonly name: string;
  readonly nameZh: string;
  readonly clause: string;
  readonly summary: string;
  readonly form: S;
  readonly limit: Limit;
  readonly requiredDocuments: readonly RequiredDocument[];
  /** Keys the limit is counted per; defaults to ['enterprise'] (once per enterprise) or ['applicant']. */
  readonly limitKeys?: (facts: z.output<S>) => string[];
  /** Required for per-period limits: the period (year, exhibition, event) this claim counts against. */
  readonly period?: (facts: z.output<S>, ctx: RuleContext) => string;
  /** Cross-field checks the form cannot express; any issue is bad input (FACTS_INVALID), not ineligibility. */
  readonly check?: (facts: z.output<S>, ctx: RuleContext) => FactIssue[];
  readonly rule: (facts: z.output<S>, ctx: RuleContext) => RuleOutcome;
}

export function factsInvalid(context: string, issues: readonly FactIssue[]): never {
  const list = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new AppError('FACTS_INVALID', `${context}: ${list}`, { issues });
}

/** zod issues → one FactIssue per field, with dotted paths ("graduates.0.tuitionFen"). */
export function zodIssues(error: z.ZodError): FactIssue[] {
  const out: FactIssue[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map((p) => String(p)).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: base ? `${base}.${key}` : key, message: 'unknown field; remove it' });
      }
      continue;
    }
    const message = /received undefined$/.test(issue.message) ? 'required' : issue.message;
    out.push({ path: base || '(facts)', message });
  }
  return out;
}

function defaultLimitKeys(limit: Limit): string[] {
  return limit.kind === 'once' && limit.per === 'enterprise' ? ['enterprise'] : ['applicant'];
}

export function defineItem<S extends z.ZodObject>(spec: ItemSpec<S>): PolicyItem {
  // Programming errors in the catalogue surface when the module loads, not in a quote.
  if (spec.limit.kind === 'once' && spec.limit.per !== 'enterprise' && !spec.limitKeys) {
    throw new Error(`item ${spec.code}: once per ${spec.limit.per} needs limitKeys()`);
  }
  if (spec.limit.kind === 'per_period' && !spec.period) {
    throw new Error(`item ${spec.code}: a per-period limit needs period()`);
  }
  const fields = Object.keys(spec.form.shape);
  const shape: Record<string, z.ZodType> = spec.form.shape;
  const requiredFields = fields.filter((k) => !(shape[k]?.safeParse(undefined).success ?? false));
  return {
    code: spec.code,
    kind: spec.kind,
    name: spec.name,
    nameZh: spec.nameZh,
    clause: spec.clause,
    summary: spec.summary,
    form: spec.form,
    fields,
    requiredFields,
    limit: spec.limit,
    requiredDocuments: spec.requiredDocuments,
    jsonSchema(): JsonSchema {
      return { ...z.toJSONSchema(spec.form), title: `${spec.nameZh} (${spec.name})`, description: spec.summary };
    },
    limitKeys(facts: unknown): readonly string[] {
      const parsed = spec.form.safeParse(facts);
      if (!parsed.success) factsInvalid(`Facts for item '${spec.code}' are invalid`, zodIssues(parsed.error));
      return spec.limitKeys ? spec.limitKeys(parsed.data) : defaultLimitKeys(spec.limit);
    },
    evaluate(facts: unknown, ctx: RuleContext): Evaluation {
      const context = `Facts for ${ctx.policyCode} item '${spec.code}' are invalid`;
      const parsed = spec.form.safeParse(facts);
      if (!parsed.success) factsInvalid(context, zodIssues(parsed.error));
      const data = parsed.data;
      const issues = spec.check ? spec.check(data, ctx) : [];
      if (issues.length > 0) factsInvalid(context, issues);
      const limitKeys = spec.limitKeys ? spec.limitKeys(data) : defaultLimitKeys(spec.limit);
      const outcome = spec.rule(data, ctx);
      const period = spec.period ? spec.period(data, ctx) : undefined;
      return period === undefined ? { outcome, limitKeys } : { outcome, limitKeys, period };
    },
  };
}

// ---- helpers for rules ------------------------------------------------------------------

export function yuanText(fen: Fen): string {
  return `${formatFen(fen)} yuan`;
}

export function yuanTextZh(fen: Fen): string {
  return `${formatFen(fen)}元`;
}

export function line(label: string, labelZh: string, amountFen: Fen, rule: string, limitKey?: string): RuleLine {
  return limitKey === undefined ? { label, labelZh, amountFen, rule } : { label, labelZh, amountFen, rule, limitKey };
}

export function notEligible(...reasons: string[]): RuleOutcome {
  return { eligible: false, lines: [], reasons };
}

export function eligibleWith(
  lines: readonly RuleLine[],
  extra: { reasons?: readonly string[]; pending?: readonly PendingPart[]; notes?: readonly string[] } = {},
): RuleOutcome {
  return { eligible: true, lines, reasons: extra.reasons ?? [], pending: extra.pending ?? [], notes: extra.notes ?? [] };
}

/** One outcome from a list of unmet conditions: eligible only when the list is empty. */
export function conditions(failed: readonly string[], lines: () => readonly RuleLine[]): RuleOutcome {
  return failed.length > 0 ? notEligible(...failed) : eligibleWith(lines());
}

// ---- common form fields -------------------------------------------------------------------

/** Money in fen: integer, never negative. */
export function fenField(description: string): z.ZodInt {
  return z.int().nonnegative().describe(description);
}

export function countField(description: string): z.ZodInt {
  return z.int().nonnegative().describe(description);
}

export function yearField(description: string): z.ZodInt {
  return z.int().min(1990).max(2100).describe(description);
}

/** Non-blank text. A pattern, not .trim(), so the JSON Schema says exactly what zod checks. */
export function textField(description: string): z.ZodString {
  return z.string().max(200).regex(/\S/, 'must not be blank').describe(description);
}

export function doc(name: string, nameZh: string): RequiredDocument {
  return { name, nameZh };
}
