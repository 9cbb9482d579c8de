// The acts an inbox item expects, by code, in Chinese and English. A case type's waiting rule
// names one of these; the read model stores the code (cases.expected_act).

export interface ExpectedAct {
  code: string;
  zh: string;
  en: string;
}

const ACTS = {
  // 申报 applications
  accept: { zh: '受理', en: 'accept or refuse to accept' },
  supplement: { zh: '补正材料', en: 'supplement the documents' },
  review: { zh: '审核', en: 'review: approve or reject' },
  countersign: { zh: '会签', en: 'countersign' },
  'resolve-objection': { zh: '处理公示异议', en: 'resolve the objection raised in publicity' },
  fund: { zh: '落实资金', en: 'provide the budget the award waits for' },
  'correct-bank-account': { zh: '更正收款账户', en: 'correct the bank account the payment was refused to' },
  // 代办 proxy cases
  confirm: { zh: '确认代办', en: 'confirm the 代办 service' },
  assign: { zh: '分派代办员', en: 'assign an agent' },
  entrust: { zh: '签署委托', en: 'record the entrustment' },
  prepare: { zh: '代办办理', en: 'prepare and submit the approval items' },
  'decide-item': { zh: '审批事项', en: 'decide the submitted approval item' },
  'provide-materials': { zh: '提供材料', en: 'provide the requested materials' },
  rate: { zh: '评价', en: 'rate the service' },
  'follow-up': { zh: '差评整改', en: 'follow up the bad rating' },
  // 诉求 appeals
  dispatch: { zh: '分办', en: 'dispatch to a lead department' },
  'sign-for': { zh: '签收', en: 'sign for or return the appeal' },
  reply: { zh: '办理答复', en: 'handle and reply' },
  redispatch: { zh: '重新分办', en: 'dispatch the reopened appeal again' },
  conclude: { zh: '督办结论', en: 'conclude the appeal' },
  // any case type
  handle: { zh: '办理', en: 'handle the case' },
  supervise: { zh: '督办', en: 'supervise the overdue case: urge, reassign or extend' },
} as const satisfies Record<string, Omit<ExpectedAct, 'code'>>;

export type ExpectedActCode = keyof typeof ACTS;

export function expectedAct(code: ExpectedActCode): ExpectedAct {
  return { code, ...ACTS[code] };
}

/** The labels of a stored code; a code this version does not know is shown as itself. */
export function expectedActOf(code: string): ExpectedAct {
  return code in ACTS ? expectedAct(code as ExpectedActCode) : { code, zh: code, en: code };
}
