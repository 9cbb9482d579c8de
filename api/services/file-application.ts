// Filing an application (申报): validate the facts against the catalogue form, quote, check
// once-only limits against earlier awards and live applications, number the case, start its
// workflow. A retried request with the same Idempotency-Key returns the same case; the
// workflow id comes from the case number, so a crash between the key and the start is mended
// by the retry (the start uses the existing workflow if it is there).
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { quoteForEnterprise, quoteSummary } from '../../activities/quoting';
import { localDateOf } from '../../domain/calendar';
import { canonicalJson } from '../../domain/audit-chain';
import { AppError } from '../../domain/errors';
import { findItem, findMeasure } from '../../domain/policy';
import type { Actor } from '../../domain/roles';
import { DEFAULT_SLA } from '../../domain/policy';
import { applicationViewQuery } from '../../workflows/application/messages';
import type { ApplicationInput } from '../../workflows/application/state';
import { applicationWorkflowId, CASE_NUMBER_PREFIX, formatCaseNumber } from '../../workflows/ids';
import { notFound, requireRole } from '../auth/guards';
import type { ServiceDeps } from './deps';
import { auditActor } from './views';

export const ZDocumentRef = z.object({
  name: z.string().trim().min(1).max(200),
  sha256: z.string().regex(/^[a-f0-9]{64}$/, 'a lower-case hex SHA-256'),
  size: z.number().int().positive().max(200 * 1024 * 1024),
});

export const ZFileApplication = z
  .object({
    policyCode: z.string().regex(/^M\d{2}$/, 'a measure code M01…M46'),
    item: z.string().min(1).max(64),
    facts: z.record(z.string(), z.unknown()),
    documents: z.array(ZDocumentRef).max(100).default([]),
    enterpriseId: z.uuid().optional().describe('staff filing on behalf of an enterprise'),
  })
  .strict();
export type TFileApplication = z.infer<typeof ZFileApplication>;

export interface TemporalAccess {
  client: Client;
  taskQueue: string;
}

function requestHash(body: TFileApplication, enterpriseId: string): string {
  return createHash('sha256').update(canonicalJson({ ...body, enterpriseId })).digest('hex');
}

export function createFileApplication(deps: ServiceDeps, temporal?: TemporalAccess) {
  const { repos, now } = deps;

  async function startWorkflow(input: ApplicationInput) {
    if (!temporal) throw new AppError('DEPENDENCY_UNAVAILABLE', 'The workflow service is not connected.');
    const handle = await temporal.client.workflow.start('applicationWorkflow', {
      taskQueue: temporal.taskQueue,
      workflowId: applicationWorkflowId(input.caseId),
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return handle;
  }

  /** The acceptance deadline as the workflow planned it (bounded wait for its first task). */
  async function deadlineOf(caseId: string): Promise<string | null> {
    if (!temporal) return null;
    const handle = temporal.client.workflow.getHandle(applicationWorkflowId(caseId));
    for (let i = 0; i < 40; i++) {
      const v = (await handle.query(applicationViewQuery)) as { clock?: { deadlineAt?: string | null } | null };
      if (v.clock?.deadlineAt) return v.clock.deadlineAt;
      await new Promise((r) => setTimeout(r, 50));
    }
    return null;
  }

  return async function fileApplication(actor: Actor, body: TFileApplication, idempotencyKey: string | undefined) {
    requireRole(actor, ['enterprise', 'agent', 'reviewer', 'dept_head', 'admin'], 'file applications');
    if (!idempotencyKey) {
      throw new AppError('VALIDATION_FAILED', 'Send an Idempotency-Key header (8-128 characters) so a retried filing cannot create a second case.', {
        issues: [{ path: 'headers.idempotency-key', message: 'required' }],
      });
    }
    const enterpriseId = actor.role === 'enterprise' ? actor.enterpriseId : body.enterpriseId;
    if (!enterpriseId) throw new AppError('VALIDATION_FAILED', 'Staff filing on behalf of an enterprise must give enterpriseId.');
    if (actor.role === 'enterprise' && body.enterpriseId && body.enterpriseId !== actor.enterpriseId) throw notFound('Enterprise', body.enterpriseId);
    const enterprise = await repos.enterprises.findById(enterpriseId);
    if (!enterprise) throw notFound('Enterprise', enterpriseId);

    // A replay of the same request returns the same case.
    const keyId = `${actor.userId}:${idempotencyKey}`;
    const hash = requestHash(body, enterpriseId);
    const previous = await repos.applications.findIdempotencyKey(keyId);
    if (previous) {
      if (previous.requestHash !== hash) throw new AppError('CONFLICT', `Idempotency-Key ${idempotencyKey} was used for a different request (case ${previous.caseId}).`);
      const c = await repos.cases.findById(previous.caseId);
      if (c) {
        const stored = c.view as unknown as { state?: { quote?: ApplicationInput['quote'] } };
        return { replayed: true, caseId: c.caseId, status: c.status, quote: stored.state?.quote ?? null, deadline: c.deadlineAt?.toISOString() ?? null };
      }
    }

    const at = now();
    const asOf = localDateOf(at);
    const loaded = await repos.catalogue.loadInEffect(asOf);
    if (!loaded) throw new AppError('NOT_FOUND', `No catalogue version is in effect on ${asOf}.`);
    const measure = findMeasure(loaded.catalogue, body.policyCode);
    const item = findItem(measure, body.item);
    const q = await quoteForEnterprise(repos, { policyCode: body.policyCode, item: body.item, facts: body.facts, catalogueVersion: loaded.record.version, enterpriseId, asOf });

    // Once-only: an earlier award, or a live application, for the same limit key.
    if (item.limit.kind === 'once') {
      const keys = new Set(q.limitKeys);
      for (const other of await repos.applications.liveApplicationsOf(enterpriseId, body.policyCode)) {
        const theirs = ((other.view as { input?: { quote?: { awardRecords?: Array<{ item: string; limitKey: string }> } } }).input?.quote?.awardRecords ?? []).filter((r) => r.item === body.item);
        if (theirs.some((r) => keys.has(r.limitKey))) {
          throw new AppError('ALREADY_EXISTS', `${body.policyCode} ${body.item} is awarded once per ${item.limit.per}; case ${other.caseId} (${other.status}) already claims it.`, { caseId: other.caseId });
        }
      }
      if (!q.eligible && q.reasons.some((r) => /already|once/i.test(r))) {
        throw new AppError('ALREADY_EXISTS', `${body.policyCode} ${body.item} was awarded before: ${q.reasons.join(' ')}`);
      }
    }

    const year = Number(asOf.slice(0, 4));
    const caseId = formatCaseNumber(CASE_NUMBER_PREFIX.application, year, await repos.cases.nextNumber(CASE_NUMBER_PREFIX.application, year));
    const claimed = await repos.applications.claimIdempotencyKey(keyId, hash, caseId, at);
    // A concurrent twin claimed the key first: answer with its case (our number stays unused).
    const finalCaseId = claimed.record.caseId;
    if (!claimed.fresh && claimed.record.requestHash !== hash) throw new AppError('CONFLICT', `Idempotency-Key ${idempotencyKey} was used for a different request.`);

    const input: ApplicationInput = {
      caseId: finalCaseId,
      title: `${measure.titleZh.slice(0, 40)} · ${enterprise.name}`,
      enterpriseId,
      filedBy: { userId: actor.userId, username: actor.username, role: actor.role, departmentCode: actor.departmentCode },
      policyCode: body.policyCode,
      item: body.item,
      kind: item.kind,
      facts: body.facts,
      documents: body.documents,
      catalogueVersion: loaded.record.version,
      quote: quoteSummary(q),
      leadDepartment: measure.lead,
      coDepartments: [...measure.co],
      sla: measure.sla ?? DEFAULT_SLA,
      startDayCounts: measure.sla?.startDayCounts ?? false,
      filedAt: at.toISOString(),
      budgetYear: year,
    };
    await startWorkflow(input);
    if (claimed.fresh) {
      await repos.audit.append({
        at,
        ...auditActor(actor),
        action: 'application.file',
        subjectType: 'case',
        subjectId: finalCaseId,
        outcome: 'ok',
        payload: { policyCode: body.policyCode, item: body.item, enterpriseId, quoteFen: q.amountFen, eligible: q.eligible },
        idempotencyKey: `file:${keyId}`,
      });
    }
    return { replayed: !claimed.fresh, caseId: finalCaseId, status: 'awaiting_acceptance', quote: input.quote, deadline: await deadlineOf(finalCaseId) };
  };
}
