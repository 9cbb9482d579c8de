// quote(): every award item at the boundaries of the text (以上/达/不超过 include the number),
// caps as negative lines, once-only and per-period limits via priorAwards, open parameters as
// pending parts, and catalogue versions that keep their rule.
import { expectCode } from '../support/errors';
import { AppError } from '../../domain/errors';
import { yuan } from '../../domain/money';
import { defaultCatalogue, quote, withParameters, type CatalogueVersion, type PriorAward, type Quote, type QuoteRequest } from '../../domain/policy';

const v1 = defaultCatalogue();
const AS_OF = '2025-06-30';

/** Quotes and checks the invariants every quote keeps. */
function q(req: Omit<QuoteRequest, 'asOf'> & { asOf?: string }, catalogue: CatalogueVersion = v1): Quote {
  const result = quote(catalogue, { asOf: AS_OF, ...req });
  expect(result.breakdown.reduce((s, l) => s + l.amountFen, 0)).toBe(result.amountFen);
  for (const l of result.breakdown) expect(Number.isSafeInteger(l.amountFen)).toBe(true);
  if (!result.eligible) {
    expect(result.amountFen).toBe(0);
    expect(result.breakdown).toEqual([]);
    expect(result.reasons.length).toBeGreaterThan(0);
    expect(result.awardRecords).toEqual([]);
  }
  return result;
}


function issuePaths(err: AppError): string[] {
  const issues = (err.details?.issues ?? []) as Array<{ path: string; message: string }>;
  return issues.map((i) => i.path);
}

const prior = (policyCode: string, item: string, limitKey: string, amountFen: number, period?: string): PriorAward =>
  period === undefined ? { policyCode, item, limitKey, amountFen } : { policyCode, item, limitKey, amountFen, period };

interface Case {
  readonly name: string;
  readonly code: string;
  readonly item: string;
  readonly facts: Record<string, unknown>;
  readonly asOf?: string;
  readonly prior?: readonly PriorAward[];
  readonly eligible: boolean;
  readonly amountFen?: number;
  /** Expected breakdown line amounts, in order. */
  readonly lines?: readonly number[];
  readonly reason?: RegExp;
}

const CREDIT = '91220400MA17XKWQ3D';

const M03 = { level: 'provincial', grantedYear: 2025, titleName: '专精特新中小企业' };
const M09 = { exhibitionName: '广交会2025', boothFeeFen: yuan(8_000), travelFen: yuan(1_000), lodgingFen: yuan(1_000), rateBps: 2000 };
const M12 = { supplierCreditCode: CREDIT, supplierUpgradedToAboveScale: true, supplierOutputFen: yuan(15_000_000) };
const M13 = { projectNo: 'LYIR-2023-007', registeredAt: '2023-03-15', completedAt: '2025-03-15', targetProductSalesFen: yuan(3_000_000) };
const M16g = { tuitionFen: yuan(3_000), employedMonths: 12, refundedFen: 0, outstanding: false, scholarshipPaid: false };
const M38 = { firstTimeAboveScale: true, annualRevenueFen: yuan(20_000_000), stableOperationMonths: 12 };

const AWARD_CASES: Case[] = [
  // ---- M03 当年度获得省级及以上工信部门称号: 10万 / 30万 ----
  { name: 'provincial title this year', code: 'M03', item: 'title', facts: M03, eligible: true, amountFen: yuan(100_000) },
  { name: 'national title this year', code: 'M03', item: 'title', facts: { ...M03, level: 'national' }, eligible: true, amountFen: yuan(300_000) },
  { name: 'granted last year (wrong year)', code: 'M03', item: 'title', facts: { ...M03, grantedYear: 2024 }, eligible: false, reason: /granted in 2024.*current year 2025.*当年度/ },
  { name: 'granted next year (wrong year)', code: 'M03', item: 'title', facts: { ...M03, grantedYear: 2026 }, eligible: false, reason: /当年度/ },
  { name: 'last day of the year', code: 'M03', item: 'title', facts: M03, asOf: '2025-12-31', eligible: true, amountFen: yuan(100_000) },
  { name: 'first day of next year', code: 'M03', item: 'title', facts: M03, asOf: '2026-01-01', eligible: false, reason: /当年度/ },
  { name: 'same title again (once)', code: 'M03', item: 'title', facts: M03, prior: [prior('M03', 'title', '2025:专精特新中小企业', yuan(100_000))], eligible: false, reason: /Already awarded.*专精特新中小企业/ },
  { name: 'another title is not blocked', code: 'M03', item: 'title', facts: M03, prior: [prior('M03', 'title', '2025:制造业单项冠军', yuan(300_000))], eligible: true, amountFen: yuan(100_000) },
  // ---- M04 区域商标一次性补助5万元 ----
  { name: 'geographical indication', code: 'M04', item: 'regional-trademark', facts: { trademarkType: 'geographical-indication', registrationNo: '12345678' }, eligible: true, amountFen: yuan(50_000) },
  { name: 'collective mark', code: 'M04', item: 'regional-trademark', facts: { trademarkType: 'collective', registrationNo: '87654321' }, eligible: true, amountFen: yuan(50_000) },
  { name: 'same trademark again (once, key trimmed)', code: 'M04', item: 'regional-trademark', facts: { trademarkType: 'collective', registrationNo: ' 87654321 ' }, prior: [prior('M04', 'regional-trademark', '87654321', yuan(50_000))], eligible: false, reason: /once per trademark.*87654321/ },
  { name: 'another trademark', code: 'M04', item: 'regional-trademark', facts: { trademarkType: 'collective', registrationNo: '1' }, prior: [prior('M04', 'regional-trademark', '2', yuan(50_000))], eligible: true, amountFen: yuan(50_000) },
  // ---- M05 国家级20万 / 省级5万, once per title ----
  { name: 'national brand title', code: 'M05', item: 'brand-title', facts: { level: 'national', titleName: '中国消费名品' }, eligible: true, amountFen: yuan(200_000) },
  { name: 'provincial brand title', code: 'M05', item: 'brand-title', facts: { level: 'provincial', titleName: '吉致吉品' }, eligible: true, amountFen: yuan(50_000) },
  { name: 'same brand title again', code: 'M05', item: 'brand-title', facts: { level: 'provincial', titleName: '吉致吉品' }, prior: [prior('M05', 'brand-title', '吉致吉品', yuan(50_000))], eligible: false, reason: /吉致吉品/ },
  { name: 'a prior award of another measure does not count', code: 'M05', item: 'brand-title', facts: { level: 'provincial', titleName: '吉致吉品' }, prior: [prior('M03', 'title', '吉致吉品', yuan(50_000))], eligible: true, amountFen: yuan(50_000) },
  // ---- M06 新获评国家知识产权示范企业5万; 质押融资配套10万 ----
  { name: 'newly named demonstration enterprise', code: 'M06', item: 'ip-demonstration', facts: { recognizedYear: 2025 }, eligible: true, amountFen: yuan(50_000) },
  { name: 'named before M06.newSinceYear', code: 'M06', item: 'ip-demonstration', facts: { recognizedYear: 2024 }, eligible: false, reason: /新获评.*M06.newSinceYear/ },
  { name: 'demonstration twice (once per enterprise)', code: 'M06', item: 'ip-demonstration', facts: { recognizedYear: 2025 }, prior: [prior('M06', 'ip-demonstration', 'enterprise', yuan(50_000))], eligible: false, reason: /once per enterprise/ },
  { name: 'pledge matching', code: 'M06', item: 'ip-pledge-matching', facts: { provincialSubsidyReceived: true }, eligible: true, amountFen: yuan(100_000) },
  { name: 'pledge without the provincial subsidy', code: 'M06', item: 'ip-pledge-matching', facts: { provincialSubsidyReceived: false }, eligible: false, reason: /省知识产权质押融资补助/ },
  { name: 'pledge matching twice', code: 'M06', item: 'ip-pledge-matching', facts: { provincialSubsidyReceived: true }, prior: [prior('M06', 'ip-pledge-matching', 'enterprise', yuan(100_000))], eligible: false, reason: /Already awarded/ },
  { name: 'pledge matching is not blocked by the demonstration award', code: 'M06', item: 'ip-pledge-matching', facts: { provincialSubsidyReceived: true }, prior: [prior('M06', 'ip-demonstration', 'enterprise', yuan(50_000))], eligible: true, amountFen: yuan(100_000) },
  // ---- M07 马德里商标每件2000元 ----
  { name: 'three registrations', code: 'M07', item: 'madrid-trademark', facts: { newRegistrations: 3, registrationNos: ['1701', '1702', '1703'] }, eligible: true, amountFen: yuan(6_000), lines: [yuan(2_000), yuan(2_000), yuan(2_000)] },
  { name: 'one registration', code: 'M07', item: 'madrid-trademark', facts: { newRegistrations: 1, registrationNos: ['1701'] }, eligible: true, amountFen: yuan(2_000) },
  { name: 'no registration', code: 'M07', item: 'madrid-trademark', facts: { newRegistrations: 0, registrationNos: [] }, eligible: false, reason: /No new Madrid/ },
  { name: 'one of three already awarded', code: 'M07', item: 'madrid-trademark', facts: { newRegistrations: 3, registrationNos: ['1701', '1702', '1703'] }, prior: [prior('M07', 'madrid-trademark', '1702', yuan(2_000))], eligible: true, amountFen: yuan(4_000), lines: [yuan(2_000), yuan(2_000), yuan(2_000), -yuan(2_000)] },
  { name: 'all already awarded', code: 'M07', item: 'madrid-trademark', facts: { newRegistrations: 2, registrationNos: ['1701', '1702'] }, prior: [prior('M07', 'madrid-trademark', '1701', yuan(2_000)), prior('M07', 'madrid-trademark', '1702', yuan(2_000))], eligible: false, reason: /1701, 1702/ },
  // ---- M08 年销售额达到500万元且完成统计备案: 5万 once ----
  { name: 'sales exactly 5,000,000 and filed', code: 'M08', item: 'online-sales', facts: { annualSalesFen: yuan(5_000_000), statisticsFiled: true }, eligible: true, amountFen: yuan(50_000) },
  { name: 'sales one fen below', code: 'M08', item: 'online-sales', facts: { annualSalesFen: yuan(5_000_000) - 1, statisticsFiled: true }, eligible: false, reason: /达到500万元/ },
  { name: 'not filed', code: 'M08', item: 'online-sales', facts: { annualSalesFen: yuan(9_000_000), statisticsFiled: false }, eligible: false, reason: /统计备案/ },
  { name: 'both conditions missing, both named', code: 'M08', item: 'online-sales', facts: { annualSalesFen: 0, statisticsFiled: false }, eligible: false, reason: /达到500万元/ },
  { name: 'second time (once)', code: 'M08', item: 'online-sales', facts: { annualSalesFen: yuan(6_000_000), statisticsFiled: true }, prior: [prior('M08', 'online-sales', 'enterprise', yuan(50_000))], eligible: false, reason: /once per enterprise/ },
  // ---- M09 10%~30%, 单次展会上限3000元 ----
  { name: '20% of 10,000', code: 'M09', item: 'exhibition', facts: M09, eligible: true, amountFen: yuan(2_000), lines: [yuan(2_000)] },
  { name: 'rate at 10% (minimum)', code: 'M09', item: 'exhibition', facts: { ...M09, rateBps: 1000 }, eligible: true, amountFen: yuan(1_000) },
  { name: 'rate at 30% exactly reaches the cap: no cap line', code: 'M09', item: 'exhibition', facts: { ...M09, rateBps: 3000 }, eligible: true, amountFen: yuan(3_000), lines: [yuan(3_000)] },
  { name: 'one fen over the cap', code: 'M09', item: 'exhibition', facts: { ...M09, lodgingFen: yuan(1_000) + 4, rateBps: 3000 }, eligible: true, amountFen: yuan(3_000), lines: [yuan(3_000) + 1, -1] },
  { name: '30% of 15,000 = 4,500 capped at 3,000', code: 'M09', item: 'exhibition', facts: { ...M09, boothFeeFen: yuan(13_000), rateBps: 3000 }, eligible: true, amountFen: yuan(3_000), lines: [yuan(4_500), -yuan(1_500)] },
  { name: 'half a fen rounds up', code: 'M09', item: 'exhibition', facts: { ...M09, boothFeeFen: 5, travelFen: 0, lodgingFen: 0, rateBps: 1000 }, eligible: true, amountFen: 1 },
  { name: 'partly used for the same exhibition: the room is the cap line', code: 'M09', item: 'exhibition', facts: { ...M09, boothFeeFen: yuan(13_000), rateBps: 3000 }, prior: [prior('M09', 'exhibition', 'applicant', yuan(1_000), '广交会2025')], eligible: true, amountFen: yuan(2_000), lines: [yuan(4_500), -yuan(2_500)] },
  { name: 'another exhibition does not use the cap', code: 'M09', item: 'exhibition', facts: M09, prior: [prior('M09', 'exhibition', 'applicant', yuan(3_000), '汉诺威工业展')], eligible: true, amountFen: yuan(2_000) },
  { name: 'cap used up for the exhibition', code: 'M09', item: 'exhibition', facts: M09, prior: [prior('M09', 'exhibition', 'applicant', yuan(3_000), '广交会2025')], eligible: false, reason: /used up/ },
  { name: 'no cost', code: 'M09', item: 'exhibition', facts: { ...M09, boothFeeFen: 0, travelFen: 0, lodgingFen: 0 }, eligible: false, reason: /No booth/ },
  // ---- M11 单一主机厂 5000万以上10万, 1亿以上20万 ----
  { name: 'two OEMs of 30,000,000 each do not add up', code: 'M11', item: 'oem-supply', facts: { outputYear: 2025, oemOutputs: [{ oem: '一汽集团', outputFen: yuan(30_000_000) }, { oem: '一汽解放', outputFen: yuan(30_000_000) }] }, eligible: false, reason: /do not add up/ },
  { name: 'one OEM of exactly 50,000,000', code: 'M11', item: 'oem-supply', facts: { outputYear: 2025, oemOutputs: [{ oem: '一汽集团', outputFen: yuan(50_000_000) }] }, eligible: true, amountFen: yuan(100_000) },
  { name: 'one fen below 50,000,000', code: 'M11', item: 'oem-supply', facts: { outputYear: 2025, oemOutputs: [{ oem: '一汽集团', outputFen: yuan(50_000_000) - 1 }] }, eligible: false, reason: /达5000万元以上/ },
  { name: 'exactly 100,000,000', code: 'M11', item: 'oem-supply', facts: { outputYear: 2025, oemOutputs: [{ oem: '一汽集团', outputFen: yuan(100_000_000) }] }, eligible: true, amountFen: yuan(200_000), lines: [yuan(200_000)] },
  { name: 'one fen below 100,000,000: first tier', code: 'M11', item: 'oem-supply', facts: { outputYear: 2025, oemOutputs: [{ oem: '一汽集团', outputFen: yuan(100_000_000) - 1 }] }, eligible: true, amountFen: yuan(100_000) },
  { name: 'best single OEM decides', code: 'M11', item: 'oem-supply', facts: { outputYear: 2025, oemOutputs: [{ oem: 'A', outputFen: yuan(40_000_000) }, { oem: 'B', outputFen: yuan(60_000_000) }] }, eligible: true, amountFen: yuan(100_000) },
  { name: 'last year output (本年度)', code: 'M11', item: 'oem-supply', facts: { outputYear: 2024, oemOutputs: [{ oem: 'A', outputFen: yuan(60_000_000) }] }, eligible: false, reason: /本年度/ },
  { name: 'again in the same year (once)', code: 'M11', item: 'oem-supply', facts: { outputYear: 2025, oemOutputs: [{ oem: 'A', outputFen: yuan(60_000_000) }] }, prior: [prior('M11', 'oem-supply', '2025', yuan(100_000))], eligible: false, reason: /once per year/ },
  { name: 'an award of an earlier year does not block', code: 'M11', item: 'oem-supply', facts: { outputYear: 2025, oemOutputs: [{ oem: 'A', outputFen: yuan(60_000_000) }] }, prior: [prior('M11', 'oem-supply', '2024', yuan(100_000))], eligible: true, amountFen: yuan(100_000) },
  // ---- M12 升规50万 + 超过2000万元部分 (rate pending) ----
  { name: 'supplier not above-scale', code: 'M12', item: 'chain-recruitment', facts: { ...M12, supplierUpgradedToAboveScale: false }, eligible: false, reason: /升规/ },
  { name: 'upgraded, output below 20,000,000', code: 'M12', item: 'chain-recruitment', facts: M12, eligible: true, amountFen: yuan(500_000) },
  { name: 'same supplier again (once)', code: 'M12', item: 'chain-recruitment', facts: M12, prior: [prior('M12', 'chain-recruitment', CREDIT, yuan(500_000))], eligible: false, reason: new RegExp(CREDIT) },
  // ---- M13 两年内完成且销售达到300万元及以上: 10万 ----
  { name: 'completed on the second anniversary, sales exactly 3,000,000', code: 'M13', item: 'rnd-conversion', facts: M13, eligible: true, amountFen: yuan(100_000) },
  { name: 'completed one day after the anniversary', code: 'M13', item: 'rnd-conversion', facts: { ...M13, completedAt: '2025-03-16' }, eligible: false, reason: /两年内/ },
  { name: 'sales one fen below', code: 'M13', item: 'rnd-conversion', facts: { ...M13, targetProductSalesFen: yuan(3_000_000) - 1 }, eligible: false, reason: /300万元及以上/ },
  { name: 'completed the same day as registered', code: 'M13', item: 'rnd-conversion', facts: { ...M13, completedAt: '2023-03-15' }, eligible: true, amountFen: yuan(100_000) },
  { name: 'registered 29 Feb: anniversary is 28 Feb', code: 'M13', item: 'rnd-conversion', facts: { ...M13, registeredAt: '2024-02-29', completedAt: '2026-02-28' }, asOf: '2026-06-30', eligible: true, amountFen: yuan(100_000) },
  { name: 'registered 29 Feb, completed 1 March two years on', code: 'M13', item: 'rnd-conversion', facts: { ...M13, registeredAt: '2024-02-29', completedAt: '2026-03-01' }, asOf: '2026-06-30', eligible: false, reason: /2026-02-28/ },
  { name: 'same project again', code: 'M13', item: 'rnd-conversion', facts: M13, prior: [prior('M13', 'rnd-conversion', 'LYIR-2023-007', yuan(100_000))], eligible: false, reason: /once per project/ },
  // ---- M14 每场活动经费补助不超过1万元 ----
  { name: 'cost below the cap', code: 'M14', item: 'talent-event', facts: { eventName: '2025春季校企对接会', eventCostFen: yuan(8_000) }, eligible: true, amountFen: yuan(8_000) },
  { name: 'cost exactly 10,000', code: 'M14', item: 'talent-event', facts: { eventName: 'E', eventCostFen: yuan(10_000) }, eligible: true, amountFen: yuan(10_000), lines: [yuan(10_000)] },
  { name: 'one fen over', code: 'M14', item: 'talent-event', facts: { eventName: 'E', eventCostFen: yuan(10_000) + 1 }, eligible: true, amountFen: yuan(10_000), lines: [yuan(10_000) + 1, -1] },
  { name: 'cost 15,000', code: 'M14', item: 'talent-event', facts: { eventName: 'E', eventCostFen: yuan(15_000) }, eligible: true, amountFen: yuan(10_000), lines: [yuan(15_000), -yuan(5_000)] },
  { name: 'same event partly funded', code: 'M14', item: 'talent-event', facts: { eventName: 'E', eventCostFen: yuan(8_000) }, prior: [prior('M14', 'talent-event', 'event', yuan(6_000), 'E')], eligible: true, amountFen: yuan(4_000), lines: [yuan(8_000), -yuan(4_000)] },
  { name: 'same event fully funded', code: 'M14', item: 'talent-event', facts: { eventName: 'E', eventCostFen: yuan(8_000) }, prior: [prior('M14', 'talent-event', 'event', yuan(10_000), 'E')], eligible: false, reason: /used up/ },
  { name: 'no cost', code: 'M14', item: 'talent-event', facts: { eventName: 'E', eventCostFen: 0 }, eligible: false, reason: /No event cost/ },
  // ---- M16 满一年, 累计最高0.35万元, 优秀另给0.1万元 ----
  { name: 'employed exactly 12 months', code: 'M16', item: 'order-class-refund', facts: { graduates: [M16g] }, eligible: true, amountFen: yuan(3_000) },
  { name: 'employed 11 months', code: 'M16', item: 'order-class-refund', facts: { graduates: [{ ...M16g, employedMonths: 11 }] }, eligible: false, reason: /满一年/ },
  { name: 'tuition exactly 3,500: no cap line', code: 'M16', item: 'order-class-refund', facts: { graduates: [{ ...M16g, tuitionFen: yuan(3_500) }] }, eligible: true, amountFen: yuan(3_500), lines: [yuan(3_500)] },
  { name: 'tuition 4,000 capped at 3,500', code: 'M16', item: 'order-class-refund', facts: { graduates: [{ ...M16g, tuitionFen: yuan(4_000) }] }, eligible: true, amountFen: yuan(3_500), lines: [yuan(4_000), -yuan(500)] },
  { name: 'outstanding graduate gets the scholarship', code: 'M16', item: 'order-class-refund', facts: { graduates: [{ ...M16g, outstanding: true }] }, eligible: true, amountFen: yuan(4_000), lines: [yuan(3_000), yuan(1_000)] },
  { name: 'scholarship already paid', code: 'M16', item: 'order-class-refund', facts: { graduates: [{ ...M16g, outstanding: true, scholarshipPaid: true }] }, eligible: true, amountFen: yuan(3_000), reason: /already paid/ },
  { name: 'one of two graduates too early', code: 'M16', item: 'order-class-refund', facts: { graduates: [{ ...M16g, graduateId: '张三' }, { ...M16g, graduateId: '李四', employedMonths: 6 }] }, eligible: true, amountFen: yuan(3_000), reason: /李四: employed 6 months/ },
  // ---- M17 每人每学时20元 ----
  { name: '100 trainee class hours', code: 'M17', item: 'staff-training', facts: { traineeClassHours: 100 }, eligible: true, amountFen: yuan(2_000) },
  { name: 'one trainee class hour', code: 'M17', item: 'staff-training', facts: { traineeClassHours: 1 }, eligible: true, amountFen: yuan(20) },
  { name: 'no hours', code: 'M17', item: 'staff-training', facts: { traineeClassHours: 0 }, eligible: false, reason: /No trainee/ },
  // ---- M18 初级300 中级500 高级800 ----
  { name: 'one of each level', code: 'M18', item: 'skill-certificate', facts: { junior: 1, intermediate: 1, senior: 1 }, eligible: true, amountFen: yuan(1_600), lines: [yuan(300), yuan(500), yuan(800)] },
  { name: 'ten junior', code: 'M18', item: 'skill-certificate', facts: { junior: 10, intermediate: 0, senior: 0 }, eligible: true, amountFen: yuan(3_000), lines: [yuan(3_000)] },
  { name: 'nobody', code: 'M18', item: 'skill-certificate', facts: { junior: 0, intermediate: 0, senior: 0 }, eligible: false, reason: /No certified/ },
  // ---- M19 分别给予1万元 ----
  { name: 'outstanding entrepreneur', code: 'M19', item: 'outstanding-entrepreneur', facts: { selectionYear: 2025 }, eligible: true, amountFen: yuan(10_000) },
  { name: 'outstanding R&D talent', code: 'M19', item: 'outstanding-rnd-talent', facts: { selectionYear: 2025 }, eligible: true, amountFen: yuan(10_000) },
  { name: 'same selection twice', code: 'M19', item: 'outstanding-entrepreneur', facts: { selectionYear: 2025 }, prior: [prior('M19', 'outstanding-entrepreneur', '2025', yuan(10_000))], eligible: false, reason: /once per selection year/ },
  { name: 'the other title of the same year is separate', code: 'M19', item: 'outstanding-rnd-talent', facts: { selectionYear: 2025 }, prior: [prior('M19', 'outstanding-entrepreneur', '2025', yuan(10_000))], eligible: true, amountFen: yuan(10_000) },
  { name: 'next year’s selection is separate', code: 'M19', item: 'outstanding-entrepreneur', facts: { selectionYear: 2026 }, asOf: '2026-03-01', prior: [prior('M19', 'outstanding-entrepreneur', '2025', yuan(10_000))], eligible: true, amountFen: yuan(10_000) },
  // ---- M21 100万/50万/10万, 不含展示板, once per market ----
  { name: 'IPO', code: 'M21', item: 'listing', facts: { market: 'ipo' }, eligible: true, amountFen: yuan(1_000_000) },
  { name: 'NEEQ', code: 'M21', item: 'listing', facts: { market: 'neeq' }, eligible: true, amountFen: yuan(500_000) },
  { name: 'regional equity market', code: 'M21', item: 'listing', facts: { market: 'regional-equity' }, eligible: true, amountFen: yuan(100_000) },
  { name: 'display board', code: 'M21', item: 'listing', facts: { market: 'regional-equity-display' }, eligible: false, reason: /不含展示板/ },
  { name: 'NEEQ again', code: 'M21', item: 'listing', facts: { market: 'neeq' }, prior: [prior('M21', 'listing', 'neeq', yuan(500_000))], eligible: false, reason: /once per market.*neeq/ },
  { name: 'IPO after NEEQ', code: 'M21', item: 'listing', facts: { market: 'ipo' }, prior: [prior('M21', 'listing', 'neeq', yuan(500_000))], eligible: true, amountFen: yuan(1_000_000) },
  // ---- M26 2%, 年度上限20万, 期限1年 ----
  { name: '2% of 5,000,000', code: 'M26', item: 'fund-investment', facts: { fund: 'regional-subfund', investmentFen: yuan(5_000_000), investmentYear: 2025 }, eligible: true, amountFen: yuan(100_000) },
  { name: '2% of 10,000,000 = exactly the cap', code: 'M26', item: 'fund-investment', facts: { fund: 'provincial-industry-fund', investmentFen: yuan(10_000_000), investmentYear: 2025 }, eligible: true, amountFen: yuan(200_000), lines: [yuan(200_000)] },
  { name: '2% of 10,000,000.50 (1 fen over after rounding)', code: 'M26', item: 'fund-investment', facts: { fund: 'provincial-industry-fund', investmentFen: yuan(10_000_000) + 50, investmentYear: 2025 }, eligible: true, amountFen: yuan(200_000), lines: [yuan(200_000) + 1, -1] },
  { name: '2% of 15,000,000 capped', code: 'M26', item: 'fund-investment', facts: { fund: 'regional-subfund', investmentFen: yuan(15_000_000), investmentYear: 2025 }, eligible: true, amountFen: yuan(200_000), lines: [yuan(300_000), -yuan(100_000)] },
  { name: 'a second investment in the same year shares the cap', code: 'M26', item: 'fund-investment', facts: { fund: 'provincial-industry-fund', investmentFen: yuan(5_000_000), investmentYear: 2025 }, prior: [prior('M26', 'fund-investment', 'applicant', yuan(150_000), '2025')], eligible: true, amountFen: yuan(50_000), lines: [yuan(100_000), -yuan(50_000)] },
  { name: 'year cap used up', code: 'M26', item: 'fund-investment', facts: { fund: 'provincial-industry-fund', investmentFen: yuan(5_000_000), investmentYear: 2025 }, prior: [prior('M26', 'fund-investment', 'applicant', yuan(200_000), '2025')], eligible: false, reason: /used up/ },
  { name: 'subsidised in an earlier year (期限1年)', code: 'M26', item: 'fund-investment', facts: { fund: 'regional-subfund', investmentFen: yuan(5_000_000), investmentYear: 2025 }, prior: [prior('M26', 'fund-investment', 'applicant', yuan(50_000), '2024')], eligible: false, reason: /补贴期限为1年/ },
  { name: 'half a fen rounds up', code: 'M26', item: 'fund-investment', facts: { fund: 'regional-subfund', investmentFen: 25, investmentYear: 2025 }, eligible: true, amountFen: 1 },
  { name: 'no investment', code: 'M26', item: 'fund-investment', facts: { fund: 'regional-subfund', investmentFen: 0, investmentYear: 2025 }, eligible: false, reason: /No investment/ },
  // ---- M37 每户10万元 ----
  { name: 'upgraded through the idle-asset ledger', code: 'M37', item: 'idle-asset-upgrade', facts: { upgradedToAboveScale: true, viaIdleAssetLedger: true }, eligible: true, amountFen: yuan(100_000) },
  { name: 'not through the ledger', code: 'M37', item: 'idle-asset-upgrade', facts: { upgradedToAboveScale: true, viaIdleAssetLedger: false }, eligible: false, reason: /闲置资产/ },
  { name: 'not upgraded', code: 'M37', item: 'idle-asset-upgrade', facts: { upgradedToAboveScale: false, viaIdleAssetLedger: true }, eligible: false, reason: /升规入统/ },
  { name: 'twice', code: 'M37', item: 'idle-asset-upgrade', facts: { upgradedToAboveScale: true, viaIdleAssetLedger: true }, prior: [prior('M37', 'idle-asset-upgrade', 'enterprise', yuan(100_000))], eligible: false, reason: /Already awarded/ },
  // ---- M38 年营收达2000万元及以上且稳定经营1年以上: 30万 once ----
  { name: 'revenue exactly 20,000,000 and exactly 12 months', code: 'M38', item: 'logistics-upgrade', facts: M38, eligible: true, amountFen: yuan(300_000) },
  { name: 'revenue one fen below', code: 'M38', item: 'logistics-upgrade', facts: { ...M38, annualRevenueFen: yuan(20_000_000) - 1 }, eligible: false, reason: /2000万元及以上/ },
  { name: '11 months', code: 'M38', item: 'logistics-upgrade', facts: { ...M38, stableOperationMonths: 11 }, eligible: false, reason: /稳定经营1年以上/ },
  { name: 'not the first time above-scale', code: 'M38', item: 'logistics-upgrade', facts: { ...M38, firstTimeAboveScale: false }, eligible: false, reason: /首次/ },
  { name: 'twice', code: 'M38', item: 'logistics-upgrade', facts: M38, prior: [prior('M38', 'logistics-upgrade', 'enterprise', yuan(300_000))], eligible: false, reason: /once per enterprise/ },
];

describe('award items at the boundaries of the text', () => {
  it.each(AWARD_CASES)('$code $item: $name', (c) => {
    const r = q({ policyCode: c.code, item: c.item, facts: c.facts, priorAwards: c.prior ?? [], ...(c.asOf ? { asOf: c.asOf } : {}) });
    expect(r.eligible).toBe(c.eligible);
    if (c.amountFen !== undefined) expect(r.amountFen).toBe(c.amountFen);
    if (c.lines) expect(r.breakdown.map((l) => l.amountFen)).toEqual(c.lines);
    if (c.reason) expect(r.reasons.join(' ')).toMatch(c.reason);
    if (r.eligible) {
      expect(r.awardRecords.length).toBeGreaterThan(0);
      for (const l of r.breakdown) {
        expect(l.label.length).toBeGreaterThan(0);
        expect(l.labelZh).toMatch(/[\u4e00-\u9fff]/);
        expect(l.rule.length).toBeGreaterThan(0);
      }
    }
  });

  it('every award item has at least one case above', () => {
    const covered = new Set(AWARD_CASES.map((c) => `${c.code}/${c.item}`));
    const awards = v1.measures.flatMap((m) => m.items.filter((i) => i.kind === 'award').map((i) => `${m.code}/${i.code}`));
    expect(awards.filter((a) => !covered.has(a))).toEqual([]);
  });
});

describe('caps are their own lines', () => {
  it('M09: 4,500 computed, then "cap per exhibition 3,000 yuan" of -1,500', () => {
    const r = q({ policyCode: 'M09', item: 'exhibition', facts: { ...M09, boothFeeFen: yuan(13_000), rateBps: 3000 } });
    expect(r.breakdown[1]).toMatchObject({ label: 'Cap per exhibition 3,000 yuan', amountFen: -yuan(1_500) });
    expect(r.breakdown[1]?.labelZh).toContain('单个企业单次展会补贴上限');
    expect(r.period).toBe('广交会2025');
    expect(r.awardRecords).toEqual([{ policyCode: 'M09', item: 'exhibition', limitKey: 'applicant', amountFen: yuan(3_000), period: '广交会2025' }]);
  });

  it('M09 with part of the cap used: the label names what is left', () => {
    const r = q({ policyCode: 'M09', item: 'exhibition', facts: { ...M09, rateBps: 3000 }, priorAwards: [prior('M09', 'exhibition', 'applicant', yuan(1_000), '广交会2025')] });
    expect(r.amountFen).toBe(yuan(2_000));
    expect(r.breakdown[1]?.label).toBe('Cap per exhibition 3,000 yuan (1,000 yuan already awarded, 2,000 yuan left)');
  });

  it('a prior award recorded without a period counts against no per-period cap', () => {
    const r = q({ policyCode: 'M09', item: 'exhibition', facts: M09, priorAwards: [prior('M09', 'exhibition', 'applicant', yuan(3_000))] });
    expect(r.amountFen).toBe(yuan(2_000));
  });

  it('M07: awardRecords carry one entry per new registration', () => {
    const r = q({ policyCode: 'M07', item: 'madrid-trademark', facts: { newRegistrations: 2, registrationNos: ['A1', 'A2'] }, priorAwards: [prior('M07', 'madrid-trademark', 'A1', yuan(2_000))] });
    expect(r.awardRecords).toEqual([{ policyCode: 'M07', item: 'madrid-trademark', limitKey: 'A2', amountFen: yuan(2_000) }]);
    expect(r.breakdown[2]?.label).toBe('Already awarded: registration A1 (once only)');
  });
});

describe('M12: the extra award waits for M12.extraRateBps', () => {
  const facts = { ...M12, supplierOutputFen: yuan(100_000_000) };

  it('rate null: amount 500,000, the extra part pending', () => {
    const r = q({ policyCode: 'M12', item: 'chain-recruitment', facts });
    expect(r.amountFen).toBe(yuan(500_000));
    expect(r.pending).toHaveLength(1);
    expect(r.pending[0]?.parameter).toBe('M12.extraRateBps');
    expect(r.pending[0]?.note).toContain('待实施细则明确');
    expect(r.pending[0]?.note.toLowerCase()).toContain('pending implementation details');
    expect(r.parameters).toEqual({ 'M12.extraRateBps': null });
  });

  it('output exactly 20,000,000: nothing above, nothing pending', () => {
    const r = q({ policyCode: 'M12', item: 'chain-recruitment', facts: { ...M12, supplierOutputFen: yuan(20_000_000) } });
    expect(r.amountFen).toBe(yuan(500_000));
    expect(r.pending).toEqual([]);
  });

  it('one fen above 20,000,000 with no rate: pending', () => {
    const r = q({ policyCode: 'M12', item: 'chain-recruitment', facts: { ...M12, supplierOutputFen: yuan(20_000_000) + 1 } });
    expect(r.pending.map((p) => p.parameter)).toEqual(['M12.extraRateBps']);
  });

  const v2 = withParameters(v1, { 'M12.extraRateBps': 500 }, 2, '2026-01-01');

  it.each([
    ['extra below the cap', yuan(30_000_000), yuan(1_000_000), [yuan(500_000), yuan(500_000)]],
    ['extra exactly 1,000,000: no cap line', yuan(40_000_000), yuan(1_500_000), [yuan(500_000), yuan(1_000_000)]],
    ['extra one fen over (rounded)', yuan(40_000_000) + 20, yuan(1_500_000), [yuan(500_000), yuan(1_000_000) + 1, -1]],
    ['extra 4,000,000 capped at 1,000,000', yuan(100_000_000), yuan(1_500_000), [yuan(500_000), yuan(4_000_000), -yuan(3_000_000)]],
  ])('rate 5%% set via withParameters: %s', (_name, output, amount, lines) => {
    const r = q({ policyCode: 'M12', item: 'chain-recruitment', facts: { ...M12, supplierOutputFen: output }, asOf: '2026-03-01' }, v2);
    expect(r.catalogueVersion).toBe(2);
    expect(r.pending).toEqual([]);
    expect(r.amountFen).toBe(amount);
    expect(r.breakdown.map((l) => l.amountFen)).toEqual(lines);
  });

  it('the cap line is labelled', () => {
    const r = q({ policyCode: 'M12', item: 'chain-recruitment', facts, asOf: '2026-03-01' }, v2);
    expect(r.breakdown[2]).toMatchObject({ label: 'Cap on the extra award 1,000,000 yuan', rule: '该项奖励最高不超过100万元' });
  });
});

describe('catalogue versions keep their rule', () => {
  it('a quote under version 1 is unchanged after version 2 sets a parameter', () => {
    const facts = { ...M12, supplierOutputFen: yuan(60_000_000) };
    const before = q({ policyCode: 'M12', item: 'chain-recruitment', facts });
    const v2 = withParameters(v1, { 'M12.extraRateBps': 1000 }, 2, '2026-01-01');
    const underV2 = q({ policyCode: 'M12', item: 'chain-recruitment', facts }, v2);
    const after = q({ policyCode: 'M12', item: 'chain-recruitment', facts });
    expect(underV2.amountFen).toBe(yuan(1_500_000));
    expect(underV2.parameters).toEqual({ 'M12.extraRateBps': 1000 });
    expect(after).toEqual(before);
    expect(after.catalogueVersion).toBe(1);
    expect(after.amountFen).toBe(yuan(500_000));
  });

  it('M06.newSinceYear lowered in version 2 admits an earlier recognition', () => {
    const v2 = withParameters(v1, { 'M06.newSinceYear': 2024 }, 2, '2025-07-01');
    expect(q({ policyCode: 'M06', item: 'ip-demonstration', facts: { recognizedYear: 2024 } }).eligible).toBe(false);
    expect(q({ policyCode: 'M06', item: 'ip-demonstration', facts: { recognizedYear: 2024 } }, v2).amountFen).toBe(yuan(50_000));
  });
});

describe('M16 over several years', () => {
  it('refundedFen accumulates and the room shrinks to 0', () => {
    // One graduate, 1,500 yuan tuition per year, refunded year by year (按年度返还).
    let refunded = 0;
    const paid: number[] = [];
    for (const [year, months] of [[2025, 12], [2026, 24], [2027, 36], [2028, 48]] as const) {
      const r = q({
        policyCode: 'M16',
        item: 'order-class-refund',
        facts: { graduates: [{ graduateId: 'S001', tuitionFen: yuan(1_500), employedMonths: months, refundedFen: refunded, outstanding: false, scholarshipPaid: false }] },
        asOf: `${year}-09-01`,
      });
      paid.push(r.amountFen);
      refunded += r.amountFen;
      if (year === 2027) expect(r.breakdown[1]?.label).toBe('Graduate S001: cap 3,500 yuan in total (3,000 yuan already refunded, 500 yuan left)');
      if (year === 2028) expect(r.reasons.join(' ')).toMatch(/used up/);
    }
    expect(paid).toEqual([yuan(1_500), yuan(1_500), yuan(500), 0]);
    expect(refunded).toBe(yuan(3_500));
  });

  it('the scholarship is paid once even while refunds continue', () => {
    const g = { graduateId: 'S002', tuitionFen: yuan(1_000), employedMonths: 12, refundedFen: 0, outstanding: true, scholarshipPaid: false };
    const first = q({ policyCode: 'M16', item: 'order-class-refund', facts: { graduates: [g] } });
    expect(first.amountFen).toBe(yuan(2_000));
    const second = q({ policyCode: 'M16', item: 'order-class-refund', facts: { graduates: [{ ...g, employedMonths: 24, refundedFen: yuan(1_000), scholarshipPaid: true }] } });
    expect(second.amountFen).toBe(yuan(1_000));
  });
});

describe('M21 and notes', () => {
  it('says the award is decided case by case (一事一议)', () => {
    const r = q({ policyCode: 'M21', item: 'listing', facts: { market: 'ipo' } });
    expect(r.notes.join(' ')).toContain('一事一议');
  });
});

describe('approval items (no money)', () => {
  it.each([
    ['M10', 'catalogue-listing', { productName: '梅花鹿茸片', productCategory: '食品', producedInLiaoyuan: true }, true, /信息参考|information only/],
    ['M10', 'catalogue-listing', { productName: 'X', productCategory: 'Y', producedInLiaoyuan: false }, false, /辽源工业优质产品/],
    ['M22', 'guarantee-commendation', { feeRateBeforeBps: 200, feeRateAfterBps: 150, industrialGuaranteeBalanceFen: yuan(1_000_000) }, true, null],
    ['M22', 'guarantee-commendation', { feeRateBeforeBps: 150, feeRateAfterBps: 150, industrialGuaranteeBalanceFen: yuan(1_000_000) }, false, /降低担保费率/],
    ['M22', 'guarantee-commendation', { feeRateBeforeBps: 200, feeRateAfterBps: 100, industrialGuaranteeBalanceFen: 0 }, false, /工业企业/],
    ['M42', 'export-refund-priority', { refundClaimNo: 'TS2025-001', claimedRefundFen: yuan(80_000), exportsOwnIndustrialProducts: true }, true, null],
    ['M42', 'export-refund-priority', { refundClaimNo: 'TS2025-001', claimedRefundFen: yuan(80_000), exportsOwnIndustrialProducts: false }, false, /出口工业企业/],
    ['M42', 'export-refund-priority', { refundClaimNo: 'TS2025-001', claimedRefundFen: 0, exportsOwnIndustrialProducts: true }, false, /No refund/],
    ['M44', 'social-insurance-buffer', { temporaryDifficulty: '订单骤减', canContinueOperating: false, requestedBufferMonths: 3 }, false, /持续经营能力/],
  ] as const)('%s %s (%#)', (code, item, facts, eligible, text) => {
    const r = q({ policyCode: code, item, facts });
    expect(r.eligible).toBe(eligible);
    expect(r.amountFen).toBe(0);
    expect(r.breakdown).toEqual([]);
    expect(r.awardRecords).toEqual([]);
    if (text) expect([...r.reasons, ...r.notes].join(' ')).toMatch(text);
  });

  it('M44: the buffer length is pending until M44.maxBufferMonths is set', () => {
    const facts = { temporaryDifficulty: '订单骤减', canContinueOperating: true, requestedBufferMonths: 6 };
    const r1 = q({ policyCode: 'M44', item: 'social-insurance-buffer', facts });
    expect(r1.eligible).toBe(true);
    expect(r1.pending.map((p) => p.parameter)).toEqual(['M44.maxBufferMonths']);
    const v2 = withParameters(v1, { 'M44.maxBufferMonths': 3 }, 2, '2025-07-01');
    const r2 = q({ policyCode: 'M44', item: 'social-insurance-buffer', facts }, v2);
    expect(r2.pending).toEqual([]);
    expect(r2.notes.join(' ')).toContain('At most 3 months');
  });
});

describe('bad input', () => {
  it.each([
    ['M09', 'exhibition', { ...M09, rateBps: 999 }, ['rateBps']],
    ['M09', 'exhibition', { ...M09, rateBps: 3001 }, ['rateBps']],
    ['M09', 'exhibition', { ...M09, rateBps: 2000.5 }, ['rateBps']],
    ['M09', 'exhibition', { ...M09, boothFeeFen: -1 }, ['boothFeeFen']],
    ['M09', 'exhibition', { ...M09, travelFen: 10.5 }, ['travelFen']],
    ['M09', 'exhibition', { ...M09, exhibitionName: '   ' }, ['exhibitionName']],
    ['M03', 'title', { level: 'municipal', grantedYear: 2025, titleName: 'x' }, ['level']],
    ['M03', 'title', { level: 'national' }, ['grantedYear', 'titleName']],
    ['M03', 'title', { ...M03, extra: true }, ['extra']],
    ['M08', 'online-sales', { annualSalesFen: '5000000', statisticsFiled: true }, ['annualSalesFen']],
    ['M11', 'oem-supply', { outputYear: 2025, oemOutputs: [] }, ['oemOutputs']],
    ['M11', 'oem-supply', { outputYear: 2025, oemOutputs: [{ oem: 'A', outputFen: -5 }] }, ['oemOutputs.0.outputFen']],
    ['M11', 'oem-supply', { outputYear: 2025, oemOutputs: [{ oem: 'A', outputFen: 1 }, { oem: 'A', outputFen: 2 }] }, ['oemOutputs.1.oem']],
    ['M12', 'chain-recruitment', { ...M12, supplierCreditCode: 'not-a-code' }, ['supplierCreditCode']],
    ['M13', 'rnd-conversion', { ...M13, registeredAt: '2025-02-30' }, ['registeredAt']],
    ['M13', 'rnd-conversion', { ...M13, completedAt: '2023-03-14' }, ['completedAt', 'registeredAt']],
    ['M13', 'rnd-conversion', { ...M13, completedAt: '2025-07-01' }, ['completedAt']],
    ['M16', 'order-class-refund', { graduates: [{ ...M16g, refundedFen: -100 }] }, ['graduates.0.refundedFen']],
    ['M16', 'order-class-refund', { graduates: [] }, ['graduates']],
    ['M07', 'madrid-trademark', { newRegistrations: 2, registrationNos: ['A'] }, ['registrationNos']],
    ['M07', 'madrid-trademark', { newRegistrations: 2, registrationNos: ['A', 'A'] }, ['registrationNos']],
    ['M06', 'ip-demonstration', { recognizedYear: 2026 }, ['recognizedYear']],
    ['M19', 'outstanding-entrepreneur', { selectionYear: 2026 }, ['selectionYear']],
    ['M26', 'fund-investment', { fund: 'regional-subfund', investmentFen: 1, investmentYear: 2026 }, ['investmentYear']],
    ['M21', 'listing', { market: 'nasdaq' }, ['market']],
    ['M17', 'staff-training', null, ['(facts)']],
  ] as const)('%s %s → FACTS_INVALID naming %j (%#)', (code, item, facts, paths) => {
    const err = expectCode(() => quote(v1, { policyCode: code, item, facts, asOf: AS_OF }), 'FACTS_INVALID');
    expect(err.httpStatus).toBe(400);
    expect(issuePaths(err)).toEqual(expect.arrayContaining([...paths]));
    for (const p of paths) expect(err.message).toContain(p);
  });

  it('M13 dates in the wrong order name both fields', () => {
    const err = expectCode(() => q({ policyCode: 'M13', item: 'rnd-conversion', facts: { ...M13, completedAt: '2023-01-01' } }), 'FACTS_INVALID');
    expect(issuePaths(err).sort()).toEqual(['completedAt', 'registeredAt']);
  });

  it('a missing field says "required"', () => {
    const err = expectCode(() => q({ policyCode: 'M17', item: 'staff-training', facts: {} }), 'FACTS_INVALID');
    expect(err.details?.issues).toEqual([{ path: 'traineeClassHours', message: 'required' }]);
  });

  it('a bad asOf is FACTS_INVALID on asOf', () => {
    const err = expectCode(() => quote(v1, { policyCode: 'M17', item: 'staff-training', facts: { traineeClassHours: 1 }, asOf: '2025/06/30' }), 'FACTS_INVALID');
    expect(issuePaths(err)).toEqual(['asOf']);
  });

  it('a bad prior award is FACTS_INVALID on priorAwards', () => {
    const err = expectCode(
      () => q({ policyCode: 'M17', item: 'staff-training', facts: { traineeClassHours: 1 }, priorAwards: [{ policyCode: 'M17', item: 'staff-training', limitKey: 'applicant', amountFen: -1 }] }),
      'FACTS_INVALID',
    );
    expect(issuePaths(err)).toEqual(['priorAwards.0.amountFen']);
  });

  it('UNKNOWN_POLICY lists the known codes', () => {
    const err = expectCode(() => q({ policyCode: 'M47', item: 'x', facts: {} }), 'UNKNOWN_POLICY');
    expect(err.httpStatus).toBe(404);
    expect(err.message).toMatch(/M01, M02.*M46/);
  });

  it("UNKNOWN_POLICY_ITEM lists the measure's items", () => {
    const err = expectCode(() => q({ policyCode: 'M19', item: 'entrepreneur', facts: {} }), 'UNKNOWN_POLICY_ITEM');
    expect(err.message).toContain('outstanding-entrepreneur, outstanding-rnd-talent');
    expectCode(() => q({ policyCode: 'M45', item: 'appeal', facts: {} }), 'UNKNOWN_POLICY_ITEM');
  });
});

describe('determinism', () => {
  it('the same request gives the same quote', () => {
    const req = { policyCode: 'M09', item: 'exhibition', facts: { ...M09, rateBps: 2500 }, asOf: AS_OF };
    expect(quote(v1, req)).toEqual(quote(v1, req));
  });
});
