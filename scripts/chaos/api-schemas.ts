// The parts of the API's answers the chaos run relies on, parsed (unknown keys are dropped).
import { z } from 'zod';

export const ZLoginAnswer = z.object({
  token: z.string(),
  user: z.object({ id: z.string(), username: z.string(), role: z.string(), departmentCode: z.string().nullable(), enterpriseId: z.string().nullable() }),
});

export const ZEnterpriseAnswer = z.object({ id: z.uuid(), creditCode: z.string(), name: z.string() });
export const ZUserAnswer = z.object({ id: z.uuid(), username: z.string(), role: z.string() });
export const ZBankAccountAnswer = z.object({ enterpriseId: z.string(), accountNo: z.string() });

export const ZBudgetLine = z.object({ year: z.number(), policyCode: z.string(), totalFen: z.number(), committedFen: z.number(), paidFen: z.number(), waitingFen: z.number(), waitingCount: z.number() });
export const ZBudgetPut = ZBudgetLine;
export const ZBudgets = z.object({ year: z.number(), lines: z.array(ZBudgetLine) });

export const ZFiledAnswer = z.object({
  caseId: z.string().regex(/^SB-\d{4}-\d{6}$/),
  status: z.string(),
  quote: z.object({ amountFen: z.number(), eligible: z.boolean() }).nullable(),
});

export const ZApplicationAnswer = z.object({
  caseId: z.string(),
  status: z.string(),
  enterpriseId: z.string().nullable(),
  quote: z.object({ amountFen: z.number() }),
  decision: z.object({ outcome: z.string(), amountFen: z.number().nullable() }).nullable(),
  publicity: z.object({ from: z.string(), until: z.string() }).nullable(),
  funding: z.object({ commitment: z.string(), attempts: z.number(), transferRef: z.string().nullable() }),
  history: z.array(z.object({ act: z.string() })),
  closedAt: z.string().nullable(),
});
export type TApplicationAnswer = z.infer<typeof ZApplicationAnswer>;

export const ZAuditVerify = z.object({ ok: z.boolean(), records: z.number(), firstBrokenSeq: z.string().nullable(), problem: z.string().nullable() });

export const ZHealth = z.object({ status: z.string(), down: z.array(z.string()) });
