// A case's timeline: every event in plain words (Chinese and English), merged from the workflow
// history (archived or live, infra/history/events.ts) and the audit log (refused attempts
// included, which leave no trace in the workflow history) and the documents each act attached: when, who (name, role, department),
// what, the decoded payload and the SLA clock at that moment (from the case view the last
// projection before it carried). Auditors read any case; participants the cases they may see.
import { termOf } from '../../domain/case-terms';
import type { Actor } from '../../domain/roles';
import type { ClockLedger } from '../../domain/sla';
import type { AuditRecord } from '../../generated/prisma/client';
import { readableEvents, type ViewSnapshot, type WorkflowEvent } from '../../infra/history/events';
import { policyFor } from '../access';
import { notFound } from '../auth/guards';
import { storedClocks } from '../schemas/sla';
import { caseDocumentManifest, documentsByAct } from './case-documents';
import type { CaseHistoryService } from './case-history-service';
import { ledgerViewAt } from './clock-views';
import type { ServiceDeps } from './deps';

const MAX_AUDIT_RECORDS = 5000;

interface Who {
  username: string | null;
  name: string | null;
  role: string | null;
  department: string | null;
}

/** The actor an act's body carries (workflows/sla/messages ActorRef), if any. */
function actorIn(detail: unknown): { username?: string; role?: string; departmentCode?: string | null } | null {
  if (typeof detail !== 'object' || detail === null || !('actor' in detail)) return null;
  const a = detail.actor;
  return typeof a === 'object' && a !== null ? (a as { username?: string; role?: string; departmentCode?: string | null }) : null;
}

/** The act an Update's body names ({ act: 'accept', ... }), else the Update's own name. */
function actIn(e: WorkflowEvent): string {
  const d = e.detail;
  if (typeof d === 'object' && d !== null && 'act' in d && typeof d.act === 'string') return d.act;
  return e.name ?? e.kind;
}

function codeOf(e: WorkflowEvent): string {
  if (e.kind === 'act_requested' || e.kind === 'act_done' || e.kind === 'act_refused') return actIn(e);
  if (e.kind === 'side_effect' && e.name) return e.name;
  return e.kind;
}

export function createCaseTimeline(deps: ServiceDeps, histories: CaseHistoryService) {
  const { repos } = deps;

  async function whoIs(cache: Map<string, string | null>, username: string | null | undefined): Promise<string | null> {
    if (!username) return null;
    if (!cache.has(username)) cache.set(username, (await repos.users.findByUsername(username))?.displayName ?? null);
    return cache.get(username) ?? null;
  }

  return {
    async timeline(actor: Actor, caseId: string) {
      const c = await repos.cases.findById(caseId);
      if (!c) throw notFound('Case', caseId);
      if (!['auditor', 'admin'].includes(actor.role)) {
        const policy = policyFor(c.caseType);
        if (!policy.canSee(actor, policy.scopeOf(c))) throw notFound('Case', caseId);
      }
      // Acts answered by the workflow carry their actor in their body; the Update's own events of
      // one act are merged into one line (requested, then done or refused).
      const history = await histories.load(c);
      const { events, views } = readableEvents(history.runs.map((r) => r.run));
      const audit: AuditRecord[] = await repos.audit.listForSubject('case', caseId, MAX_AUDIT_RECORDS);
      const calendar = await repos.calendar.loadCalendar();
      const names = new Map<string, string | null>();

      const clocksAt = (at: Date) => {
        let last: ViewSnapshot | undefined;
        for (const v of views) if (v.at.getTime() <= at.getTime()) last = v;
        if (!last) return [];
        let ledgers: ClockLedger[];
        try {
          ledgers = storedClocks(caseId, last.view).clocks;
        } catch {
          return [];
        }
        // Every stage clock the case had then, finished ones included (the act may just have stopped one).
        return ledgers.map((l) => ledgerViewAt(calendar, l, at));
      };

      const fromWorkflow = await Promise.all(
        events
          .filter((e) => e.kind !== 'act_requested')
          .map(async (e) => {
            const requested = e.kind === 'act_done' || e.kind === 'act_refused' ? [...events].reverse().find((r) => r.kind === 'act_requested' && r.eventId < e.eventId && r.runNo === e.runNo && r.name === e.name) : undefined;
            const who = actorIn(requested?.detail ?? e.detail);
            const term = termOf(c.caseType, codeOf(requested ?? e));
            const by: Who | null = who ? { username: who.username ?? null, name: await whoIs(names, who.username), role: who.role ?? null, department: who.departmentCode ?? null } : null;
            return {
              at: e.at.toISOString(),
              source: 'workflow' as const,
              run: e.runNo,
              eventId: e.eventId,
              kind: e.kind,
              code: codeOf(requested ?? e),
              termZh: term.zh,
              termEn: term.en,
              by,
              outcome: e.kind === 'act_refused' || e.kind === 'activity_failed' ? ('refused' as const) : ('ok' as const),
              detail: { ...(requested ? { request: requested.detail } : {}), [e.kind === 'act_refused' || e.kind === 'activity_failed' ? 'message' : 'payload']: e.detail },
              auditHash: null,
              clocks: clocksAt(e.at),
            };
          }),
      );
      const fromAudit = await Promise.all(
        audit.map(async (r) => {
          const code = r.action.split('.').at(-1) ?? r.action;
          const term = termOf(c.caseType, code);
          return {
            at: r.at.toISOString(),
            source: 'audit' as const,
            run: null,
            eventId: null,
            kind: r.action,
            code,
            termZh: term.zh,
            termEn: term.en,
            by: r.actorUsername || r.actorRole ? { username: r.actorUsername, name: await whoIs(names, r.actorUsername), role: r.actorRole, department: r.actorDepartment } : null,
            outcome: r.outcome === 'refused' ? ('refused' as const) : ('ok' as const),
            detail: { reason: r.reason, payload: r.payload },
            auditHash: r.hash,
            clocks: clocksAt(r.at),
          };
        }),
      );
      // The documents each act attached (申报材料, 补正材料, permits), one line per act, with their hashes.
      const fromDocuments = await Promise.all(
        documentsByAct((await caseDocumentManifest(repos, caseId)).filter((d) => d.attachedAt !== null)).map(async (g) => {
          const act = g.act.split(':')[0] ?? g.act;
          const term = termOf(c.caseType, act);
          const at = new Date(g.attachedAt ?? 0);
          const user = await repos.users.findByUsername(g.attachedBy);
          return {
            at: at.toISOString(),
            source: 'documents' as const,
            run: null,
            eventId: null,
            kind: 'documents_attached',
            code: g.act,
            termZh: `${term.zh} · 附材料`,
            termEn: `${term.en}: documents attached`,
            by: { username: g.attachedBy, name: user?.displayName ?? null, role: user?.role ?? null, department: user?.departmentCode ?? null },
            outcome: 'ok' as const,
            detail: { documents: g.documents.map((d) => ({ documentId: d.documentId, name: d.name, mediaType: d.mediaType, size: d.size, sha256: d.sha256 })) },
            auditHash: null,
            clocks: clocksAt(at),
          };
        }),
      );
      // In time order; at the same instant the workflow's event first (the act, then its audit record).
      const order = { workflow: 0, audit: 1, documents: 2 } as const;
      const items = [...fromWorkflow, ...fromAudit, ...fromDocuments].sort((a, b) => a.at.localeCompare(b.at) || order[a.source] - order[b.source]);
      return { caseId, caseType: c.caseType, source: history.source, historySha256: history.sha256, items };
    },
  };
}
export type CaseTimeline = ReturnType<typeof createCaseTimeline>;
