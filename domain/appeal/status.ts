// The statuses of a 诉求 appeal and who answers for each (全兜底: until it is closed, every appeal
// has exactly one responsible party and a deadline).
import { z } from 'zod';

export const APPEAL_STATUSES = [
  'awaiting_acceptance', // 待受理: GXJ platform staff
  'awaiting_dispatch', // 待分办: the dispatcher (platform staff), after acceptance or a return
  'awaiting_sign', // 待签收: the lead department signs for it or returns it
  'in_handling', // 办理中: the lead department (co-departments contribute)
  'awaiting_rating', // 待回访: the enterprise rates the reply
  'awaiting_redispatch', // 重办: rated dissatisfied; the supervisor dispatches it again
  'awaiting_conclusion', // 督办结论: dissatisfied after the last reopening; the supervisor concludes
  // final
  'not_accepted', // 不予受理 (outside the platform, with a referral)
  'closed', // 已办结: rated satisfied or basically satisfied
  'not_rated', // 未评价: the rating window closed
  'concluded', // 督办办结: closed by the supervisor with a written conclusion
] as const;

export const ZAppealStatus = z.enum(APPEAL_STATUSES);
export type TAppealStatus = z.infer<typeof ZAppealStatus>;

export const FINAL_APPEAL_STATUSES: readonly TAppealStatus[] = ['not_accepted', 'closed', 'not_rated', 'concluded'];
export const isFinalAppealStatus = (s: TAppealStatus): boolean => FINAL_APPEAL_STATUSES.includes(s);

export const RESPONSIBLE_PARTIES = ['platform', 'dispatcher', 'lead_department', 'supervisor', 'enterprise'] as const;
export type ResponsibleParty = (typeof RESPONSIBLE_PARTIES)[number];

/** Who answers for an appeal in each open status. */
export const RESPONSIBLE: Readonly<Record<TAppealStatus, ResponsibleParty | null>> = {
  awaiting_acceptance: 'platform',
  awaiting_dispatch: 'dispatcher',
  awaiting_sign: 'lead_department',
  in_handling: 'lead_department',
  awaiting_rating: 'enterprise',
  awaiting_redispatch: 'supervisor',
  awaiting_conclusion: 'supervisor',
  not_accepted: null,
  closed: null,
  not_rated: null,
  concluded: null,
};

export const APPEAL_RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type AppealRating = (typeof APPEAL_RATINGS)[number];
