// The statuses of a 代办 proxy case (measures 39, 40), one enum for the API and the workflow.
// 委托 entrustment → 分派 assignment → stages of approval items → 办结 completion → 好差评 rating.
import { z } from 'zod';

export const PROXY_STATUSES = [
  'awaiting_confirmation', // filed by staff: the enterprise confirms it wants the service
  'awaiting_assignment', // 待分派: the GXJ head or a supervisor assigns one agent
  'awaiting_entrustment', // 待委托: the enterprise records its 代办委托书 before the agent acts for it
  'in_progress', // 代办中: the stages run
  'awaiting_rating', // 已办结, 待评价: the completion record is written; the enterprise rates
  'in_follow_up', // 整改中: a rating of 不满意 or worse; the supervisor follows it up
  // final
  'completed', // 已办结
  'terminated', // 已终止 by the enterprise
  'closed_by_supervisor', // 督办关闭: a stalled case closed with a written conclusion
] as const;

export const ZProxyStatus = z.enum(PROXY_STATUSES);
export type TProxyStatus = z.infer<typeof ZProxyStatus>;

export const FINAL_PROXY_STATUSES: readonly TProxyStatus[] = ['completed', 'terminated', 'closed_by_supervisor'];

export const isFinalProxyStatus = (s: TProxyStatus): boolean => FINAL_PROXY_STATUSES.includes(s);

/** Statuses in which the service has not been delivered yet: the enterprise may still end it. */
export const BEFORE_COMPLETION: readonly TProxyStatus[] = ['awaiting_confirmation', 'awaiting_assignment', 'awaiting_entrustment', 'in_progress'];

/** The five levels of GB/T 39735-2020 (政务服务评价工作指南) 好差评. */
export const RATING_LEVELS = [
  { code: 'very_satisfied', labelZh: '非常满意' },
  { code: 'satisfied', labelZh: '满意' },
  { code: 'basically_satisfied', labelZh: '基本满意' },
  { code: 'dissatisfied', labelZh: '不满意' },
  { code: 'very_dissatisfied', labelZh: '非常不满意' },
] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number]['code'];
export const RATING_CODES = RATING_LEVELS.map((l) => l.code) as [RatingLevel, ...RatingLevel[]];

/** 不满意 or worse opens a follow-up (差评整改). */
export const isBadRating = (level: RatingLevel): boolean => level === 'dissatisfied' || level === 'very_dissatisfied';
