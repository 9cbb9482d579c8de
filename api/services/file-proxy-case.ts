// Filing a 代办 proxy case (measures 39, 40): the plan from the catalogue, the case number, the
// first read-model row, the workflow start. A retried request with the same Idempotency-Key
// returns the same case; the workflow id comes from the case number, so a crash between the key
// and the start is mended by the retry (the start joins the existing workflow if it is there).
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import { planOf } from '../../domain/proxy/catalogue';
import { ZProxyStatus, type TProxyStatus } from '../../domain/proxy/status';
import { actorRef, type Actor } from '../../domain/roles';
import { CASE_NUMBER_PREFIX, proxyCaseWorkflowId } from '../../workflows/ids';
import { PROXY_DEPARTMENT, proxyColumns, proxyCompactView } from '../../workflows/proxy/projection';
import { filingEntry, initialProxyState, type ProxyCaseInput } from '../../workflows/proxy/state';
import { requireRole } from '../auth/guards';
import { storedProxyView, type TStoredProxyView } from '../schemas/proxy-view';
import type { TemporalGateway } from '../temporal/gateway';
import type { ServiceDeps } from './deps';
import { auditFiling, fileByKey, filingEnterprise, firstCaseRow, requireIdempotencyKey, startFiledWorkflow, type FirstRow } from './filing';

const ZKeyList = z.array(z.string().trim().min(1).max(64)).max(10);

export const ZFileProxyCase = z
  .object({
    enterpriseId: z.uuid().optional().describe('staff filing on behalf of an enterprise (an enterprise user files for its own)'),
    projectName: z.string().trim().min(1).max(200),
    projectType: z.string().trim().min(1).max(100),
    location: z.string().trim().min(1).max(200),
    investmentFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('planned investment in fen'),
    channel: z.enum(['standard', 'green']).describe('standard: the stages of measure 39; green: the green-channel items of measure 40'),
    stages: ZKeyList.optional().describe('standard channel: the stages wanted, in their order (default all four)'),
    greenItems: ZKeyList.optional().describe('green channel: the items wanted (default both)'),
    contact: z.object({ name: z.string().trim().min(1).max(100), phone: z.string().trim().regex(/^[0-9+\-() ]{5,30}$/, 'a mobile or landline number') }).strict(),
  })
  .strict();
export type TFileProxyCase = z.infer<typeof ZFileProxyCase>;

/** Who files a 代办 case: the enterprise, GXJ's proxy team and supervisors, an administrator. */
const FILING_ROLES = ['enterprise', 'agent', 'reviewer', 'dept_head', 'supervisor', 'admin'] as const;

/** The first read-model row with the filing as its first history row; the workflow's projections replace it. */
function firstRow(filed: ProxyCaseInput): FirstRow {
  const state = initialProxyState(filed);
  // What the kernel's own projection writes (stageDepartment, the compact view, the clocks, historyLength).
  const view: TStoredProxyView = { ...proxyCompactView(filed, state, { assigneeId: null, department: PROXY_DEPARTMENT }), clock: null, clocks: [], historyLength: 1 };
  return firstCaseRow({ caseId: filed.caseId, caseType: 'proxy', workflowId: proxyCaseWorkflowId(filed.caseId), columns: proxyColumns(filed, state), view, entry: filingEntry(filed), filedAt: filed.filedAt });
}

/** The plan request the catalogue reads; a list given for the other channel is the caller's mistake. */
function planRequest(body: TFileProxyCase) {
  if (body.channel === 'standard') {
    if (body.greenItems) throw new AppError('VALIDATION_FAILED', 'greenItems belong to a green-channel case (channel green); a standard case names its stages.', { issues: [{ path: 'body.greenItems', message: 'not for channel standard' }] });
    return { channel: 'standard' as const, stages: body.stages };
  }
  if (body.stages) throw new AppError('VALIDATION_FAILED', 'stages belong to a standard case (channel standard); a green-channel case names its greenItems.', { issues: [{ path: 'body.stages', message: 'not for channel green' }] });
  return { channel: 'green' as const, greenItems: body.greenItems };
}

/** What a filing answers, from the case as stored. */
function answerOf(view: Pick<TStoredProxyView, 'input' | 'waitingOn'>, status: TProxyStatus) {
  return { caseId: view.input.caseId, status, channel: view.input.plan.channel, stages: view.input.plan.stages.map((s) => s.key), waitingOn: view.waitingOn };
}

export function createFileProxyCase(deps: ServiceDeps, temporal: TemporalGateway | undefined) {
  const { repos, now } = deps;

  const startWorkflow = (input: ProxyCaseInput) => startFiledWorkflow(temporal, 'proxyCaseWorkflow', proxyCaseWorkflowId(input.caseId), [input]);
  const audit = (actor: Actor, input: ProxyCaseInput) =>
    auditFiling(repos, actor, {
      action: 'proxy.file',
      caseId: input.caseId,
      filedAt: input.filedAt,
      payload: { enterpriseId: input.enterpriseId, channel: input.plan.channel, stages: input.plan.stages.map((s) => s.key), filedByEnterprise: input.filedByEnterprise },
    });

  return async function fileProxyCase(actor: Actor, body: TFileProxyCase, headerKey: string | undefined) {
    requireRole(actor, FILING_ROLES, 'file 代办 proxy cases');
    if (actor.role !== 'enterprise' && actor.role !== 'admin' && actor.departmentCode !== PROXY_DEPARTMENT) {
      throw new AppError('FORBIDDEN', `Only ${PROXY_DEPARTMENT} staff, whose proxy team carries 代办 cases, file them on behalf of an enterprise.`);
    }
    const idempotencyKey = requireIdempotencyKey(headerKey);
    const enterprise = await filingEnterprise(repos, actor, body.enterpriseId);
    const planned = planOf(planRequest(body));
    if ('problem' in planned) throw new AppError('VALIDATION_FAILED', planned.problem, { issues: [{ path: body.channel === 'standard' ? 'body.stages' : 'body.greenItems', message: planned.problem }] });

    const at = now();
    const filing = await fileByKey(repos, {
      actor,
      idempotencyKey,
      request: { ...body, enterpriseId: enterprise.id },
      at,
      prefix: CASE_NUMBER_PREFIX.proxy,
      build: (caseId) => {
        const filed: ProxyCaseInput = {
          caseId,
          title: `代办 · ${body.projectName} · ${enterprise.name}`,
          enterpriseId: enterprise.id,
          enterpriseName: enterprise.name,
          projectName: body.projectName,
          projectType: body.projectType,
          location: body.location,
          investmentFen: body.investmentFen,
          contact: body.contact,
          plan: planned.plan,
          filedBy: actorRef(actor),
          filedByEnterprise: actor.role === 'enterprise',
          filedAt: at.toISOString(),
        };
        return { ...firstRow(filed), result: filed };
      },
    });
    // The same request again: the case it filed, with its workflow started if a crash stopped that.
    if (filing.replayed) {
      const stored = storedProxyView(filing.row.caseId, filing.row.view);
      await startWorkflow(stored.input);
      await audit(actor, stored.input);
      return { replayed: true, ...answerOf(stored, ZProxyStatus.parse(filing.row.status)) };
    }
    const input = filing.result;
    await startWorkflow(input);
    await audit(actor, input);
    const state = initialProxyState(input);
    return { replayed: false, ...answerOf(proxyCompactView(input, state, { assigneeId: null, department: PROXY_DEPARTMENT }), state.status) };
  };
}
export type FileProxyCase = ReturnType<typeof createFileProxyCase>;
