// Measures 37-38: above-scale upgrades through idle assets; logistics enterprises.
import { z } from 'zod';
import { yuan } from '../../money';
import { conditions, countField, defineItem, doc, fenField, line, yuanText } from '../define';

// ---- M37 --------------------------------------------------------------------------------

/** 奖励标准为每户10万元 */
export const M37_AMOUNT = yuan(100_000);

export const m37IdleAssetUpgrade = defineItem({
  code: 'idle-asset-upgrade',
  kind: 'award',
  name: 'Above-scale upgrade by revitalising idle industrial assets',
  nameZh: '盘活闲置资产升规入统奖励',
  clause: '对通过盘活工业闲置资产实现升规入统的企业及相关项目给予奖励,奖励标准为每户10万元',
  summary: 'Enterprise that became above-scale by revitalising idle industrial assets from the city ledger: 100,000 yuan once per enterprise.',
  form: z.strictObject({
    upgradedToAboveScale: z.boolean().describe('The enterprise became above-scale (实现升规入统)'),
    viaIdleAssetLedger: z.boolean().describe('Through idle assets listed in the city idle-asset ledger (盘活工业闲置资产动态台账所列资产)'),
  }),
  // 每户10万元 per enterprise: read as once per enterprise (升规 happens once).
  limit: { kind: 'once', per: 'enterprise' },
  requiredDocuments: [
    doc('Above-scale (升规入统) confirmation of the statistics bureau', '统计部门升规入统证明'),
    doc('Lease or purchase contract of the idle asset in the ledger', '闲置资产租赁或购置合同'),
  ],
  rule: (f) => {
    const failed: string[] = [];
    if (!f.upgradedToAboveScale) failed.push('The enterprise has not become above-scale (实现升规入统).');
    if (!f.viaIdleAssetLedger) failed.push('The upgrade did not come from idle industrial assets in the city ledger (盘活工业闲置资产).');
    return conditions(failed, () => [line('Above-scale through idle assets', '盘活闲置资产升规入统奖励', M37_AMOUNT, '奖励标准为每户10万元')]);
  },
});

// ---- M38 --------------------------------------------------------------------------------

/** 年营收达2000万元及以上且稳定经营1年以上的物流企业,给予每户30万元的一次性奖励 */
export const M38_REVENUE_THRESHOLD = yuan(20_000_000);
export const M38_MIN_MONTHS = 12;
export const M38_AMOUNT = yuan(300_000);

export const m38LogisticsUpgrade = defineItem({
  code: 'logistics-upgrade',
  kind: 'award',
  name: 'Logistics enterprise first counted above-scale',
  nameZh: '物流企业首次纳规一次性奖励',
  clause: '对首次纳入规上统计、年营收达2000万元及以上且稳定经营1年以上的物流企业,给予每户30万元的一次性奖励',
  summary: 'Logistics enterprise first counted above-scale, annual revenue at least 20,000,000 yuan, stable at least 12 months: 300,000 yuan once.',
  form: z.strictObject({
    firstTimeAboveScale: z.boolean().describe('First time counted above-scale (首次纳入规上统计)'),
    annualRevenueFen: fenField('Annual revenue, fen (年营收)'),
    stableOperationMonths: countField('Months of stable operation (稳定经营月数)'),
  }),
  limit: { kind: 'once', per: 'enterprise' },
  requiredDocuments: [
    doc('Above-scale (纳规) confirmation of the statistics bureau', '统计部门纳入规上统计证明'),
    doc('Audited annual financial statements', '年度审计报告'),
  ],
  rule: (f) => {
    const failed: string[] = [];
    if (!f.firstTimeAboveScale) failed.push('Not counted above-scale for the first time (首次纳入规上统计).');
    if (f.annualRevenueFen < M38_REVENUE_THRESHOLD) {
      failed.push(`Annual revenue is ${yuanText(f.annualRevenueFen)}; at least ${yuanText(M38_REVENUE_THRESHOLD)} is needed (年营收达2000万元及以上).`);
    }
    if (f.stableOperationMonths < M38_MIN_MONTHS) {
      failed.push(`Stable operation for ${f.stableOperationMonths} months; at least 12 are needed (稳定经营1年以上).`);
    }
    return conditions(failed, () => [line('Logistics enterprise first above-scale', '物流企业一次性奖励', M38_AMOUNT, '给予每户30万元的一次性奖励')]);
  },
});
