// Publishing a catalogue version (admin): the parameters of the latest version with some
// changed, a new number, an effective date no earlier than the latest's; audited; then the
// matching run of measure 1 starts for it (one workflow per version, a second start a no-op).
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { CatalogueVersionRecord } from '../../infra/db/catalogue-repository';
import { AppError, isAppError } from '../../domain/errors';
import { withParameters, type ParameterValues } from '../../domain/policy';
import type { Actor } from '../../domain/roles';
import { POLICY_MATCHING_WORKFLOW_TYPE, policyMatchingWorkflowId, type PolicyMatchingInput } from '../../workflows/policy-matching-ids';
import { requireRole } from '../auth/guards';
import type { TemporalGateway } from '../temporal/gateway';
import type { ServiceDeps } from './deps';
import { auditActor } from './views';

export interface PublishVersionInput {
  effectiveFrom: string;
  parameters: ParameterValues;
  note: string;
}

export function toVersionView(r: CatalogueVersionRecord) {
  return {
    version: r.version,
    effectiveFrom: r.effectiveFrom,
    parameters: { ...r.parameters },
    note: r.note,
    publishedAt: r.publishedAt.toISOString(),
    publishedBy: r.publishedBy,
  };
}

/** withParameters' VALIDATION_FAILED with the request field it is about, as the API names fields. */
function withRequestIssue(err: unknown): unknown {
  if (!isAppError(err) || err.code !== 'VALIDATION_FAILED' || !err.details) return err;
  const { parameter, effectiveFrom } = err.details;
  const path = typeof parameter === 'string' ? `body.parameters.${parameter}` : effectiveFrom !== undefined ? 'body.effectiveFrom' : null;
  return path === null ? err : new AppError('VALIDATION_FAILED', err.message, { ...err.details, issues: [{ path, message: err.message }] });
}

const NIGHTLY_COVERS = 'the nightly matching run covers this version once it is in effect.';

/**
 * Starts the matching run of a version (workflow id policy-matching-v<N>). A second start is a
 * no-op: a running run is joined, a finished one is not run again (only a failed one may be).
 */
export function startPolicyMatching(temporal: TemporalGateway | undefined, catalogueVersion: number) {
  return startMatchingRun(temporal, policyMatchingWorkflowId(catalogueVersion), { catalogueVersion, reason: 'publish' }, 'ALLOW_DUPLICATE_FAILED_ONLY');
}

/**
 * Starts a run of the matching workflow under an id: a running one is joined; `reuse` says
 * whether a finished one runs again. Without Temporal, or when it refuses, the answer says so.
 */
export async function startMatchingRun(
  temporal: TemporalGateway | undefined,
  workflowId: string,
  input: PolicyMatchingInput,
  reuse: 'ALLOW_DUPLICATE' | 'ALLOW_DUPLICATE_FAILED_ONLY',
) {
  if (!temporal) return { workflowId, started: false, problem: `No Temporal client is configured; ${NIGHTLY_COVERS}` };
  try {
    await temporal.start(POLICY_MATCHING_WORKFLOW_TYPE, { workflowId, args: [input], idConflictPolicy: 'USE_EXISTING', idReusePolicy: reuse });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) {
      // The version is published either way; failing the request now would invite a second
      // publication. The nightly run matches it once it is in effect.
      return { workflowId, started: false, problem: `Temporal did not accept the start; ${NIGHTLY_COVERS}` };
    }
  }
  return { workflowId, started: true, problem: null };
}

export function createCataloguePublisher({ repos, now }: ServiceDeps, temporal: TemporalGateway | undefined) {
  return {
    async publish(actor: Actor, input: PublishVersionInput) {
      requireRole(actor, ['admin'], 'publish catalogue versions');
      const latest = await repos.catalogue.loadLatest();
      if (!latest) throw new Error('the catalogue has no version 1: seedReferenceData() did not run');
      let next;
      try {
        next = withParameters(latest.catalogue, input.parameters, latest.record.version + 1, input.effectiveFrom);
      } catch (err) {
        throw withRequestIssue(err);
      }
      const publishedAt = now();
      await repos.catalogue.writeVersion(next, { note: input.note, publishedBy: actor.username, publishedAt }, { ifAbsent: false });
      await repos.audit.append({
        at: publishedAt,
        ...auditActor(actor),
        action: 'catalogue.publish',
        subjectType: 'catalogue',
        subjectId: String(next.version),
        outcome: 'ok',
        reason: input.note,
        payload: { version: next.version, effectiveFrom: next.effectiveFrom, changed: { ...input.parameters }, parameters: { ...next.parameters } },
      });
      const matching = await startPolicyMatching(temporal, next.version);
      const record: CatalogueVersionRecord = {
        version: next.version,
        effectiveFrom: next.effectiveFrom,
        parameters: next.parameters,
        note: input.note,
        publishedAt,
        publishedBy: actor.username,
      };
      return { ...toVersionView(record), matching };
    },
  };
}
