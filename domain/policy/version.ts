// Catalogue versions: the measures plus the values of the open parameters, with a version
// number and an effective date. Each year GXJ evaluates and adjusts the measures (closing
// paragraph: 每年由市工信局牵头对政策落实情况进行评估并调整), so a case keeps the version it was
// filed under: quote() takes the version object, never a global.
import { AppError } from '../errors';
import { MEASURES, PARAMETER_DEFINITIONS } from './catalogue';
import { isIsoDate } from './dates';
import type { CatalogueVersion, JsonSchema, Measure, ParameterValues, PolicyItem } from './types';

/**
 * Version 1. The text gives no start date (only 本政策实施期为三年, three years), so the
 * catalogue starts on 2025-01-01 until the publication date is known.
 */
export function defaultCatalogue(): CatalogueVersion {
  const parameters: Record<string, number | null> = {};
  for (const p of PARAMETER_DEFINITIONS) parameters[p.name] = p.defaultValue;
  return Object.freeze({ version: 1, effectiveFrom: '2025-01-01', parameters: Object.freeze(parameters), measures: MEASURES });
}

function invalid(message: string, details: Record<string, unknown>): never {
  throw new AppError('VALIDATION_FAILED', message, details);
}

/**
 * A new version with some parameters changed. The old version object is left untouched, so
 * quotes made under it keep their rule. Throws VALIDATION_FAILED for an unknown parameter, a
 * value outside its declared range, a version number that does not increase, or a bad date.
 */
export function withParameters(
  catalogue: CatalogueVersion,
  params: ParameterValues,
  version: number,
  effectiveFrom: string,
): CatalogueVersion {
  if (!Number.isSafeInteger(version) || version <= catalogue.version) {
    invalid(`The new version must be an integer above ${catalogue.version}, got ${String(version)}.`, { version });
  }
  if (!isIsoDate(effectiveFrom) || effectiveFrom < catalogue.effectiveFrom) {
    invalid(`effectiveFrom must be a YYYY-MM-DD date on or after ${catalogue.effectiveFrom}, got '${effectiveFrom}'.`, { effectiveFrom });
  }
  const next: Record<string, number | null> = { ...catalogue.parameters };
  for (const [name, value] of Object.entries(params)) {
    const def = PARAMETER_DEFINITIONS.find((p) => p.name === name);
    if (!def || !(name in catalogue.parameters)) {
      invalid(`Unknown parameter '${name}'. Known parameters: ${Object.keys(catalogue.parameters).join(', ')}.`, { parameter: name });
    }
    if (value !== null && (!Number.isSafeInteger(value) || value < def.min || value > def.max)) {
      invalid(`Parameter '${name}' must be null or an integer from ${def.min} to ${def.max} (${def.unit}), got ${String(value)}.`, {
        parameter: name,
        value,
      });
    }
    next[name] = value;
  }
  return Object.freeze({ version, effectiveFrom, parameters: Object.freeze(next), measures: catalogue.measures });
}

/** The measure with this code, or AppError UNKNOWN_POLICY listing the known codes. */
export function findMeasure(catalogue: CatalogueVersion, policyCode: string): Measure {
  const found = catalogue.measures.find((m) => m.code === policyCode);
  if (!found) {
    const known = catalogue.measures.map((m) => m.code);
    throw new AppError('UNKNOWN_POLICY', `Unknown policy code '${policyCode}'. Known codes: ${known.join(', ')}.`, { policyCode, known });
  }
  return found;
}

/** The item of a measure, or AppError UNKNOWN_POLICY_ITEM listing the measure's items. */
export function findItem(measure: Measure, item: string): PolicyItem {
  const found = measure.items.find((i) => i.code === item);
  if (!found) {
    const items = measure.items.map((i) => i.code);
    const list = items.length > 0 ? `Its items: ${items.join(', ')}.` : `It has no items to quote (kind: ${measure.kind}).`;
    throw new AppError('UNKNOWN_POLICY_ITEM', `Measure ${measure.code} has no item '${item}'. ${list}`, { policyCode: measure.code, item, items });
  }
  return found;
}

/** JSON Schema of an item's facts form (z.toJSONSchema), for API docs and form rendering. */
export function itemFormJsonSchema(measure: Measure, item: string): JsonSchema {
  return findItem(measure, item).jsonSchema();
}

/** The parameters a measure declares, with their values in this version. */
export function measureParameters(catalogue: CatalogueVersion, measure: Measure): ParameterValues {
  const out: Record<string, number | null> = {};
  for (const p of measure.parameters) out[p.name] = catalogue.parameters[p.name] ?? null;
  return out;
}
