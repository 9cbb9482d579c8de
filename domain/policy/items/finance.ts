// Measures 21, 22, 26: listing awards, guarantee company commendation, fund investment subsidy.
import { z } from 'zod';
import { applyRateBps, yuan } from '../../money';
import { conditions, defineItem, doc, eligibleWith, fenField, line, notEligible, yearField, yuanText, yuanTextZh } from '../define';

// ---- M21 --------------------------------------------------------------------------------

/** 分别给予100万元、50万元、10万元的一次性奖励 */
export const M21_AMOUNTS = {
  ipo: yuan(1_000_000),
  neeq: yuan(500_000),
  'regional-equity': yuan(100_000),
} as const;

const M21_MARKETS = {
  ipo: { en: 'Initial public offering', zh: '首发上市', clause: '企业首发上市…给予100万元' },
  neeq: { en: 'Listing on the NEEQ (新三板)', zh: '在新三板挂牌', clause: '在新三板挂牌…给予50万元' },
  'regional-equity': { en: 'Listing on the Jilin regional equity market', zh: '在吉林省区域性股权市场挂牌', clause: '在吉林省区域性股权市场挂牌(不含展示板)…给予10万元' },
} as const;

export const M21_CASE_BY_CASE_NOTE =
  'Decided case by case (一事一议): the amount is the standard the text names; the Finance Bureau confirms it for each listing.';

export const m21Listing = defineItem({
  code: 'listing',
  kind: 'award',
  name: 'Listing award',
  nameZh: '企业上市挂牌奖励',
  clause: '对成功上市的企业"一事一议"给予奖励,其中企业首发上市、在新三板挂牌、在吉林省区域性股权市场挂牌(不含展示板)成功后,分别给予100万元、50万元、10万元的一次性奖励',
  summary: 'IPO 1,000,000, NEEQ 500,000, Jilin regional equity market 100,000 yuan, once per market; the display board is not eligible; decided case by case (一事一议).',
  form: z.strictObject({
    market: z
      .enum(['ipo', 'neeq', 'regional-equity', 'regional-equity-display'])
      .describe('首发上市 / 新三板 / 吉林省区域性股权市场 / 区域性股权市场展示板'),
  }),
  limit: { kind: 'once', per: 'market' },
  limitKeys: (f) => [f.market],
  requiredDocuments: [doc('Listing approval or exchange listing notice', '上市或挂牌成功的批复或公告')],
  rule: (f) => {
    if (f.market === 'regional-equity-display') {
      return notEligible('The display board of the regional equity market (展示板) is excluded (不含展示板).');
    }
    const m = M21_MARKETS[f.market];
    return eligibleWith([line(m.en, `${m.zh}一次性奖励`, M21_AMOUNTS[f.market], m.clause)], { notes: [M21_CASE_BY_CASE_NOTE] });
  },
});

// ---- M22 (approval) -------------------------------------------------------------------------

export const m22GuaranteeCommendation = defineItem({
  code: 'guarantee-commendation',
  kind: 'approval',
  name: 'Commendation of a guarantee company that lowered its fee rate',
  nameZh: '融资担保公司表彰及评级加分',
  clause: '对降低担保费率,积极支持工业企业发展的融资担保公司,以政府的名义进行表彰,在全省融资担保公司分类评级中予以加分',
  summary: 'A guarantee company that lowered its fee rate and guarantees industrial enterprises: commendation in the government’s name and a bonus in the provincial rating.',
  form: z.strictObject({
    feeRateBeforeBps: z.int().min(0).max(10000).describe('Guarantee fee rate before, basis points (降费前担保费率)'),
    feeRateAfterBps: z.int().min(0).max(10000).describe('Guarantee fee rate now, basis points (现行担保费率)'),
    industrialGuaranteeBalanceFen: fenField('Balance of guarantees for industrial enterprises, fen (工业企业担保余额)'),
  }),
  limit: { kind: 'none' },
  requiredDocuments: [
    doc('Fee rate documents before and after the reduction', '降低担保费率前后的收费文件'),
    doc('Ledger of guarantees for industrial enterprises', '工业企业担保业务台账'),
  ],
  rule: (f) => {
    const failed: string[] = [];
    if (f.feeRateAfterBps >= f.feeRateBeforeBps) failed.push('The guarantee fee rate was not lowered (降低担保费率).');
    if (f.industrialGuaranteeBalanceFen === 0) failed.push('No guarantees for industrial enterprises are reported (积极支持工业企业发展).');
    return conditions(failed, () => []);
  },
});

// ---- M26 --------------------------------------------------------------------------------

/** 按实际投资额的2%给予年度补贴 */
export const M26_RATE_BPS = 200;
/** 单个企业年度补贴上限20万元 */
export const M26_CAP_PER_YEAR = yuan(200_000);

export const m26FundInvestment = defineItem({
  code: 'fund-investment',
  kind: 'award',
  name: 'Subsidy on investment from the regional sub-fund or the provincial industry fund',
  nameZh: '获得基金投资企业年度补贴',
  clause: '对获得上述基金投资的企业,按实际投资额的2%给予年度补贴,单个企业年度补贴上限20万元,补贴期限为1年',
  summary: '2% of the actual investment, at most 200,000 yuan per enterprise per year, paid for one year only.',
  form: z.strictObject({
    fund: z.enum(['regional-subfund', 'provincial-industry-fund']).describe('区域性投资子基金 / 省级产业投资基金'),
    investmentFen: fenField('Actual investment received, fen (实际投资额)'),
    investmentYear: yearField('Year the investment was received (投资到位年度); the subsidy year'),
  }),
  limit: { kind: 'per_period', period: 'year', capFen: M26_CAP_PER_YEAR },
  period: (f) => String(f.investmentYear),
  check: (f, ctx) =>
    f.investmentYear > ctx.asOfYear ? [{ path: 'investmentYear', message: `${f.investmentYear} is after the quote date ${ctx.asOf}` }] : [],
  requiredDocuments: [
    doc('Investment agreement with the fund', '基金投资协议'),
    doc('Bank receipt of the investment', '投资款到账凭证'),
  ],
  rule: (f, ctx) => {
    // 补贴期限为1年: one subsidy year per enterprise; several investments in that year share its cap.
    const otherYear = ctx.priorAwards.find((a) => a.period !== undefined && a.period !== String(f.investmentYear));
    if (otherYear) {
      return notEligible(
        `The enterprise was already subsidised for ${otherYear.period ?? ''}; the subsidy runs for one year only (补贴期限为1年).`,
      );
    }
    if (f.investmentFen === 0) return notEligible('No investment is reported (实际投资额).');
    return eligibleWith([
      line(
        `2% of investment ${yuanText(f.investmentFen)}`,
        `实际投资额${yuanTextZh(f.investmentFen)} × 2%`,
        applyRateBps(f.investmentFen, M26_RATE_BPS),
        '按实际投资额的2%给予年度补贴',
      ),
    ]);
  },
});
