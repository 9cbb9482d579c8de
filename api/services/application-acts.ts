// Acts on an application, reads and lists. Role and scope are checked here; the workflow's
// update validator decides whether the status allows the act (409) and refuses bad input
// (400). A refused attempt is audited here because a rejected Update leaves no history.
import { ZApplicationStatus } from '../../domain/application/status';
import { actorRef, type Actor } from '../../domain/roles';
import type { CaseRecord } from '../../generated/prisma/client';
import type { ApplicationActBody, ApplicationActRequest } from '../../domain/application/acts';
import { applicationActUpdate, type ApplicationAct } from '../../workflows/application/messages';
import { notFound, requirePermission } from '../auth/guards';
import type { TemporalGateway } from '../temporal/gateway';
import { applicationPolicy as policy } from '../access';
import type { ServiceDeps } from './deps';
import { createAppealLinks } from './appeal-acts';
import { caseDocumentManifest, documentsByAct, type CaseDocuments, type HeldDocumentRef } from './case-documents';
import { createCaseUpdater } from './case-update';
import { publicNotice, type TPublicNotice } from './public-notice';
import { toEscalationView } from './views';

/**
 * An act as the workflow takes it: the caller's body, the documents it attaches as references
 * (补正 names them by upload id; the workflow keeps name, hash and size), and the actor.
 */
function toWorkflowAct(body: ApplicationActRequest, refs: HeldDocumentRef[], actor: Actor): ApplicationAct {
  const act: ApplicationActBody = body.act === 'supplement' ? { act: 'supplement', documents: refs, ...(body.facts ? { facts: body.facts } : {}) } : body;
  return { ...act, actor: actorRef(actor) };
}

export function createApplicationActs(deps: ServiceDeps, temporal: TemporalGateway | undefined, documents: CaseDocuments) {
  const { repos } = deps;
  const appealsOf = createAppealLinks(deps);
  const updateCase = createCaseUpdater(deps, temporal);

  async function load(caseId: string): Promise<CaseRecord> {
    const c = await repos.cases.findById(caseId);
    if (!c || c.caseType !== 'application') throw notFound('Application', caseId);
    return c;
  }

  /** The 公示 part of a case, for a caller outside its scope who objected during publicity. */
  async function noticeOf(actor: Actor, c: CaseRecord): Promise<TPublicNotice> {
    const { view } = policy.scopeAndView(c);
    const [measure, enterprise] = await Promise.all([
      repos.catalogue.findMeasure(view.input.catalogueVersion, view.input.policyCode),
      c.enterpriseId ? repos.enterprises.findById(c.enterpriseId) : null,
    ]);
    return publicNotice(
      {
        caseId: c.caseId,
        status: c.status,
        policyCode: view.input.policyCode,
        item: view.input.item,
        measureTitle: measure?.titleZh ?? view.input.policyCode,
        enterpriseName: enterprise?.name ?? '',
        leadDepartment: view.input.leadDepartment,
        state: view.state,
      },
      actor,
    );
  }

  /** What a case's view shows beside its row; read by case id, so at once with the row itself. */
  const besideTheRow = (actor: Actor, caseId: string) =>
    Promise.all([repos.escalations.listForCase(caseId), caseDocumentManifest(repos, caseId), appealsOf(actor, caseId)]);

  async function toView(actor: Actor, c: CaseRecord, beside?: Awaited<ReturnType<typeof besideTheRow>>) {
    const { view, scope } = policy.scopeAndView(c);
    // The reads beside the case row, at once (an act's answer waits for them).
    const [[escalationRows, manifest, appeals], history] = await Promise.all([
      beside ?? besideTheRow(actor, c.caseId),
      view.state.history ? Promise.resolve(view.state.history) : repos.cases.history(c.caseId),
    ]);
    const escalations = escalationRows.map(toEscalationView);
    return {
      caseId: c.caseId,
      status: ZApplicationStatus.parse(c.status),
      title: c.title,
      enterpriseId: c.enterpriseId,
      policyCode: view.input.policyCode,
      item: view.input.item,
      kind: view.input.kind,
      catalogueVersion: view.input.catalogueVersion,
      leadDepartment: view.input.leadDepartment,
      coDepartments: view.input.coDepartments,
      filedAt: view.input.filedAt,
      facts: view.state.facts,
      documents: view.state.documents,
      documentsByAct: documentsByAct(manifest),
      quote: view.state.quote,
      decision: view.state.decision,
      supplementRequest: view.state.supplementRequest,
      countersigns: view.state.countersigns,
      objections: view.state.objections,
      publicity: view.state.publicity,
      funding: view.state.funding,
      history,
      assigneeId: view.assigneeId,
      clock: view.clock ?? null,
      clocks: view.clocks ?? (view.clock ? [view.clock] : []),
      escalations,
      appeals,
      // What this caller may do now: the status allows it and the role and department fit.
      actsAvailable: view.actsAvailable.filter((a) => policy.mayAct(actor, scope, a, c.status === 'in_publicity') === 'ok'),
      closedAt: c.closedAt?.toISOString() ?? null,
    };
  }

  return {
    async get(actor: Actor, caseId: string) {
      const c = await load(caseId);
      if (!policy.canSee(actor, policy.scopeOf(c))) throw notFound('Application', caseId);
      return toView(actor, c);
    },

    async list(actor: Actor, q: { status?: string | undefined; policyCode?: string | undefined; enterpriseId?: string | undefined; limit: number; offset: number }) {
      // The same rule as a read: the list shows exactly the cases the caller could open.
      const rows = await repos.applications.list({ ...q, scope: policy.listFilter(actor) });
      return rows.map((c) => ({
        caseId: c.caseId,
        status: c.status,
        title: c.title,
        policyCode: c.policyCode,
        enterpriseId: c.enterpriseId,
        departmentCode: c.departmentCode,
        deadlineAt: c.deadlineAt?.toISOString() ?? null,
        openedAt: c.openedAt.toISOString(),
        closedAt: c.closedAt?.toISOString() ?? null,
      }));
    },

    async act(actor: Actor, caseId: string, body: ApplicationActRequest, idempotencyKey: string | undefined) {
      const name = body.act;
      const c = await load(caseId);
      const permission = policy.mayAct(actor, policy.scopeOf(c), name, c.status === 'in_publicity');
      requirePermission(permission, actor, { what: 'Application', id: caseId, act: name });

      const documentIds = body.act === 'supplement' ? body.documentIds : [];
      await documents.withActDocuments({ actor, caseId, enterpriseId: c.enterpriseId, documentIds, act: name, idempotencyKey }, (refs) =>
        updateCase(actor, c, { action: `application.${name}`, update: applicationActUpdate, arg: toWorkflowAct(body, refs, actor), idempotencyKey }),
      );
      // The workflow projected the case before answering: the read model is current. The row and
      // what the view shows beside it are read at once (one round trip less on every act's answer).
      const [after, beside] = await Promise.all([load(caseId), besideTheRow(actor, caseId)]);
      if (policy.canSee(actor, policy.scopeOf(after))) return toView(actor, after, beside);
      return noticeOf(actor, after);
    },
  };
}
export type ApplicationActs = ReturnType<typeof createApplicationActs>;
