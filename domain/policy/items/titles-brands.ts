// Measures 3-8: titles, trademarks, brands, IP, Madrid registrations, online sellers.
import { z } from 'zod';
import { yuan } from '../../money';
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
} from '../define';
import type { FactIssue } from '../types';

// ---- M03 --------------------------------------------------------------------------------

/** 其中获省级称号企业奖励10万元,获国家级称号企业奖励30万元 */
export const M03_AMOUNTS = { provincial: yuan(100_000), national: yuan(300_000) } as const;

export const m03Title = defineItem({
  code: 'title',
  kind: 'award',
  name: 'Award for a provincial or national industry-and-IT title',
  nameZh: '省级及以上工信部门授予称号奖补',
  clause: '对当年度获得省级及以上工信部门授予称号的工业企业给予财政奖补',
  summary: 'Title granted in the current year: provincial 100,000 yuan, national 300,000 yuan; once per title and year.',
  form: z.strictObject({
    level: z.enum(['provincial', 'national']).describe('Level of the granting industry-and-IT authority (省级/国家级)'),
    grantedYear: yearField('Year the title was granted (获得称号年度)'),
    titleName: textField('Name of the title, e.g. 专精特新中小企业 (称号名称)'),
  }),
  // A title re-granted in a later year (re-certification) is a new grant of that year, so the
  // key carries the year; the same title twice in one year is one award.
  limit: { kind: 'once', per: 'title' },
  limitKeys: (f) => [`${f.grantedYear}:${f.titleName.trim()}`],
  requiredDocuments: [
    doc('Title certificate or notice issued by a provincial or national industry-and-IT authority', '省级及以上工信部门授予称号的证书或文件'),
  ],
  rule: (f, ctx) => {
    // 当年度获得: only a title granted in the year of asOf.
    if (f.grantedYear !== ctx.asOfYear) {
      return notEligible(
        `Title "${f.titleName}" was granted in ${f.grantedYear}; measure 3 rewards only titles granted in the current year ${ctx.asOfYear} (当年度获得).`,
      );
    }
    const national = f.level === 'national';
    return eligibleWith([
      line(
        `${national ? 'National' : 'Provincial'} title "${f.titleName}"`,
        `获${national ? '国家级' : '省级'}称号奖励`,
        national ? M03_AMOUNTS.national : M03_AMOUNTS.provincial,
        national ? '获国家级称号企业奖励30万元' : '获省级称号企业奖励10万元',
      ),
    ]);
  },
});

// ---- M04 --------------------------------------------------------------------------------

/** 给予一次性补助5万元 */
export const M04_AMOUNT = yuan(50_000);

export const m04RegionalTrademark = defineItem({
  code: 'regional-trademark',
  kind: 'award',
  name: 'Regional trademark subsidy (geographical indication, collective mark)',
  nameZh: '区域商标一次性补助',
  clause: '对企业申报并获批的区域商标(含地理标志商标、集体商标)给予一次性补助5万元',
  summary: 'An approved geographical-indication or collective trademark: 50,000 yuan once per trademark.',
  form: z.strictObject({
    trademarkType: z.enum(['geographical-indication', 'collective']).describe('地理标志商标 / 集体商标'),
    registrationNo: textField('Trademark registration number (商标注册号)'),
  }),
  limit: { kind: 'once', per: 'trademark' },
  limitKeys: (f) => [f.registrationNo.trim()],
  requiredDocuments: [doc('Trademark registration certificate', '商标注册证')],
  rule: (f) =>
    eligibleWith([
      line(
        `Regional trademark ${f.registrationNo.trim()} (${f.trademarkType === 'collective' ? 'collective' : 'geographical indication'})`,
        f.trademarkType === 'collective' ? '集体商标一次性补助' : '地理标志商标一次性补助',
        M04_AMOUNT,
        '给予一次性补助5万元',
      ),
    ]),
});

// ---- M05 --------------------------------------------------------------------------------

/** 获批国家级称号的补助20万元,获批省级称号的补助5万元 */
export const M05_AMOUNTS = { national: yuan(200_000), provincial: yuan(50_000) } as const;

export const m05BrandTitle = defineItem({
  code: 'brand-title',
  kind: 'award',
  name: 'Famous brand title subsidy',
  nameZh: '知名品牌称号一次性补贴',
  clause: '对成功获评的企业按级别给予一次性补贴,其中获批国家级称号的补助20万元,获批省级称号的补助5万元',
  summary: 'National brand title (e.g. 中国消费名品) 200,000 yuan, provincial (e.g. 吉致吉品) 50,000 yuan; once per title.',
  form: z.strictObject({
    level: z.enum(['national', 'provincial']).describe('国家级 / 省级'),
    titleName: textField('Brand title, e.g. 中国消费名品, 吉致吉品 (品牌称号)'),
  }),
  limit: { kind: 'once', per: 'title' },
  limitKeys: (f) => [f.titleName.trim()],
  requiredDocuments: [doc('Brand title certificate or approval notice', '知名品牌称号证书或获批文件')],
  rule: (f) => {
    const national = f.level === 'national';
    return eligibleWith([
      line(
        `${national ? 'National' : 'Provincial'} brand title "${f.titleName}"`,
        national ? '获批国家级称号补助' : '获批省级称号补助',
        national ? M05_AMOUNTS.national : M05_AMOUNTS.provincial,
        national ? '获批国家级称号的补助20万元' : '获批省级称号的补助5万元',
      ),
    ]);
  },
});

// ---- M06 --------------------------------------------------------------------------------

/** 对新获评国家知识产权示范企业的给予一次性资金奖励5万元 */
export const M06_DEMONSTRATION_AMOUNT = yuan(50_000);
/** 对获得省知识产权质押融资补助的企业予以每户10万元的配套补助 */
export const M06_PLEDGE_AMOUNT = yuan(100_000);

export const m06IpDemonstration = defineItem({
  code: 'ip-demonstration',
  kind: 'award',
  name: 'Newly named national IP demonstration enterprise',
  nameZh: '新获评国家知识产权示范企业奖励',
  clause: '对新获评国家知识产权示范企业的给予一次性资金奖励5万元',
  summary: 'Newly named national IP demonstration enterprise: 50,000 yuan once per enterprise.',
  form: z.strictObject({
    recognizedYear: yearField('Year the enterprise was named a national IP demonstration enterprise (获评年度)'),
  }),
  limit: { kind: 'once', per: 'enterprise' },
  requiredDocuments: [doc('Recognition notice of the national IP demonstration enterprise', '国家知识产权示范企业认定文件')],
  check: (f, ctx) =>
    f.recognizedYear > ctx.asOfYear
      ? [{ path: 'recognizedYear', message: `${f.recognizedYear} is after the quote date ${ctx.asOf}` }]
      : [],
  rule: (f, ctx) => {
    // 新获评 "newly named": named in or after the year set by parameter M06.newSinceYear.
    const since = ctx.parameters['M06.newSinceYear'] ?? null;
    if (since !== null && f.recognizedYear < since) {
      return notEligible(
        `Named in ${f.recognizedYear}, before ${since}: measure 6 rewards only newly named demonstration enterprises (新获评; parameter M06.newSinceYear = ${since}).`,
      );
    }
    return eligibleWith([
      line('National IP demonstration enterprise', '新获评国家知识产权示范企业一次性奖励', M06_DEMONSTRATION_AMOUNT, '给予一次性资金奖励5万元'),
    ]);
  },
});

export const m06IpPledgeMatching = defineItem({
  code: 'ip-pledge-matching',
  kind: 'award',
  name: 'Matching subsidy for the provincial IP pledge-financing subsidy',
  nameZh: '知识产权质押融资配套补助',
  clause: '对获得省知识产权质押融资补助的企业予以每户10万元的配套补助',
  summary: 'Enterprise that received the provincial IP pledge-financing subsidy: 100,000 yuan per enterprise (read as once per enterprise).',
  form: z.strictObject({
    provincialSubsidyReceived: z.boolean().describe('The provincial IP pledge-financing subsidy was received (已获得省知识产权质押融资补助)'),
  }),
  // 每户10万元 "100,000 per enterprise": read as once per enterprise, not once per provincial subsidy.
  limit: { kind: 'once', per: 'enterprise' },
  requiredDocuments: [doc('Proof of the provincial IP pledge-financing subsidy', '省知识产权质押融资补助拨付证明')],
  rule: (f) =>
    conditions(
      f.provincialSubsidyReceived
        ? []
        : ['The provincial IP pledge-financing subsidy (省知识产权质押融资补助) has not been received; the matching subsidy follows it.'],
      () => [line('Matching subsidy to the provincial IP pledge subsidy', '知识产权质押融资配套补助', M06_PLEDGE_AMOUNT, '予以每户10万元的配套补助')],
    ),
});

// ---- M07 --------------------------------------------------------------------------------

/** 对企业新获得马德里商标注册的,每件给予2000元补助 */
export const M07_AMOUNT_EACH = yuan(2_000);

export const m07MadridTrademark = defineItem({
  code: 'madrid-trademark',
  kind: 'award',
  name: 'New Madrid international trademark registrations',
  nameZh: '马德里商标注册补助',
  clause: '对企业新获得马德里商标注册的,每件给予2000元补助',
  summary: '2,000 yuan for each new Madrid registration; each registration once.',
  form: z.strictObject({
    newRegistrations: countField('Number of new Madrid registrations claimed (新获得马德里商标注册件数)'),
    registrationNos: z
      .array(textField('International registration number'))
      .max(500)
      .describe('International registration numbers, one per registration claimed (国际注册号)'),
  }),
  limit: { kind: 'once', per: 'registration' },
  limitKeys: (f) => f.registrationNos.map((n) => n.trim()),
  check: (f) => {
    const issues: FactIssue[] = [];
    if (f.registrationNos.length !== f.newRegistrations) {
      issues.push({
        path: 'registrationNos',
        message: `lists ${f.registrationNos.length} numbers but newRegistrations is ${f.newRegistrations}; give one number per registration`,
      });
    }
    const trimmed = f.registrationNos.map((n) => n.trim());
    const dup = trimmed.find((n, i) => trimmed.indexOf(n) !== i);
    if (dup !== undefined) issues.push({ path: 'registrationNos', message: `${dup} is listed twice` });
    return issues;
  },
  requiredDocuments: [doc('WIPO Madrid registration certificates', '马德里商标国际注册证明')],
  rule: (f) => {
    if (f.newRegistrations === 0) return notEligible('No new Madrid registration (马德里商标注册) is claimed.');
    // One line per registration so that a registration already awarded can be taken out alone.
    return eligibleWith(
      f.registrationNos.map((no) =>
        line(`Madrid registration ${no.trim()}`, `马德里商标注册 ${no.trim()}`, M07_AMOUNT_EACH, '每件给予2000元补助', no.trim()),
      ),
    );
  },
});

// ---- M08 --------------------------------------------------------------------------------

/** 在年销售额达到500万元且完成统计备案后,给予每户5万元的一次性奖励 */
export const M08_SALES_THRESHOLD = yuan(5_000_000);
export const M08_AMOUNT = yuan(50_000);

export const m08OnlineSales = defineItem({
  code: 'online-sales',
  kind: 'award',
  name: 'Online seller of Liaoyuan industrial products',
  nameZh: '线上经营主体一次性奖励',
  clause: '对销售辽源工业产品的线上经营主体…在年销售额达到500万元且完成统计备案后,给予每户5万元的一次性奖励',
  summary: 'Annual sales of Liaoyuan industrial products at least 5,000,000 yuan and statistics filed: 50,000 yuan once per seller.',
  form: z.strictObject({
    annualSalesFen: fenField('Annual sales of Liaoyuan industrial products, fen (年销售额)'),
    statisticsFiled: z.boolean().describe('Statistics filing completed (完成统计备案)'),
  }),
  limit: { kind: 'once', per: 'enterprise' },
  requiredDocuments: [
    doc('Platform sales statement for the year', '电商平台年度销售额证明'),
    doc('Statistics filing receipt', '统计备案证明'),
  ],
  rule: (f) => {
    const failed: string[] = [];
    // 达到500万元: 5,000,000 yuan itself counts.
    if (f.annualSalesFen < M08_SALES_THRESHOLD) {
      failed.push(`Annual sales are ${yuanText(f.annualSalesFen)}; the threshold is ${yuanText(M08_SALES_THRESHOLD)} (年销售额达到500万元).`);
    }
    if (!f.statisticsFiled) failed.push('The statistics filing (统计备案) is not completed.');
    return conditions(failed, () => [line('Online seller one-off award', '线上经营主体一次性奖励', M08_AMOUNT, '给予每户5万元的一次性奖励')]);
  },
});
