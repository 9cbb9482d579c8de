// The inbox (what waits on the caller), the done list (what the caller acted on) and the case
// search (what the caller may see), all from the read model in keyset pages. Who a case waits on
// is stored with the case (domain/inbox, cases.waiting_for); the escalations addressed to a head
// or the supervisors add the cases they must supervise.
import type { WorkCalendar } from '../../domain/calendar';
import { clockView } from '../../domain/sla';
import {
  escalationTargetsOf,
  expectedActOf,
  INBOX_CASE_TYPES,
  partyKeysOf,
  slaBounds,
  slaOf,
  workingDaysLeft,
  type ExpectedAct,
  type InboxSla,
  type SlaBounds,
} from '../../domain/inbox';
import type { Actor } from '../../domain/roles';
import type { CaseRecord, Prisma } from '../../generated/prisma/client';
import { slaFilter, type CaseListRow } from '../../infra/db/inbox-repository';
import { policyFor } from '../access';
import { storedClocks } from '../schemas/sla';
import { deadlineCursor, seqCursor } from './cursor';
import type { ServiceDeps } from './deps';

export type InboxCaseType = (typeof INBOX_CASE_TYPES)[number];

export interface CaseListQuery {
  type?: InboxCaseType | undefined;
  sla?: InboxSla | undefined;
  /** Text in the title, the case number or the enterprise's name. */
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface CaseSearchQuery extends CaseListQuery {
  status?: string | undefined;
  department?: string | undefined;
}

export interface CaseItem {
  caseId: string;
  caseType: string;
  title: string;
  status: string;
  departmentCode: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  deadlineAt: string | null;
  deadlineProvisional: boolean;
  /** null for a closed case. */
  sla: InboxSla | null;
  workingDaysLeft: number | null;
  expectedAct: ExpectedAct | null;
  /** The highest open escalation level addressed to the caller (inbox), else null. */
  escalationLevel: number | null;
  openedAt: string;
  closedAt: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const SUPERVISE = expectedActOf('supervise');

export function createInboxService(deps: ServiceDeps) {
  const { repos, now } = deps;

  /** The working days left an item shows: a suspended clock's remaining budget, else to the deadline. */
  function daysLeft(calendar: WorkCalendar, c: CaseListRow, sla: InboxSla, at: Date, views: ReadonlyMap<string, CaseRecord['view']>): number | null {
    if (sla !== 'suspended') return workingDaysLeft(calendar, c.deadlineAt, at);
    const { clock } = storedClocks(c.caseId, views.get(c.caseId) ?? null);
    return clock ? clockView(clock, 0, at.getTime()).remainingDays : null;
  }

  async function toItems(rows: CaseListRow[], bounds: SlaBounds & { calendar: WorkCalendar }, escalated: ReadonlyMap<string, number>, waitingKeys: readonly string[]): Promise<CaseItem[]> {
    const calendar = bounds.calendar;
    const suspended = rows.filter((c) => c.closedAt === null && slaOf(c, bounds) === 'suspended').map((c) => c.caseId);
    const [names, views] = await Promise.all([repos.inbox.enterpriseNames(rows.flatMap((r) => (r.enterpriseId ? [r.enterpriseId] : []))), repos.inbox.viewsOf(suspended)]);
    return rows.map((c) => {
      const open = c.closedAt === null;
      const sla = open ? slaOf(c, bounds) : null;
      const waitsOnCaller = c.waitingFor.some((k) => waitingKeys.includes(k));
      const level = escalated.get(c.caseId) ?? null;
      // In the inbox a case escalated to the caller but waiting on others asks the caller to supervise it.
      const act = c.expectedAct === null ? null : expectedActOf(c.expectedAct);
      return {
        caseId: c.caseId,
        caseType: c.caseType,
        title: c.title,
        status: c.status,
        departmentCode: c.departmentCode,
        enterpriseId: c.enterpriseId,
        enterpriseName: c.enterpriseId ? (names.get(c.enterpriseId) ?? null) : null,
        deadlineAt: c.deadlineAt?.toISOString() ?? null,
        deadlineProvisional: c.deadlineProvisional,
        sla,
        workingDaysLeft: sla === null ? null : daysLeft(calendar, c, sla, bounds.now, views),
        expectedAct: level !== null && !waitsOnCaller ? SUPERVISE : act,
        escalationLevel: level,
        openedAt: c.openedAt.toISOString(),
        closedAt: c.closedAt?.toISOString() ?? null,
      };
    });
  }

  /** The filters both lists share: case type, SLA state, text. */
  async function commonFilters(q: CaseListQuery, bounds: SlaBounds): Promise<Prisma.CaseRecordWhereInput[]> {
    const where: Prisma.CaseRecordWhereInput[] = [];
    if (q.type) where.push({ caseType: q.type });
    if (q.sla) where.push({ closedAt: null }, slaFilter(q.sla, bounds));
    if (q.q) {
      const enterprises = await repos.inbox.enterpriseIdsNamed(q.q);
      where.push({
        OR: [
          { title: { contains: q.q, mode: 'insensitive' } },
          { caseId: { contains: q.q, mode: 'insensitive' } },
          ...(enterprises.length > 0 ? [{ enterpriseId: { in: enterprises } }] : []),
        ],
      });
    }
    return where;
  }

  async function page(where: Prisma.CaseRecordWhereInput[], q: CaseListQuery, bounds: SlaBounds & { calendar: WorkCalendar }, escalated: ReadonlyMap<string, number>, keys: readonly string[]): Promise<Page<CaseItem>> {
    const rows = await repos.inbox.casesInDeadlineOrder({ AND: where }, deadlineCursor.decode(q.cursor), q.limit + 1);
    const shown = rows.slice(0, q.limit);
    const last = shown.at(-1);
    return { items: await toItems(shown, bounds, escalated, keys), nextCursor: rows.length > q.limit && last ? deadlineCursor.encode(last) : null };
  }

  /** The SLA bounds of now and the calendar they were computed on (loaded once per request). */
  const boundsNow = async (): Promise<SlaBounds & { calendar: WorkCalendar }> => {
    const calendar = await repos.calendar.loadCalendar();
    return { ...slaBounds(calendar, now()), calendar };
  };

  return {
    /** Everything waiting on the caller, deadline first. Auditors and administrators act on nothing: empty. */
    async inbox(actor: Actor, q: CaseListQuery): Promise<Page<CaseItem>> {
      const keys = partyKeysOf(actor);
      const escalated = await repos.inbox.openEscalationLevels(escalationTargetsOf(actor));
      if (keys.length === 0 && escalated.size === 0) return { items: [], nextCursor: null };
      const bounds = await boundsNow();
      const mine: Prisma.CaseRecordWhereInput = {
        closedAt: null,
        OR: [...(keys.length > 0 ? [{ waitingFor: { hasSome: keys } }] : []), ...(escalated.size > 0 ? [{ caseId: { in: [...escalated.keys()] } }] : [])],
      };
      return page([mine, ...(await commonFilters(q, bounds))], q, bounds, escalated, keys);
    },

    /** Cases in the caller's scope (each case type's access policy: a list holds what a read would show). */
    async search(actor: Actor, q: CaseSearchQuery): Promise<Page<CaseItem>> {
      const bounds = await boundsNow();
      const where = [scopeOf(actor, q.type), ...(await commonFilters(q, bounds))];
      if (q.status) where.push({ status: q.status });
      if (q.department) where.push({ departmentCode: q.department });
      return page(where, q, bounds, new Map(), []);
    },

    /** The acts the caller took on cases that took effect (audit log), newest first. */
    async done(actor: Actor, q: { cursor?: string | undefined; limit: number }) {
      const records = await repos.inbox.actsBy(actor.userId, seqCursor.decode(q.cursor), q.limit + 1);
      const shown = records.slice(0, q.limit);
      const cases = await repos.inbox.casesByIds(shown.map((r) => r.subjectId));
      const last = shown.at(-1);
      return {
        items: shown.map((r) => {
          const c = cases.get(r.subjectId);
          return {
            seq: r.seq.toString(),
            at: r.at.toISOString(),
            action: r.action,
            reason: r.reason,
            caseId: r.subjectId,
            caseType: c?.caseType ?? null,
            title: c?.title ?? null,
            status: c?.status ?? null,
          };
        }),
        nextCursor: records.length > q.limit && last ? seqCursor.encode(last.seq) : null,
      };
    },
  };
}
export type InboxService = ReturnType<typeof createInboxService>;

/** The caller's scope over every case type, or one: each type's own policy (api/access). */
function scopeOf(actor: Actor, type: InboxCaseType | undefined): Prisma.CaseRecordWhereInput {
  const ofType = (t: string): Prisma.CaseRecordWhereInput => ({ caseType: t, AND: [policyFor(t).listFilter(actor)] });
  if (type) return ofType(type);
  // A type without a policy of its own (the generic one) is searched with the generic rule.
  return { OR: [...INBOX_CASE_TYPES.map(ofType), { caseType: { notIn: [...INBOX_CASE_TYPES] }, AND: [policyFor('generic').listFilter(actor)] }] };
}
