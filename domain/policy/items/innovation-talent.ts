// Measures 13-19: research conversion, talent events, order classes, training, certificates, selections.
import { z } from 'zod';
import { yuan } from '../../money';
import { addYears } from '../dates';
import {
  conditions,
  countField,
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
import type { FactIssue, RuleLine } from '../types';

// ---- M13 --------------------------------------------------------------------------------

/** 转化形成的目标产品销售收入达到300万元及以上的,给予10万元的专项资金支持 */
export const M13_SALES_THRESHOLD = yuan(3_000_000);
export const M13_AMOUNT = yuan(100_000);

export const m13RndConversion = defineItem({
  code: 'rnd-conversion',
  kind: 'award',
  name: 'Research conversion project of the industrial technology research institute',
  nameZh: '产业技术研究院成果转化项目专项资金',
  clause: '对经该研究院立项的成果转化及产业化项目,在两年内完成且转化形成的目标产品销售收入达到300万元及以上的,给予10万元的专项资金支持',
  summary: 'A project registered by the institute, completed within two years of registration, target product sales at least 3,000,000 yuan: 100,000 yuan once per project.',
  form: z.strictObject({
    projectNo: textField('Project number given by the research institute (立项编号)'),
    registeredAt: z.iso.date().describe('Date the institute registered the project (立项日期), YYYY-MM-DD'),
    completedAt: z.iso.date().describe('Date the project was completed (完成日期), YYYY-MM-DD'),
    targetProductSalesFen: fenField('Sales of the target product, fen (目标产品销售收入)'),
  }),
  limit: { kind: 'once', per: 'project' },
  limitKeys: (f) => [f.projectNo.trim()],
  // Dates in the wrong order are bad input, not ineligibility.
  check: (f, ctx) => {
    const issues: FactIssue[] = [];
    if (f.completedAt < f.registeredAt) {
      const message = `completedAt ${f.completedAt} is before registeredAt ${f.registeredAt}`;
      issues.push({ path: 'completedAt', message }, { path: 'registeredAt', message });
    }
    if (f.completedAt > ctx.asOf) issues.push({ path: 'completedAt', message: `${f.completedAt} is after the quote date ${ctx.asOf}` });
    return issues;
  },
  requiredDocuments: [
    doc('Project registration document of the research institute', '产业技术研究院立项文件'),
    doc('Completion acceptance report', '项目完成验收报告'),
    doc('Sales proof of the target product (invoices, audit report)', '目标产品销售收入证明'),
  ],
  rule: (f) => {
    const failed: string[] = [];
    // 在两年内完成: up to and including the second anniversary of registration.
    const deadline = addYears(f.registeredAt, 2);
    if (f.completedAt > deadline) {
      failed.push(`Completed on ${f.completedAt}, after ${deadline}, two years from registration on ${f.registeredAt} (在两年内完成).`);
    }
    if (f.targetProductSalesFen < M13_SALES_THRESHOLD) {
      failed.push(`Target product sales are ${yuanText(f.targetProductSalesFen)}; at least ${yuanText(M13_SALES_THRESHOLD)} is needed (达到300万元及以上).`);
    }
    return conditions(failed, () => [line(`Research conversion project ${f.projectNo.trim()}`, '成果转化项目专项资金支持', M13_AMOUNT, '给予10万元的专项资金支持')]);
  },
});

// ---- M14 --------------------------------------------------------------------------------

/** 每场活动经费补助不超过1万元 */
export const M14_CAP_PER_EVENT = yuan(10_000);

export const m14TalentEvent = defineItem({
  code: 'talent-event',
  kind: 'award',
  name: 'Job fair or school-enterprise matching event funding',
  nameZh: '人才对接活动经费补助',
  clause: '为参与对接活动的企业和院校提供场地支持与活动经费补助,每场活动经费补助不超过1万元',
  summary: 'The event cost, at most 10,000 yuan per event.',
  form: z.strictObject({
    eventName: textField('The job fair or matching event (活动名称); the cap is counted per event'),
    eventCostFen: fenField('Cost of the event borne by the applicant, fen (活动经费)'),
  }),
  // 每场…不超过1万元 is per event; the key is the event, the period the event's name.
  limit: { kind: 'per_period', period: 'event', capFen: M14_CAP_PER_EVENT },
  limitKeys: () => ['event'],
  period: (f) => f.eventName.trim(),
  requiredDocuments: [doc('Event plan and summary', '活动方案及总结'), doc('Cost invoices', '活动经费票据')],
  rule: (f) =>
    f.eventCostFen === 0
      ? notEligible('No event cost is claimed (活动经费).')
      : eligibleWith([line(`Event cost of "${f.eventName.trim()}"`, '活动经费', f.eventCostFen, '提供…活动经费补助')]),
});

// ---- M16 --------------------------------------------------------------------------------

/** 每名毕业生学费累计返还最高不超过0.35万元 */
export const M16_REFUND_CAP_PER_GRADUATE = yuan(3_500);
/** 对特别优秀的另给予0.1万元奖学金 */
export const M16_SCHOLARSHIP = yuan(1_000);
/** 入企就业满一年以上 */
export const M16_MIN_EMPLOYED_MONTHS = 12;

const Graduate = z.strictObject({
  graduateId: textField('Student number or name, for the breakdown (学号或姓名)').optional(),
  tuitionFen: fenField("Tuition claimed for this year's refund: one year's tuition, fen (本年度返还的学费)"),
  employedMonths: countField('Months employed at the enterprise (入企就业月数)'),
  refundedFen: fenField('Tuition already refunded to this graduate in earlier years, fen (往年已返还学费)'),
  outstanding: z.boolean().describe('Rated outstanding (特别优秀)'),
  scholarshipPaid: z.boolean().describe('The 1,000 yuan scholarship was already paid (奖学金已发放)'),
});

export const m16OrderClassRefund = defineItem({
  code: 'order-class-refund',
  kind: 'award',
  name: 'Order-class graduates: tuition refund and scholarship',
  nameZh: '订单班毕业生学费返还及奖学金',
  clause: '对"订单班"毕业生入企就业满一年以上的,按年度返还学费,其中每名毕业生学费累计返还最高不超过0.35万元,对特别优秀的另给予0.1万元奖学金',
  summary: "Per graduate employed at least 12 months: this year's tuition refunded, at most 3,500 yuan per graduate over all years; outstanding graduates 1,000 yuan once.",
  form: z.strictObject({
    graduates: z.array(Graduate).min(1).max(500).describe('The cohort graduates claimed this year'),
  }),
  // The per-graduate history travels in the facts (refundedFen, scholarshipPaid), so no limit key.
  limit: { kind: 'none' },
  requiredDocuments: [
    doc('Order-class agreement between college and enterprise', '校企订单班合作协议'),
    doc('Graduate employment contracts and social insurance records', '毕业生劳动合同及社保缴纳记录'),
    doc('Tuition payment receipts', '学费缴费凭证'),
  ],
  rule: (f) => {
    const lines: RuleLine[] = [];
    const reasons: string[] = [];
    f.graduates.forEach((g, i) => {
      const who = g.graduateId?.trim() ?? `#${i + 1}`;
      // 入企就业满一年以上: the scholarship sits in the same sentence, so it needs the year too.
      if (g.employedMonths < M16_MIN_EMPLOYED_MONTHS) {
        reasons.push(`Graduate ${who}: employed ${g.employedMonths} months; at least 12 are needed (入企就业满一年以上).`);
        return;
      }
      if (g.tuitionFen > 0) {
        const room = Math.max(0, M16_REFUND_CAP_PER_GRADUATE - g.refundedFen);
        lines.push(line(`Graduate ${who}: tuition refund`, `毕业生${who}按年度返还学费`, g.tuitionFen, '按年度返还学费'));
        if (g.tuitionFen > room) {
          lines.push(
            line(
              `Graduate ${who}: cap 3,500 yuan in total (${yuanText(g.refundedFen)} already refunded, ${yuanText(room)} left)`,
              `毕业生${who}学费累计返还最高不超过0.35万元(已返还${yuanTextZh(g.refundedFen)})`,
              room - g.tuitionFen,
              '每名毕业生学费累计返还最高不超过0.35万元',
            ),
          );
        }
        if (room === 0) reasons.push(`Graduate ${who}: the 3,500 yuan refund total is used up (累计返还最高不超过0.35万元).`);
      }
      if (g.outstanding && !g.scholarshipPaid) {
        lines.push(line(`Graduate ${who}: scholarship for outstanding graduates`, `毕业生${who}特别优秀奖学金`, M16_SCHOLARSHIP, '对特别优秀的另给予0.1万元奖学金'));
      } else if (g.outstanding) {
        reasons.push(`Graduate ${who}: the scholarship (奖学金) is paid once and was already paid.`);
      }
    });
    const total = lines.reduce((s, l) => s + l.amountFen, 0);
    return total > 0 ? eligibleWith(lines, { reasons }) : notEligible(...reasons, 'No graduate has a refund or scholarship due this year.');
  },
});

// ---- M17 --------------------------------------------------------------------------------

/** 补贴标准为每人每学时20元 */
export const M17_RATE_PER_TRAINEE_HOUR = yuan(20);

export const m17StaffTraining = defineItem({
  code: 'staff-training',
  kind: 'award',
  name: 'College training of enterprise staff',
  nameZh: '职工技能提升培训经费补贴',
  clause: '对此类培训给予经费补贴,补贴标准为每人每学时20元',
  summary: '20 yuan per trainee per class hour.',
  form: z.strictObject({
    traineeClassHours: countField('Trainee class hours: the sum over trainees of class hours attended (人·学时)'),
  }),
  limit: { kind: 'none' },
  requiredDocuments: [
    doc('Training agreement with the enterprise', '与企业签订的培训协议'),
    doc('Attendance register per class hour', '培训签到及学时记录'),
  ],
  rule: (f) =>
    f.traineeClassHours === 0
      ? notEligible('No trainee class hours are claimed (人·学时).')
      : eligibleWith([
          line(`${f.traineeClassHours} trainee class hours × 20 yuan`, `${f.traineeClassHours}人·学时 × 20元`, f.traineeClassHours * M17_RATE_PER_TRAINEE_HOUR, '每人每学时20元'),
        ]),
});

// ---- M18 --------------------------------------------------------------------------------

/** 初级工每人300元、中级工每人500元、高级工每人800元 */
export const M18_RATES = { junior: yuan(300), intermediate: yuan(500), senior: yuan(800) } as const;

const M18_LEVELS = [
  { key: 'junior', en: 'junior', zh: '初级工', clause: '初级工每人300元' },
  { key: 'intermediate', en: 'intermediate', zh: '中级工', clause: '中级工每人500元' },
  { key: 'senior', en: 'senior', zh: '高级工', clause: '高级工每人800元' },
] as const;

export const m18SkillCertificate = defineItem({
  code: 'skill-certificate',
  kind: 'award',
  name: 'Staff trained and certified',
  nameZh: '职业培训补贴',
  clause: '取得相应职业(工种)职业资格证书或职业技能等级证书的,给予职工个人或企业一定职业培训补贴,补贴标准为初级工每人300元、中级工每人500元、高级工每人800元',
  summary: 'Per certified person: junior 300, intermediate 500, senior 800 yuan, to the person or the enterprise.',
  form: z.strictObject({
    junior: countField('Persons certified at junior level (初级工人数)'),
    intermediate: countField('Persons certified at intermediate level (中级工人数)'),
    senior: countField('Persons certified at senior level (高级工人数)'),
  }),
  limit: { kind: 'none' },
  requiredDocuments: [
    doc('Vocational qualification or skill level certificates', '职业资格证书或职业技能等级证书'),
    doc('Training records of the training institution', '培训机构培训记录'),
  ],
  rule: (f) => {
    const lines = M18_LEVELS.filter((l) => f[l.key] > 0).map((l) =>
      line(`${f[l.key]} ${l.en} certificates × ${yuanText(M18_RATES[l.key])}`, `${l.zh}${f[l.key]}人`, f[l.key] * M18_RATES[l.key], l.clause),
    );
    return lines.length === 0 ? notEligible('No certified person is claimed (初级工/中级工/高级工).') : eligibleWith(lines);
  },
});

// ---- M19 --------------------------------------------------------------------------------

/** "优秀工业企业家"与"工业杰出研发人才"分别给予1万元奖励 */
export const M19_AMOUNT = yuan(10_000);

function m19Item(code: string, name: string, nameZh: string) {
  return defineItem({
    code,
    kind: 'award',
    name,
    nameZh,
    clause: '"优秀工业企业家"与"工业杰出研发人才"分别给予1万元奖励',
    summary: `Selected as ${name.toLowerCase()} in the yearly selection: 10,000 yuan, once per selection year.`,
    form: z.strictObject({
      selectionYear: yearField('Year of the selection (评选年度)'),
    }),
    limit: { kind: 'once', per: 'selection' },
    limitKeys: (f) => [String(f.selectionYear)],
    check: (f, ctx) =>
      f.selectionYear > ctx.asOfYear ? [{ path: 'selectionYear', message: `${f.selectionYear} is after the quote date ${ctx.asOf}` }] : [],
    requiredDocuments: [doc('Selection result notice', '评选结果公布文件')],
    rule: (f) => eligibleWith([line(`${name} ${f.selectionYear}`, `${f.selectionYear}年度${nameZh}`, M19_AMOUNT, '分别给予1万元奖励')]),
  });
}

export const m19OutstandingEntrepreneur = m19Item('outstanding-entrepreneur', 'Outstanding industrial entrepreneur', '优秀工业企业家');
export const m19OutstandingRndTalent = m19Item('outstanding-rnd-talent', 'Outstanding industrial R&D talent', '工业杰出研发人才');
