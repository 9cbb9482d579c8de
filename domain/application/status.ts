// The statuses of an award or approval application (申报), one enum shared by the API and
// the workflow. 申报 → 受理 → 审核 → 会签 → 公示 → 拨付.
import { z } from 'zod';

export const APPLICATION_STATUSES = [
  'awaiting_acceptance', // 待受理
  'awaiting_supplement', // 待补正 (clock stopped, the enterprise's window runs)
  'under_review', // 审核中
  'awaiting_countersign', // 待会签
  'in_publicity', // 公示中
  'awaiting_funds', // 待资金 (budget short)
  'paying', // 拨付中
  'payment_failed', // 拨付失败 (the enterprise must correct its bank account)
  // final
  'paid', // 已拨付
  'approved', // 已批准 (approval items: no money)
  'rejected', // 不予支持
  'not_accepted', // 不予受理
  'withdrawn', // 已撤回
  'expired_supplement', // 逾期未补正
] as const;

export const ZApplicationStatus = z.enum(APPLICATION_STATUSES);
export type TApplicationStatus = z.infer<typeof ZApplicationStatus>;

export const FINAL_STATUSES: readonly TApplicationStatus[] = ['paid', 'approved', 'rejected', 'not_accepted', 'withdrawn', 'expired_supplement'];

export function isFinal(status: TApplicationStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
