// 公示: what a publicity notice publishes about an approved application, and so all that someone
// outside the case's scope may learn from it (an outsider may object during publicity and gets
// this back). A publicity notice names the recipient, the measure and item, the amount to be
// granted, the deciding department and the period, and how to object; it does not publish what
// the enterprise declared (facts, costs, documents), how the amount was computed (the breakdown
// labels and award periods repeat the facts), the reviewer's opinions or the case's history.
import { z } from 'zod';
import type { Actor } from '../../domain/roles';
import type { ApplicationState } from '../../workflows/application/state';

export const ZPublicNotice = z
  .object({
    caseId: z.string(),
    view: z.literal('public_notice').describe('the published part of a case in 公示 publicity, for callers outside its scope'),
    status: z.string(),
    policyCode: z.string(),
    item: z.string(),
    measureTitle: z.string(),
    enterpriseName: z.string(),
    leadDepartment: z.string(),
    approvedAmountFen: z.number().int().nullable().describe('the amount the notice announces (award items)'),
    publicity: z.object({ from: z.string(), until: z.string() }).nullable(),
    objections: z
      .array(z.object({ text: z.string(), at: z.string(), resolution: z.object({ upheld: z.boolean(), at: z.string() }).nullable() }))
      .describe("the caller's own objections and whether each was upheld"),
  })
  .strict();
export type TPublicNotice = z.infer<typeof ZPublicNotice>;

export interface PublicNoticeSource {
  caseId: string;
  status: string;
  policyCode: string;
  item: string;
  measureTitle: string;
  enterpriseName: string;
  leadDepartment: string;
  state: Pick<ApplicationState, 'decision' | 'publicity' | 'objections'>;
}

/** Built field by field from what is published: nothing else can slip in with a later change of the case view. */
export function publicNotice(s: PublicNoticeSource, actor: Actor): TPublicNotice {
  return {
    caseId: s.caseId,
    view: 'public_notice',
    status: s.status,
    policyCode: s.policyCode,
    item: s.item,
    measureTitle: s.measureTitle,
    enterpriseName: s.enterpriseName,
    leadDepartment: s.leadDepartment,
    approvedAmountFen: s.state.decision?.amountFen ?? null,
    publicity: s.state.publicity ? { from: s.state.publicity.from, until: s.state.publicity.until } : null,
    objections: s.state.objections
      .filter((o) => o.by === actor.username)
      .map((o) => ({ text: o.text, at: o.at, resolution: o.resolution ? { upheld: o.resolution.upheld, at: o.resolution.at } : null })),
  };
}
