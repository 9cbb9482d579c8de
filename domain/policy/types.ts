// Types of the policy catalogue (the 46 measures of policy-measures.zh.txt) and of a quote.
// Everything here is plain data plus pure functions so workflow code can import it.
import type { z } from 'zod';
import type { DepartmentCode } from '../departments';
import type { Fen } from '../money';

export type { DepartmentCode };

/** `M01` … `M46`, zero-padded. */
export type PolicyCode = string;

/** MEASURES.md "Kinds of measure". */
export type MeasureKind = 'award' | 'approval' | 'proxy' | 'appeal' | 'platform' | 'info';

/** Who files the case (or, for measures without cases, who benefits). */
export type ApplicantType = 'enterprise' | 'college' | 'guarantee_company' | 'seller' | 'person' | 'bank';

/** A section of the policy text (一、… 十、). */
export interface Chapter {
  readonly no: number;
  readonly titleZh: string;
  readonly title: string;
}

/** Working days (工作日) per stage of an award or approval case. */
export interface SlaProfile {
  readonly acceptanceDays: number;
  readonly reviewDays: number;
  readonly publicityDays: number;
  readonly supplementDays: number;
  readonly paymentDays: number;
  /** Count the day the clock starts as day 1 (a catalogue setting; default off: 民法典 art. 201). */
  readonly startDayCounts?: boolean;
}

export interface RequiredDocument {
  readonly name: string;
  readonly nameZh: string;
}

/** What a once-only award is counted per. */
export type OncePer =
  | 'enterprise'
  | 'title'
  | 'trademark'
  | 'market'
  | 'registration'
  | 'project'
  | 'supplier'
  | 'year'
  | 'selection';

export type LimitPeriod = 'year' | 'event' | 'exhibition';

/**
 * A limit as data. `once`: one award per limit key (the key comes from the facts, e.g. the
 * trademark's registration number). `per_period`: awards with the same key and period add up
 * to at most capFen. `none`: the text sets no repeat limit.
 */
export type Limit =
  | { readonly kind: 'once'; readonly per: OncePer }
  | { readonly kind: 'per_period'; readonly period: LimitPeriod; readonly capFen: Fen }
  | { readonly kind: 'none' };

/** An award already granted to the same applicant, as recorded by the case system. */
export interface PriorAward {
  readonly policyCode: PolicyCode;
  readonly item: string;
  readonly limitKey: string;
  readonly amountFen: Fen;
  /** For per-period limits: the period the award counted against (a year, an exhibition, an event). */
  readonly period?: string;
}

/** One line of a quote. The lines of a quote always sum to its amountFen. */
export interface BreakdownLine {
  readonly label: string;
  readonly labelZh: string;
  readonly amountFen: Fen;
  /** The clause of the policy text the line applies. */
  readonly rule: string;
}

/** A part of an amount that waits for a parameter the text leaves open. */
export interface PendingPart {
  readonly parameter: string;
  readonly label: string;
  readonly note: string;
}

export type ParameterValues = Readonly<Record<string, number | null>>;

/** An open parameter of the text: named, versioned, visible. */
export interface ParameterDefinition {
  readonly name: string;
  readonly label: string;
  readonly labelZh: string;
  readonly unit: 'bps' | 'year' | 'month';
  readonly min: number;
  readonly max: number;
  readonly defaultValue: number | null;
  readonly note: string;
}

/** What a rule sees besides the facts. */
export interface RuleContext {
  readonly policyCode: PolicyCode;
  readonly item: string;
  readonly asOf: string;
  readonly asOfYear: number;
  readonly parameters: ParameterValues;
  /** Prior awards of the same policy code and item only. */
  readonly priorAwards: readonly PriorAward[];
}

/** A rule's line; `limitKey` ties a line to one key of a multi-key once-only item (M07). */
export interface RuleLine extends BreakdownLine {
  readonly limitKey?: string;
}

export interface RuleOutcome {
  readonly eligible: boolean;
  readonly lines: readonly RuleLine[];
  readonly reasons: readonly string[];
  readonly pending?: readonly PendingPart[];
  readonly notes?: readonly string[];
}

/** A field-level problem with the facts, reported inside AppError('FACTS_INVALID'). */
export interface FactIssue {
  readonly path: string;
  readonly message: string;
}

export interface Evaluation {
  readonly outcome: RuleOutcome;
  readonly limitKeys: readonly string[];
  readonly period?: string;
}

export type JsonSchema = Record<string, unknown>;

/** An item of a measure that runs as a case: an award (money) or an approval (no money). */
export interface PolicyItem {
  readonly code: string;
  readonly kind: 'award' | 'approval';
  readonly name: string;
  readonly nameZh: string;
  /** The Chinese clause the item implements, quoted briefly. */
  readonly clause: string;
  /** The rule in one English sentence. */
  readonly summary: string;
  readonly form: z.ZodObject;
  /** Top-level field names of the form, in order. */
  readonly fields: readonly string[];
  /** The top-level fields that must be given (the rest are optional). */
  readonly requiredFields: readonly string[];
  readonly limit: Limit;
  readonly requiredDocuments: readonly RequiredDocument[];
  jsonSchema(): JsonSchema;
  /** The limit keys these facts count against (validates first; throws FACTS_INVALID). */
  limitKeys(facts: unknown): readonly string[];
  /** Validates the facts (throws AppError FACTS_INVALID) and applies the rule. */
  evaluate(facts: unknown, ctx: RuleContext): Evaluation;
}

export interface Measure {
  readonly code: PolicyCode;
  readonly no: number;
  readonly chapter: Chapter;
  readonly titleZh: string;
  readonly name: string;
  readonly lead: DepartmentCode;
  readonly co: readonly DepartmentCode[];
  readonly kind: MeasureKind;
  readonly applicantTypes: readonly ApplicantType[];
  readonly items: readonly PolicyItem[];
  readonly parameters: readonly ParameterDefinition[];
  /** Award and approval measures only; null for the rest (they run no case of this shape). */
  readonly sla: SlaProfile | null;
  /** Readings and open questions, visible to users. */
  readonly notes: readonly string[];
}

export interface CatalogueVersion {
  readonly version: number;
  readonly effectiveFrom: string;
  readonly parameters: ParameterValues;
  readonly measures: readonly Measure[];
}

export interface QuoteRequest {
  readonly policyCode: PolicyCode;
  readonly item: string;
  readonly facts: unknown;
  readonly asOf: string;
  readonly priorAwards?: readonly PriorAward[];
}

export interface Quote {
  readonly policyCode: PolicyCode;
  readonly item: string;
  readonly catalogueVersion: number;
  readonly eligible: boolean;
  readonly amountFen: Fen;
  readonly breakdown: readonly BreakdownLine[];
  readonly reasons: readonly string[];
  readonly pending: readonly PendingPart[];
  /** The measure's parameters as this catalogue version sets them. */
  readonly parameters: ParameterValues;
  /** Informative remarks that do not affect eligibility (e.g. 一事一议). */
  readonly notes: readonly string[];
  readonly limit: Limit;
  readonly limitKeys: readonly string[];
  readonly period?: string;
  /** The PriorAward entries to store once this quote is paid (empty when not eligible or no money). */
  readonly awardRecords: readonly PriorAward[];
}
