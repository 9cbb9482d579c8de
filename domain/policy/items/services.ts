// Measures 42 and 44: approvals of the Taxation Bureau (no money from the city).
import { z } from 'zod';
import { conditions, defineItem, doc, eligibleWith, fenField, notEligible, textField } from '../define';
import type { PendingPart } from '../types';

// ---- M42 --------------------------------------------------------------------------------

export const m42ExportRefundPriority = defineItem({
  code: 'export-refund-priority',
  kind: 'approval',
  name: 'Export tax refund fast channel',
  nameZh: '出口退税快速处理通道',
  clause: '建立出口退税快速处理通道,对符合条件的出口工业企业,实行退税优先审核、优先办结',
  summary: 'An exporting industrial enterprise’s refund claim gets priority review and completion.',
  form: z.strictObject({
    refundClaimNo: textField('Export tax refund declaration number (出口退税申报编号)'),
    claimedRefundFen: fenField('Refund claimed, fen (申报退税额)'),
    exportsOwnIndustrialProducts: z.boolean().describe('The enterprise exports industrial products it makes (出口工业企业)'),
  }),
  limit: { kind: 'none' },
  requiredDocuments: [
    doc('Export tax refund declaration', '出口退(免)税申报表'),
    doc('Customs export declarations', '出口货物报关单'),
  ],
  rule: (f) => {
    const failed: string[] = [];
    if (!f.exportsOwnIndustrialProducts) failed.push('The fast channel is for exporting industrial enterprises (出口工业企业).');
    if (f.claimedRefundFen === 0) failed.push('No refund is claimed (申报退税额).');
    return conditions(failed, () => []);
  },
});

// ---- M44 --------------------------------------------------------------------------------

export const M44_MAX_MONTHS_PARAMETER = 'M44.maxBufferMonths';

export const m44SocialInsuranceBuffer = defineItem({
  code: 'social-insurance-buffer',
  kind: 'approval',
  name: 'Social insurance payment buffer period',
  nameZh: '社保缴纳缓冲期',
  clause: '对生产经营暂时面临困难但具备持续经营能力的企业,依照企业申请,经税务机关审核符合条件的,给予社保缴纳缓冲期',
  summary: 'An enterprise in temporary difficulty but able to continue operating may get a buffer period for social insurance payments, after tax authority review.',
  form: z.strictObject({
    temporaryDifficulty: textField('The temporary difficulty in production and operation (暂时面临的困难)'),
    canContinueOperating: z.boolean().describe('The enterprise is able to continue operating (具备持续经营能力)'),
    requestedBufferMonths: z.int().min(1).max(36).describe('Buffer period requested, months (申请缓冲期月数)'),
  }),
  limit: { kind: 'none' },
  requiredDocuments: [
    doc('Written application explaining the difficulty', '书面申请及困难情况说明'),
    doc('Recent financial statements', '近期财务报表'),
  ],
  rule: (f, ctx) => {
    if (!f.canContinueOperating) {
      return notEligible('The buffer is for enterprises able to continue operating (具备持续经营能力).');
    }
    // The text gives no length for 缓冲期: parameter M44.maxBufferMonths, pending until set.
    const max = ctx.parameters[M44_MAX_MONTHS_PARAMETER] ?? null;
    if (max === null) {
      const pending: PendingPart[] = [
        {
          parameter: M44_MAX_MONTHS_PARAMETER,
          label: 'Maximum length of the social insurance buffer period',
          note: 'Pending implementation details (待实施细则明确): the text sets no length for 缓冲期; the tax authority decides the length until M44.maxBufferMonths is set.',
        },
      ];
      return eligibleWith([], { pending });
    }
    const notes =
      f.requestedBufferMonths > max ? [`At most ${max} months can be granted (parameter M44.maxBufferMonths); ${f.requestedBufferMonths} were requested.`] : [];
    return eligibleWith([], { notes });
  },
});
