// The 46 measures as data (policy-measures.zh.txt; MEASURES.md is our reading). Measures
// 27-36 are ten separate sentences in the text and get ten entries. Amount rules live in
// items/*.ts next to their forms; open parameters are declared here, per measure.
import type { ApplicantType, Chapter, DepartmentCode, Measure, MeasureKind, ParameterDefinition, PolicyItem, SlaProfile } from './types';
import { m03Title, m04RegionalTrademark, m05BrandTitle, m06IpDemonstration, m06IpPledgeMatching, m07MadridTrademark, m08OnlineSales } from './items/titles-brands';
import { m09Exhibition, m10CatalogueListing, m11OemSupply, m12ChainRecruitment, M12_RATE_PARAMETER } from './items/market';
import {
  m13RndConversion,
  m14TalentEvent,
  m16OrderClassRefund,
  m17StaffTraining,
  m18SkillCertificate,
  m19OutstandingEntrepreneur,
  m19OutstandingRndTalent,
} from './items/innovation-talent';
import { m21Listing, m22GuaranteeCommendation, m26FundInvestment } from './items/finance';
import { m37IdleAssetUpgrade, m38LogisticsUpgrade } from './items/factors';
import { m42ExportRefundPriority, m44SocialInsuranceBuffer, M44_MAX_MONTHS_PARAMETER } from './items/services';

export const CHAPTERS: readonly Chapter[] = [
  { no: 1, titleZh: '确保惠企政策直达兑现', title: 'Policies reach enterprises directly' },
  { no: 2, titleZh: '支持工业企业品牌培育', title: 'Brand building' },
  { no: 3, titleZh: '支持工业企业市场拓展及产业链招商', title: 'Market expansion and supply-chain recruitment' },
  { no: 4, titleZh: '建立辽源市产业技术研究院', title: 'Liaoyuan industrial technology research institute' },
  { no: 5, titleZh: '强化工业企业人才培养保障', title: 'Talent development' },
  { no: 6, titleZh: '强化工业企业金融服务保障', title: 'Financial services' },
  { no: 7, titleZh: '强化工业企业生产要素供给保障', title: 'Production factors: land, energy, water, transport' },
  { no: 8, titleZh: '优化工业企业审批服务', title: 'Approval services' },
  { no: 9, titleZh: '优化工业企业执法环境', title: 'Law enforcement environment' },
  { no: 10, titleZh: '建立工业企业诉求反馈机制', title: 'Enterprise feedback mechanism' },
];

/** Working-day defaults of an award or approval case. */
export const DEFAULT_SLA: SlaProfile = { acceptanceDays: 5, reviewDays: 20, publicityDays: 5, supplementDays: 10, paymentDays: 15 };

/**
 * Measure 42, 退税优先审核、优先办结: priority review and completion, so every stage is shorter.
 * 1 day to accept and 3 to review match the tax administration's own fast-track practice of
 * completing normal export refunds within a few working days; 3 days to supplement keeps the
 * priority meaningful; no publicity (taxpayer information is confidential, 涉税信息保密) and no
 * payment stage (the refund is paid through the treasury by the tax system, not by this case).
 */
export const M42_SLA: SlaProfile = { acceptanceDays: 1, reviewDays: 3, publicityDays: 0, supplementDays: 3, paymentDays: 0 };

/** Measure 44: the defaults, but no publicity: an enterprise's payment difficulty is tax-confidential (涉税信息保密). */
export const M44_SLA: SlaProfile = { ...DEFAULT_SLA, publicityDays: 0 };

export const PARAMETER_DEFINITIONS: readonly ParameterDefinition[] = [
  {
    name: 'M06.newSinceYear',
    label: "First year that counts as 'newly named' national IP demonstration enterprise",
    labelZh: '新获评国家知识产权示范企业的起算年度',
    unit: 'year',
    min: 2000,
    max: 2100,
    // The text has no date; the catalogue's own start year 2025 is the default reading of 新获评.
    defaultValue: 2025,
    note: '新获评 read as: named in or after this year. The text gives no start date; 2025 is the catalogue start.',
  },
  {
    name: M12_RATE_PARAMETER,
    label: 'Extra award rate on the supplier output above 20,000,000 yuan',
    labelZh: '配套企业产值超过2000万元部分的额外奖励比例',
    unit: 'bps',
    min: 0,
    max: 10000,
    defaultValue: null,
    note: 'The text says 额外核算奖励 with no rate; pending implementation details (待实施细则明确). Null leaves that part out of every quote.',
  },
  {
    name: M44_MAX_MONTHS_PARAMETER,
    label: 'Maximum social insurance buffer period, months',
    labelZh: '社保缴纳缓冲期最长月数',
    unit: 'month',
    min: 1,
    max: 36,
    defaultValue: null,
    note: 'The text gives no length for 缓冲期; pending implementation details (待实施细则明确).',
  },
];

function parametersOf(prefix: string): ParameterDefinition[] {
  return PARAMETER_DEFINITIONS.filter((p) => p.name.startsWith(`${prefix}.`));
}

interface MeasureSpec {
  readonly no: number;
  readonly chapter: number;
  readonly titleZh: string;
  readonly name: string;
  readonly lead: DepartmentCode;
  readonly co?: readonly DepartmentCode[];
  readonly kind: MeasureKind;
  readonly applicants: readonly ApplicantType[];
  readonly items?: readonly PolicyItem[];
  readonly sla?: SlaProfile;
  readonly notes?: readonly string[];
}

function measure(s: MeasureSpec): Measure {
  const code = `M${String(s.no).padStart(2, '0')}`;
  const chapter = CHAPTERS.find((c) => c.no === s.chapter);
  if (!chapter) throw new Error(`measure ${code}: unknown chapter ${s.chapter}`);
  const runsCase = s.kind === 'award' || s.kind === 'approval';
  return {
    code,
    no: s.no,
    chapter,
    titleZh: s.titleZh,
    name: s.name,
    lead: s.lead,
    co: s.co ?? [],
    kind: s.kind,
    applicantTypes: s.applicants,
    items: s.items ?? [],
    parameters: parametersOf(code),
    sla: runsCase ? (s.sla ?? DEFAULT_SLA) : null,
    notes: s.notes ?? [],
  };
}

const E: readonly ApplicantType[] = ['enterprise'];
const INFO_NOTE = 'No case of its own: requests and questions arrive as appeals (measure 45) and are dispatched to the lead department.';

export const MEASURES: readonly Measure[] = [
  // 一、确保惠企政策直达兑现
  measure({ no: 1, chapter: 1, titleZh: '动态收集惠企政策,精准匹配并定向推送', name: 'Policy collection, matching and push', lead: 'GXJ', kind: 'platform', applicants: E,
    notes: ['matchEnterprise() is the matching building block; push happens on every publication or change.'] }),
  measure({ no: 2, chapter: 1, titleZh: '国家和省专项资金独立管理核算、直达企业账户', name: 'Independent ledger for national and provincial special funds', lead: 'CZJ', kind: 'platform', applicants: E }),
  measure({ no: 3, chapter: 1, titleZh: '当年度获省级及以上工信部门称号企业奖补', name: 'Award for industry-and-IT titles', lead: 'GXJ', kind: 'award', applicants: E, items: [m03Title],
    notes: ['当年度: only a title granted in the year of the quote date. A re-granted title in a later year counts as that year’s grant (once per title and year).'] }),
  // 二、支持工业企业品牌培育
  measure({ no: 4, chapter: 2, titleZh: '获批区域商标(地理标志、集体商标)一次性补助', name: 'Regional trademark subsidy', lead: 'SCJ', kind: 'award', applicants: E, items: [m04RegionalTrademark] }),
  measure({ no: 5, chapter: 2, titleZh: '获评国家级、省级知名品牌称号一次性补贴', name: 'Famous brand title subsidy', lead: 'SCJ', co: ['GXJ'], kind: 'award', applicants: E, items: [m05BrandTitle] }),
  measure({ no: 6, chapter: 2, titleZh: '国家知识产权示范企业奖励及质押融资配套补助', name: 'IP demonstration award and pledge-financing matching subsidy', lead: 'SCJ', kind: 'award', applicants: E,
    items: [m06IpDemonstration, m06IpPledgeMatching],
    notes: ['新获评 (newly named) is read through parameter M06.newSinceYear.', '每户10万元 is read as once per enterprise, not once per provincial subsidy.'] }),
  measure({ no: 7, chapter: 2, titleZh: '新获得马德里商标注册每件补助2000元', name: 'Madrid trademark registration subsidy', lead: 'SCJ', kind: 'award', applicants: E, items: [m07MadridTrademark],
    notes: ['Each registration is awarded once; the registration numbers are the limit keys.'] }),
  measure({ no: 8, chapter: 2, titleZh: '线上经营主体年销售额达500万元且完成统计备案一次性奖励', name: 'Online seller award', lead: 'GXJ', kind: 'award', applicants: ['seller'], items: [m08OnlineSales],
    notes: ['Applicants are online operators selling Liaoyuan industrial products (shops, live-streaming agencies), not necessarily industrial enterprises.'] }),
  // 三、支持工业企业市场拓展及产业链招商
  measure({ no: 9, chapter: 3, titleZh: '参加市工信局组织的域外展会费用补贴', name: 'Exhibition cost subsidy', lead: 'GXJ', kind: 'award', applicants: E, items: [m09Exhibition],
    notes: ['The rate (10%-30%) is set per exhibition and arrives in the facts as rateBps.', '展位费、交通住宿费等: booth, travel and lodging are the costs counted; other costs are not.'] }),
  measure({ no: 10, chapter: 3, titleZh: '建立"辽源工业优质产品推荐目录"并推送', name: 'Recommended industrial products catalogue', lead: 'GXJ', kind: 'approval', applicants: E, items: [m10CatalogueListing],
    notes: ['目录仅为信息参考,不构成采购强制或优先依据: information only.'] }),
  measure({ no: 11, chapter: 3, titleZh: '重点主机厂单一主机厂配套产值达标分档奖励', name: 'Key OEM supply output award', lead: 'GXJ', kind: 'award', applicants: E, items: [m11OemSupply],
    notes: ['单一主机厂: the best single OEM decides; tiers do not add up.', '本年度 + 一次性 read as once per enterprise and output year; whether a later year (or a higher tier) pays again is not settled by the text.'] }),
  measure({ no: 12, chapter: 3, titleZh: '龙头企业产业链招商配套企业升规奖励', name: 'Supply-chain recruitment award', lead: 'GXJ', kind: 'award', applicants: E, items: [m12ChainRecruitment],
    notes: ['The extra award rate is open in the text: parameter M12.extraRateBps (null = pending).', 'Both parts require the supplier to be above-scale (在此基础上). Once per recruited supplier.'] }),
  // 四、建立辽源市产业技术研究院
  measure({ no: 13, chapter: 4, titleZh: '研究院立项成果转化项目两年内完成且销售达300万元支持10万元', name: 'Research conversion project support', lead: 'KJJ', kind: 'award', applicants: E, items: [m13RndConversion],
    notes: ['在两年内完成: from registration up to and including the second anniversary (29 February → 28 February).'] }),
  // 五、强化工业企业人才培养保障
  measure({ no: 14, chapter: 5, titleZh: '人才供需对接活动场地支持与经费补助', name: 'Talent matching events', lead: 'RSJ', kind: 'award', applicants: ['enterprise', 'college'], items: [m14TalentEvent],
    notes: ['场地支持 (venue support) is in kind, not money. The 10,000 yuan cap is per event.'] }),
  measure({ no: 15, chapter: 5, titleZh: '鼓励工业企业自主开展职称评审', name: 'Enterprise-run professional title review', lead: 'RSJ', kind: 'info', applicants: E, notes: [INFO_NOTE] }),
  measure({ no: 16, chapter: 5, titleZh: '"订单班"联合培养补贴、学费返还及奖学金', name: 'Order classes: tuition refund and scholarship', lead: 'JYJ', kind: 'award', applicants: ['college', 'enterprise'], items: [m16OrderClassRefund],
    notes: [
      '给予企业联合培养补贴 (joint training subsidy to the enterprise) has no amount in the text and is not modelled.',
      '按年度返还学费: tuitionFen is this year’s tuition claim; refundedFen what earlier years refunded; the room is 3,500 yuan minus that.',
      'The scholarship also needs 12 months of employment (same sentence) and is paid once.',
    ] }),
  measure({ no: 17, chapter: 5, titleZh: '职业院校为企业开展职工技能提升培训经费补贴', name: 'Staff skills training subsidy', lead: 'JYJ', kind: 'award', applicants: ['college'], items: [m17StaffTraining] }),
  measure({ no: 18, chapter: 5, titleZh: '初级、中级、高级工培训取证补贴', name: 'Vocational certificate subsidy', lead: 'GXJ', kind: 'award', applicants: ['enterprise', 'person'], items: [m18SkillCertificate],
    notes: ['给予职工个人或企业: paid to the person or the enterprise; the text sets no repeat limit.'] }),
  measure({ no: 19, chapter: 5, titleZh: '"优秀工业企业家""工业杰出研发人才"评选奖励', name: 'Outstanding entrepreneur and R&D talent awards', lead: 'GXJ', kind: 'award', applicants: ['person'],
    items: [m19OutstandingEntrepreneur, m19OutstandingRndTalent] }),
  // 六、强化工业企业金融服务保障
  measure({ no: 20, chapter: 6, titleZh: '金融机构开发小微企业智能化设备专属信贷产品', name: 'Credit products for smart equipment of small firms', lead: 'CZJ', kind: 'info', applicants: E, notes: [INFO_NOTE] }),
  measure({ no: 21, chapter: 6, titleZh: '企业上市挂牌"一事一议"奖励', name: 'Listing award', lead: 'CZJ', kind: 'award', applicants: E, items: [m21Listing],
    notes: ['一事一议: decided case by case; quotes show the standard amount with a note.', '不含展示板: the regional equity display board is not eligible.'] }),
  measure({ no: 22, chapter: 6, titleZh: '降低担保费率的融资担保公司表彰及评级加分', name: 'Guarantee company commendation', lead: 'CZJ', kind: 'approval', applicants: ['guarantee_company'], items: [m22GuaranteeCommendation] }),
  measure({ no: 23, chapter: 6, titleZh: '银行开通中小微企业无还本续贷', name: 'Loan renewal without principal repayment', lead: 'JRJ', kind: 'info', applicants: E, notes: [INFO_NOTE] }),
  measure({ no: 24, chapter: 6, titleZh: '向规上工业企业派驻金融政策联络员', name: 'Financial liaison officers', lead: 'RMYH', kind: 'info', applicants: E, notes: ['Requests raised through the liaison officers arrive as appeals.'] }),
  measure({ no: 25, chapter: 6, titleZh: '公布金融机构工业企业存贷比排名', name: 'Bank loan-to-deposit ranking', lead: 'RMYH', kind: 'platform', applicants: ['bank'] }),
  measure({ no: 26, chapter: 6, titleZh: '获得子基金或省级产业基金投资企业年度补贴', name: 'Fund investment subsidy', lead: 'GXJ', kind: 'award', applicants: E, items: [m26FundInvestment],
    notes: ['补贴期限为1年: one subsidy year per enterprise; investments in that year share the 200,000 yuan cap.'] }),
  // 七、强化工业企业生产要素供给保障 (27-36: one sentence each, one measure each)
  measure({ no: 27, chapter: 7, titleZh: '依规保障符合产业规划企业的合理用地需求', name: 'Land for enterprises that fit the industrial plan', lead: 'ZRZYJ', kind: 'info', applicants: E, notes: [INFO_NOTE] }),
  measure({ no: 28, chapter: 7, titleZh: '开发区工业用地"标准地"出让', name: '"Standard land" transfer in development zones', lead: 'ZRZYJ', kind: 'info', applicants: E, notes: [INFO_NOTE] }),
  measure({ no: 29, chapter: 7, titleZh: '厂房屋顶光伏自发自用、余电上网并配置储能', name: 'Rooftop solar for own use with storage', lead: 'NYJ', kind: 'info', applicants: E, notes: [INFO_NOTE] }),
  measure({ no: 30, chapter: 7, titleZh: '燃气管道铺设到企业红线区域', name: 'Gas pipelines to the plot boundary', lead: 'ZJJ', kind: 'info', applicants: E, notes: [INFO_NOTE] }),
  measure({ no: 31, chapter: 7, titleZh: '工业天然气价格联动机制', name: 'Industrial gas price linkage', lead: 'FGW', kind: 'info', applicants: E, notes: [INFO_NOTE] }),
  measure({ no: 32, chapter: 7, titleZh: '按热值、面积或两者结合的供热计费模式', name: 'Heating billing by heat value or area', lead: 'FGW', kind: 'info', applicants: E, notes: [INFO_NOTE] }),
  measure({ no: 33, chapter: 7, titleZh: '用水效率达国家先进值的纳税人减征水资源税', name: 'Water resource tax reduction for efficient users', lead: 'SLJ', kind: 'info', applicants: E, notes: [INFO_NOTE] }),
  measure({ no: 34, chapter: 7, titleZh: '支持蒸汽供应企业实施技术改造', name: 'Technical upgrades of steam suppliers', lead: 'GXQ', kind: 'info', applicants: E, notes: [INFO_NOTE] }),
  measure({ no: 35, chapter: 7, titleZh: '鼓励园区新上汽源项目降低蒸汽价格', name: 'New steam sources in industrial parks', lead: 'GXQ', kind: 'info', applicants: E, notes: [INFO_NOTE] }),
  measure({ no: 36, chapter: 7, titleZh: '定制员工通勤公交专线、开通厂区班车', name: 'Commuter bus lines and factory shuttles', lead: 'JFJT', kind: 'info', applicants: E, notes: [INFO_NOTE] }),
  measure({ no: 37, chapter: 7, titleZh: '盘活工业闲置资产实现升规入统奖励', name: 'Idle asset revitalisation upgrade award', lead: 'GXJ', kind: 'award', applicants: E, items: [m37IdleAssetUpgrade],
    notes: ['每户10万元 read as once per enterprise.'] }),
  measure({ no: 38, chapter: 7, titleZh: '物流企业首次纳规且营收达2000万元一次性奖励', name: 'Logistics enterprise above-scale award', lead: 'GXJ', kind: 'award', applicants: E, items: [m38LogisticsUpgrade] }),
  // 八、优化工业企业审批服务
  measure({ no: 39, chapter: 8, titleZh: '项目立项至竣工验收全周期"一对一"免费代办', name: 'Free one-to-one proxy service for project approvals', lead: 'GXJ', kind: 'proxy', applicants: E }),
  measure({ no: 40, chapter: 8, titleZh: '经营许可变更、资质延续等高频事项绿色通道', name: 'Green channel for frequent post-production items', lead: 'GXJ', kind: 'proxy', applicants: E }),
  measure({ no: 41, chapter: 8, titleZh: '工业企业行政事业性收费减免清单', name: 'Administrative fee reduction list', lead: 'CZJ', kind: 'info', applicants: E, notes: [INFO_NOTE] }),
  measure({ no: 42, chapter: 8, titleZh: '出口退税优先审核、优先办结', name: 'Export tax refund fast channel', lead: 'SWJ', kind: 'approval', applicants: E, items: [m42ExportRefundPriority], sla: M42_SLA,
    notes: ['符合条件 (qualifying) is not defined in the text; the tax authority applies its own conditions.'] }),
  // 九、优化工业企业执法环境
  measure({ no: 43, chapter: 9, titleZh: '轻微违法行为不予行政处罚清单', name: 'List of minor violations not penalised', lead: 'SFJ', kind: 'info', applicants: E, notes: [INFO_NOTE] }),
  measure({ no: 44, chapter: 9, titleZh: '暂时困难企业社保缴纳缓冲期', name: 'Social insurance payment buffer period', lead: 'SWJ', kind: 'approval', applicants: E, items: [m44SocialInsuranceBuffer], sla: M44_SLA,
    notes: ['The buffer length is open in the text: parameter M44.maxBufferMonths (null = pending).'] }),
  // 十、建立工业企业诉求反馈机制
  measure({ no: 45, chapter: 10, titleZh: '工业企业诉求反馈平台,全闭环处理', name: 'Enterprise consultation and appeal platform', lead: 'GXJ', kind: 'appeal', applicants: E }),
  measure({ no: 46, chapter: 10, titleZh: '府院联动涉企诉讼执行绿色通道', name: 'Court green channel for enterprise enforcement cases', lead: 'FY', kind: 'appeal', applicants: E,
    notes: ['A referral category inside the appeal platform of measure 45.'] }),
];
