// A case's dossier (案卷) for auditors: one document with the case, its timeline, its audit
// records with their hashes and the proof of each (the hash recomputed from the record's content
// after its predecessor's hash) plus the verification of the whole chain, the documents with their
// sha256, the archived history's hash and the replay verdict. Reading it is audited (case.dossier).
import type { Actor } from '../../domain/roles';
import { recordHashHolds } from '../../infra/db/audit-repository';
import { notFound, requireRole } from '../auth/guards';
import { caseDocumentManifest } from './case-documents';
import type { CaseHistoryService } from './case-history-service';
import type { CaseTimeline } from './case-timeline';
import type { ServiceDeps } from './deps';
import { auditActor } from './views';

const MAX_AUDIT_RECORDS = 5000;

export function createCaseDossier(deps: ServiceDeps, histories: CaseHistoryService, timeline: CaseTimeline) {
  const { repos, now } = deps;
  return {
    async dossier(actor: Actor, caseId: string) {
      requireRole(actor, ['auditor', 'admin'], 'read case dossiers');
      const c = await repos.cases.findById(caseId);
      if (!c) throw notFound('Case', caseId);
      const generatedAt = now();
      const [tl, history, replay, records, chain, documents] = await Promise.all([
        timeline.timeline(actor, caseId),
        histories.history(actor, caseId),
        histories.replay(actor, caseId),
        repos.audit.listForSubject('case', caseId, MAX_AUDIT_RECORDS),
        repos.audit.verifyChain(),
        caseDocumentManifest(repos, caseId),
      ]);
      const audit = records.map((r) => {
        const proof = recordHashHolds(r);
        return {
          seq: r.seq.toString(),
          at: r.at.toISOString(),
          action: r.action,
          actorUsername: r.actorUsername,
          actorRole: r.actorRole,
          actorDepartment: r.actorDepartment,
          outcome: r.outcome,
          reason: r.reason,
          prevHash: r.prevHash,
          hash: r.hash,
          recomputedHash: proof.recomputedHash,
          holds: proof.holds,
        };
      });
      await repos.audit.append({
        at: generatedAt,
        ...auditActor(actor),
        action: 'case.dossier',
        subjectType: 'case',
        subjectId: caseId,
        outcome: 'ok',
        reason: null,
        payload: { historySha256: history.sha256, deterministic: replay.deterministic, auditRecords: audit.length, chainOk: chain.ok },
      });
      return {
        generatedAt: generatedAt.toISOString(),
        generatedBy: actor.username,
        case: {
          caseId: c.caseId,
          caseType: c.caseType,
          status: c.status,
          title: c.title,
          departmentCode: c.departmentCode,
          enterpriseId: c.enterpriseId,
          openedAt: c.openedAt.toISOString(),
          closedAt: c.closedAt?.toISOString() ?? null,
        },
        timeline: tl.items,
        audit: { records: audit, allHold: audit.every((a) => a.holds), chain },
        documents,
        history,
        replay,
      };
    },
  };
}
export type CaseDossier = ReturnType<typeof createCaseDossier>;
