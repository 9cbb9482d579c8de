// An external policy (measure 1: 动态收集各类惠企政策): a support policy of any authority
// (national, provincial, city), classified in one of the eight categories of the policy's
// requests, valid for a period, with eligibility criteria as data (domain/policy/criteria.ts).
import { z } from 'zod';
import { ZCriteria } from './policy/criteria';

export const POLICY_CATEGORIES = ['financing', 'orders', 'talent', 'labour', 'land', 'energy', 'innovation', 'approvals'] as const;
export const ZPolicyLevel = z.enum(['national', 'provincial', 'city']);

export const ZExternalPolicyInput = z
  .object({
    source: z
      .object({
        issuingAuthority: z.string().trim().min(1).max(200).describe('发文机关, e.g. 吉林省工业和信息化厅'),
        documentNumber: z.string().trim().min(1).max(100).describe('文号, e.g. 吉工信发〔2026〕12号'),
        issuedOn: z.iso.date(),
        level: ZPolicyLevel,
        url: z.url({ protocol: /^https?$/ }).max(1000).optional(),
      })
      .strict(),
    title: z.string().trim().min(2).max(300),
    summary: z.string().trim().min(1).max(5000),
    validFrom: z.iso.date(),
    validUntil: z.iso.date().optional().describe('last day in effect; omitted: open-ended'),
    category: z.enum(POLICY_CATEGORIES).describe('融资 订单 人才 用工 用地 用能 创新 审批'),
    criteria: ZCriteria,
  })
  .strict()
  .refine((p) => p.validUntil === undefined || p.validUntil >= p.validFrom, { message: 'validUntil is before validFrom', path: ['validUntil'] });
export type TExternalPolicyInput = z.infer<typeof ZExternalPolicyInput>;

/** The dedupe key prefix of one policy's notifications (all versions). */
export function externalPolicyDedupePrefix(policyId: string): string {
  return `extpolicy:${policyId}:`;
}

/** One notification per policy version, enterprise and recipient. */
export function externalPolicyDedupeKey(policyId: string, version: number, enterpriseId: string, recipientId: string): string {
  return `${externalPolicyDedupePrefix(policyId)}v${version}:${enterpriseId}:${recipientId}`;
}
