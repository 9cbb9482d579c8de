// The body of each act on a 代办 proxy case, one zod schema per act, shared by the API (requests,
// OpenAPI) and the workflow (its act type is the body plus the actor). The act's name comes from
// the URL. Item acts name the item by its key in the case's plan.
import { z } from 'zod';
import { ZDepartmentCode } from '../roles';
import { RATING_CODES, RATING_LEVELS, type RatingLevel } from './status';

const ZText = z.string().trim().min(1).max(4000);
const ZKey = z.string().trim().regex(/^[a-z][a-z0-9_]{0,63}$/, 'a key like project_filing');
const ZItemKey = ZKey.describe('the approval item (事项) key in the case plan, e.g. project_filing');

/** A rating level by its code or its Chinese name (非常满意 … 非常不满意). */
const ZRatingLevel = z.preprocess(
  (v) => RATING_LEVELS.find((l) => l.labelZh === v)?.code ?? v,
  z.enum(RATING_CODES),
) as z.ZodType<RatingLevel, unknown>;

export const PROXY_ACT_BODIES = {
  /** A case filed by staff: the enterprise confirms it wants the service. */
  confirm: z.object({ note: z.string().trim().max(4000).optional() }).strict(),
  /** 代办委托书: what the enterprise entrusts the agent with. */
  entrust: z.object({ scope: ZText.describe('what the agent may prepare and file on the enterprise’s behalf') }).strict(),
  assign: z.object({ agentId: z.uuid() }).strict(),
  reassign: z.object({ agentId: z.uuid(), reason: ZText }).strict(),
  note: z.object({ text: ZText }).strict(),
  problem: z.object({ text: ZText, stage: ZKey.optional(), item: ZItemKey.optional() }).strict(),
  'resolve-problem': z.object({ problemId: z.number().int().min(1), resolution: ZText }).strict(),
  'request-materials': z.object({ item: ZItemKey, request: ZText.describe('what the enterprise must provide') }).strict(),
  'provide-materials': z.object({ item: ZItemKey, note: ZText.describe('what was provided') }).strict(),
  guide: z.object({ item: ZItemKey, notes: ZText.describe('提前指导: the guidance given before filing') }).strict(),
  submit: z.object({ item: ZItemKey, authority: ZDepartmentCode, reference: ZText.max(200).describe('the authority’s receipt or application number') }).strict(),
  return: z.object({ item: ZItemKey, reason: ZText.describe('what the authority asks for') }).strict(),
  approve: z.object({ item: ZItemKey, permitNo: ZText.max(200).describe('the permit or approval number') }).strict(),
  rate: z.object({ level: ZRatingLevel, comment: z.string().trim().max(4000).optional() }).strict(),
  'complete-follow-up': z.object({ outcome: ZText.describe('what was done about the rating (整改结果)') }).strict(),
  terminate: z.object({ reason: ZText }).strict(),
  'close-stalled': z.object({ conclusion: ZText.describe('the supervisor’s written conclusion') }).strict(),
} as const;

export type ProxyActName = keyof typeof PROXY_ACT_BODIES;
export const PROXY_ACT_NAMES = Object.keys(PROXY_ACT_BODIES) as ProxyActName[];

/** Acts on one approval item (事项). */
export const ITEM_ACTS = ['request-materials', 'provide-materials', 'guide', 'submit', 'return', 'approve'] as const satisfies readonly ProxyActName[];
export type ItemActName = (typeof ITEM_ACTS)[number];

export type ProxyActBodyOf<K extends ProxyActName> = { act: K } & z.output<(typeof PROXY_ACT_BODIES)[K]>;
export type ProxyActBody = { [K in ProxyActName]: ProxyActBodyOf<K> }[ProxyActName];
