// Measures 9-12: exhibitions, the recommended products catalogue, OEM supply, chain recruitment.
import { z } from 'zod';
import { applyRateBps, formatBps, sumFen, yuan } from '../../money';
import {
  defineItem,
  doc,
  eligibleWith,
  fenField,
  line,
  notEligible,
  textField,
  yearField,
  yuanText,
  yuanTextZh,
} from '../define';
import type { FactIssue, PendingPart, RuleLine } from '../types';

// ---- M09 --------------------------------------------------------------------------------

/** 单个企业单次展会补贴上限3000元 */
export const M09_CAP_PER_EXHIBITION = yuan(3_000);

export const m09Exhibition = defineItem({
  code: 'exhibition',
  kind: 'award',
  name: 'Exhibition cost subsidy',
  nameZh: '参加域外展会费用补贴',
  clause: '给予展位费、交通住宿费等部分费用补贴,补贴比例为10%~30%,单个企业单次展会补贴上限3000元',
  summary: 'The exhibition rate (10%-30%, set per exhibition) times booth, travel and lodging costs, at most 3,000 yuan per enterprise per exhibition.',
  form: z.strictObject({
    exhibitionName: textField('The exhibition organised by GXJ (展会名称); the cap is counted per exhibition'),
    boothFeeFen: fenField('Booth fee, fen (展位费)'),
    travelFen: fenField('Travel cost, fen (交通费)'),
    lodgingFen: fenField('Lodging cost, fen (住宿费)'),
    // 补贴比例为10%~30%: the rate is set per exhibition by GXJ, so it arrives with the facts.
    rateBps: z.int().min(1000).max(3000).describe('Subsidy rate GXJ set for this exhibition, basis points, 1000-3000 (补贴比例10%~30%)'),
  }),
  limit: { kind: 'per_period', period: 'exhibition', capFen: M09_CAP_PER_EXHIBITION },
  period: (f) => f.exhibitionName.trim(),
  requiredDocuments: [
    doc('Exhibition participation notice from GXJ', '市工信局组织参展通知'),
    doc('Invoices for booth, travel and lodging', '展位费、交通住宿费票据'),
  ],
  rule: (f) => {
    const costs = sumFen([f.boothFeeFen, f.travelFen, f.lodgingFen]);
    if (costs === 0) return notEligible('No booth, travel or lodging cost is claimed (展位费、交通住宿费).');
    const rate = formatBps(f.rateBps);
    return eligibleWith([
      line(
        `${rate} of costs ${yuanText(costs)} (booth ${yuanText(f.boothFeeFen)}, travel ${yuanText(f.travelFen)}, lodging ${yuanText(f.lodgingFen)})`,
        `展位费、交通住宿费${yuanTextZh(costs)} × 补贴比例${rate}`,
        applyRateBps(costs, f.rateBps),
        '补贴比例为10%~30%',
      ),
    ]);
  },
});

// ---- M10 (approval) -------------------------------------------------------------------------

export const m10CatalogueListing = defineItem({
  code: 'catalogue-listing',
  kind: 'approval',
  name: 'Listing in the recommended Liaoyuan industrial products catalogue',
  nameZh: '辽源工业优质产品推荐目录入选',
  clause: '建立"辽源工业优质产品推荐目录"…(目录仅为信息参考,不构成采购强制或优先依据)',
  summary: 'A Liaoyuan-made industrial product is listed and pushed to public buyers; information only, never a procurement mandate or preference.',
  form: z.strictObject({
    productName: textField('Product name (产品名称)'),
    productCategory: textField('Product category (产品类别)'),
    producedInLiaoyuan: z.boolean().describe('Made by the applicant in Liaoyuan (辽源工业产品)'),
    certifications: z.array(textField('Certification')).max(50).optional().describe('Quality certifications held (质量认证), optional'),
  }),
  limit: { kind: 'none' },
  requiredDocuments: [
    doc('Product description and specifications', '产品介绍及技术参数'),
    doc('Quality certificates or test reports', '质量认证或检测报告'),
  ],
  rule: (f) => {
    if (!f.producedInLiaoyuan) {
      return notEligible('The catalogue lists Liaoyuan industrial products only (辽源工业优质产品); the product is not made in Liaoyuan.');
    }
    return eligibleWith([], { notes: ['The catalogue is information only: no procurement mandate or preference (不构成采购强制或优先依据).'] });
  },
});

// ---- M11 --------------------------------------------------------------------------------

/** 配套产值达5000万元以上的奖励10万元,达1亿元以上的奖励20万元 */
export const M11_TIERS = [
  { minOutputFen: yuan(100_000_000), amountFen: yuan(200_000), clause: '达1亿元以上的奖励20万元' },
  { minOutputFen: yuan(50_000_000), amountFen: yuan(100_000), clause: '配套产值达5000万元以上的奖励10万元' },
] as const;

export const m11OemSupply = defineItem({
  code: 'oem-supply',
  kind: 'award',
  name: 'Supply output at a single key OEM',
  nameZh: '重点主机厂配套产值分档奖励',
  clause: '对纳入一汽集团等重点主机厂配套体系,且本年度在单一主机厂实现配套产值达标的工业企业,给予分档一次性财政奖励',
  summary: 'Output this year at one single key OEM: at least 50,000,000 yuan → 100,000; at least 100,000,000 → 200,000. Outputs at different OEMs do not add up; tiers do not add up.',
  form: z.strictObject({
    outputYear: yearField('Year of the supply output (配套产值年度); must be the year of the quote (本年度)'),
    oemOutputs: z
      .array(
        z.strictObject({
          oem: textField('Key OEM in whose supply system the enterprise is, e.g. 一汽集团 (主机厂)'),
          outputFen: fenField('Supply output at that OEM this year, fen (配套产值)'),
        }),
      )
      .min(1)
      .max(50)
      .describe('Supply output per OEM, each OEM once'),
  }),
  // 一次性 with 本年度: read as once per enterprise and output year.
  limit: { kind: 'once', per: 'year' },
  limitKeys: (f) => [String(f.outputYear)],
  check: (f) => {
    const names = f.oemOutputs.map((o) => o.oem.trim());
    const issues: FactIssue[] = [];
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) issues.push({ path: `oemOutputs.${i}.oem`, message: `${n} is listed twice; give one total per OEM` });
    });
    return issues;
  },
  requiredDocuments: [
    doc('Proof of entry into the OEM supply system', '纳入主机厂配套体系证明'),
    doc('Supply output statement confirmed by the OEM', '主机厂确认的年度配套产值证明'),
  ],
  rule: (f, ctx) => {
    if (f.outputYear !== ctx.asOfYear) {
      return notEligible(`The output year is ${f.outputYear}; measure 11 counts output of the current year ${ctx.asOfYear} (本年度).`);
    }
    // 在单一主机厂: the best single OEM decides; outputs at different OEMs never add up.
    const best = f.oemOutputs.reduce((a, b) => (b.outputFen > a.outputFen ? b : a));
    const tier = M11_TIERS.find((t) => best.outputFen >= t.minOutputFen);
    if (!tier) {
      const spread = f.oemOutputs.length > 1 ? ' Outputs at different OEMs do not add up (单一主机厂).' : '';
      return notEligible(
        `The largest output at a single OEM is ${yuanText(best.outputFen)} at ${best.oem.trim()}; the first tier needs ${yuanText(yuan(50_000_000))} (达5000万元以上).${spread}`,
      );
    }
    return eligibleWith([
      line(`Supply output ${yuanText(best.outputFen)} at ${best.oem.trim()}`, `单一主机厂配套产值${yuanTextZh(best.outputFen)}`, tier.amountFen, tier.clause),
    ]);
  },
});

// ---- M12 --------------------------------------------------------------------------------

/** 给予招引的龙头企业50万元奖励 */
export const M12_BASE_AMOUNT = yuan(500_000);
/** 对配套企业产值超过2000万元的部分 */
export const M12_OUTPUT_THRESHOLD = yuan(20_000_000);
/** 该项奖励最高不超过100万元 */
export const M12_EXTRA_CAP = yuan(1_000_000);
export const M12_RATE_PARAMETER = 'M12.extraRateBps';

// Unified social credit code shape (GB 32100-2015); the check character is verified elsewhere.
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export const m12ChainRecruitment = defineItem({
  code: 'chain-recruitment',
  kind: 'award',
  name: 'Leading enterprise recruits a supplier that becomes above-scale',
  nameZh: '产业链招商龙头企业奖励',
  clause: '对其招引的配套企业实现升规后,给予招引的龙头企业50万元奖励;在此基础上,对配套企业产值超过2000万元的部分,额外核算奖励,该项奖励最高不超过100万元',
  summary: '500,000 yuan once the recruited supplier is above-scale; plus the extra rate (parameter M12.extraRateBps, open in the text) times the supplier output above 20,000,000 yuan, that extra part at most 1,000,000 yuan. Once per supplier.',
  form: z.strictObject({
    supplierCreditCode: z.string().regex(CREDIT_CODE, 'must be an 18-character unified social credit code').describe('Recruited supplier, unified social credit code (配套企业统一社会信用代码)'),
    supplierName: textField('Recruited supplier name (配套企业名称)').optional(),
    supplierUpgradedToAboveScale: z.boolean().describe('The supplier has become above-scale (实现升规)'),
    supplierOutputFen: fenField("The supplier's annual output, fen (配套企业产值)"),
  }),
  limit: { kind: 'once', per: 'supplier' },
  limitKeys: (f) => [f.supplierCreditCode],
  requiredDocuments: [
    doc('Recruitment agreement between the leading enterprise and the supplier', '龙头企业招引配套企业的协议'),
    doc("Statistics bureau confirmation of the supplier's above-scale status", '配套企业升规入统证明'),
    doc("The supplier's output statement", '配套企业产值证明'),
  ],
  rule: (f, ctx) => {
    // 实现升规后 … 在此基础上: both parts depend on the supplier becoming above-scale.
    if (!f.supplierUpgradedToAboveScale) {
      return notEligible(
        'The recruited supplier has not become above-scale (实现升规); the 500,000 yuan award and the extra award both follow that (在此基础上).',
      );
    }
    const lines: RuleLine[] = [line('Recruited supplier became above-scale', '招引配套企业实现升规奖励', M12_BASE_AMOUNT, '给予招引的龙头企业50万元奖励')];
    const pending: PendingPart[] = [];
    // 超过2000万元的部分: only output strictly above 20,000,000 yuan counts; at exactly 20,000,000 the part is 0.
    const excess = Math.max(0, f.supplierOutputFen - M12_OUTPUT_THRESHOLD);
    if (excess > 0) {
      const rate = ctx.parameters[M12_RATE_PARAMETER] ?? null;
      if (rate === null) {
        pending.push({
          parameter: M12_RATE_PARAMETER,
          label: `Extra award on supplier output above 20,000,000 yuan (${yuanText(excess)} above)`,
          note: 'Pending implementation details (待实施细则明确): the text gives no rate for 额外核算奖励; this part is left out of the amount until the catalogue sets M12.extraRateBps.',
        });
      } else {
        const extra = applyRateBps(excess, rate);
        lines.push(
          line(
            `Extra award: ${formatBps(rate)} of output above 20,000,000 yuan (${yuanText(excess)})`,
            `配套企业产值超过2000万元部分${yuanTextZh(excess)} × ${formatBps(rate)}`,
            extra,
            '对配套企业产值超过2000万元的部分,额外核算奖励',
          ),
        );
        if (extra > M12_EXTRA_CAP) {
          lines.push(line('Cap on the extra award 1,000,000 yuan', '额外奖励最高不超过100万元', M12_EXTRA_CAP - extra, '该项奖励最高不超过100万元'));
        }
      }
    }
    return eligibleWith(lines, { pending });
  },
});
