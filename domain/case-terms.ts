// The plain words of a case's timeline: each act and each thing a case does by itself, in
// Chinese (the term a bureau uses) and English. A case type's own word wins over the shared one
// (an application's approve is 审核通过, a 代办 item's is 审批通过).

export interface Term {
  zh: string;
  en: string;
}

const SHARED: Readonly<Record<string, Term>> = {
  // Supervisor acts on any case (督办).
  urge: { zh: '催办', en: 'urged' },
  reassign: { zh: '改派', en: 'reassigned' },
  extend: { zh: '延期', en: 'deadline extended' },
  hold: { zh: '挂起', en: 'put on hold' },
  release: { zh: '解除挂起', en: 'hold released' },
  // Acts several case types share.
  accept: { zh: '受理', en: 'accepted' },
  'not-accept': { zh: '不予受理', en: 'not accepted' },
  return: { zh: '退回', en: 'returned' },
  rate: { zh: '评价', en: 'rated' },
  withdraw: { zh: '撤回', en: 'withdrawn' },
  // What the system does and records.
  filed: { zh: '提交申请', en: 'filed' },
  file: { zh: '提交申请', en: 'filed' },
  replay: { zh: '重放核验', en: 'replayed by an auditor' },
  dossier: { zh: '调阅案卷', en: 'dossier read by an auditor' },
  escalate: { zh: '超时升级督办', en: 'escalated after the deadline' },
  remind: { zh: '到期提醒', en: 'deadline reminder' },
  download: { zh: '下载材料', en: 'document downloaded' },
  started: { zh: '立案', en: 'case opened' },
  closed: { zh: '结案', en: 'case closed' },
  continued_as_new: { zh: '转入新运行', en: 'continued in a new run' },
  timer_fired: { zh: '时限到点', en: 'a timer fired' },
  sendDeadlineReminder: { zh: '到期提醒', en: 'deadline reminder sent' },
  fireEscalationRung: { zh: '超时升级督办', en: 'escalated after the deadline' },
  payAward: { zh: '拨付资金', en: 'award paid' },
  requestBudgetCommitment: { zh: '申请预算额度', en: 'budget commitment requested' },
  recordAwardGrants: { zh: '登记奖补', en: 'award grant recorded' },
  activity_failed: { zh: '系统操作失败', en: 'a system step failed' },
  signal: { zh: '外部通知', en: 'notice received' },
};

const BY_TYPE: Readonly<Record<string, Readonly<Record<string, Term>>>> = {
  application: {
    'request-supplement': { zh: '要求补正', en: 'supplement requested' },
    supplement: { zh: '补正材料', en: 'supplement provided' },
    approve: { zh: '审核通过', en: 'approved' },
    reject: { zh: '审核不通过', en: 'rejected' },
    countersign: { zh: '会签', en: 'countersigned' },
    objection: { zh: '公示异议', en: 'objection raised' },
    'resolve-objection': { zh: '异议处理', en: 'objection resolved' },
  },
  proxy: {
    confirm: { zh: '确认代办', en: 'confirmed' },
    entrust: { zh: '签署代办委托书', en: 'entrusted' },
    assign: { zh: '指派代办员', en: 'agent assigned' },
    reassign: { zh: '改派代办员', en: 'agent reassigned' },
    note: { zh: '代办记录', en: 'note' },
    problem: { zh: '反映问题', en: 'problem raised' },
    'resolve-problem': { zh: '问题解决', en: 'problem resolved' },
    'request-materials': { zh: '要求补充材料', en: 'materials requested' },
    'provide-materials': { zh: '提供材料', en: 'materials provided' },
    guide: { zh: '辅导', en: 'guidance given' },
    submit: { zh: '报送审批', en: 'submitted to the authority' },
    approve: { zh: '审批通过', en: 'approved by the authority' },
    'complete-follow-up': { zh: '回访完成', en: 'follow-up completed' },
    terminate: { zh: '终止代办', en: 'terminated' },
    'close-stalled': { zh: '督办结案', en: 'closed by the supervisor' },
  },
  appeal: {
    dispatch: { zh: '派单', en: 'dispatched' },
    'sign-for': { zh: '签收', en: 'signed for' },
    contribute: { zh: '协办意见', en: 'contribution' },
    reply: { zh: '答复', en: 'replied' },
    conclude: { zh: '督办办结', en: 'concluded by the supervisor' },
  },
};

/** The term of `code` (an act, an audit action's last part, or a system event) in a case type. */
export function termOf(caseType: string, code: string): Term {
  return BY_TYPE[caseType]?.[code] ?? SHARED[code] ?? { zh: code, en: code.replace(/[-_]/g, ' ') };
}
