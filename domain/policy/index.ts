// Public surface of the policy catalogue: pure, deterministic, safe for Temporal workflow code.
export type * from './types';
export { CHAPTERS, DEFAULT_SLA, M42_SLA, M44_SLA, MEASURES, PARAMETER_DEFINITIONS } from './catalogue';
export { defaultCatalogue, findItem, findMeasure, itemFormJsonSchema, measureParameters, withParameters } from './version';
export { quote, ZPriorAward } from './quote';
export { matchEnterprise, ZEnterpriseProfile } from './match';
export type { EnterpriseProfile, LikelyMatch, MatchResult, PossibleMatch } from './match';
export { M12_RATE_PARAMETER } from './items/market';
export { M44_MAX_MONTHS_PARAMETER } from './items/services';
