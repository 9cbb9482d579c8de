// An application case as the raw Temporal client starts it (the anchor of the API's figures), with
// the input the API would have built: the same workflow, no HTTP, no filing transaction.
import type { Client } from '@temporalio/client';
import { applicationWorkflow } from '../../workflows';
import type { ApplicationInput } from '../../workflows/application/state';

export const benchFacts = (i: number) => ({ exhibitionName: `bench-${i}`, boothFeeFen: 600_000, travelFen: 300_000, lodgingFen: 100_000, rateBps: 3000 });

export function rawApplicationInput(caseId: string, enterpriseId: string, i: number): ApplicationInput {
  return {
    caseId,
    title: `bench ${i}`,
    enterpriseId,
    filedBy: { userId: enterpriseId, username: 'ent1', role: 'enterprise', departmentCode: null },
    policyCode: 'M09',
    item: 'exhibition',
    kind: 'award',
    facts: benchFacts(i),
    documents: [],
    catalogueVersion: 1,
    quote: { eligible: true, amountFen: 300_000, breakdown: [], reasons: [], pending: [], awardRecords: [] },
    leadDepartment: 'GXJ',
    coDepartments: [],
    sla: { acceptanceDays: 5, reviewDays: 20, publicityDays: 5, supplementDays: 10, paymentDays: 15 },
    startDayCounts: false,
    filedAt: new Date().toISOString(),
    budgetYear: 2099,
  };
}

export { applicationWorkflowId as rawWorkflowId } from '../../workflows/ids';
import { applicationWorkflowId } from '../../workflows/ids';

export function startRawCase(client: Client, taskQueue: string, caseId: string, enterpriseId: string, i: number) {
  return client.workflow.start(applicationWorkflow, { taskQueue, workflowId: applicationWorkflowId(caseId), args: [rawApplicationInput(caseId, enterpriseId, i)] });
}
