// The inbox, the done list and the case search (issue 12, item 1): JSON pages with an opaque
// cursor, or the whole list as CSV with Accept: text/csv.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { INBOX_CASE_TYPES, INBOX_SLA_STATES } from '../../domain/inbox';
import { localDateOf } from '../../domain/calendar';
import { ZDepartmentCode } from '../../domain/roles';
import { actorOf } from '../plugins/auth';
import { protectedErrors, zDecimal } from '../schemas/common';
import type { CaseItem, InboxService } from '../services/inbox-service';
import { collectPages, jsonOrCsv, sendCsv, wantsCsv } from './csv-reply';

const ZLimit = zDecimal(z.int().min(1).max(200).default(50)).describe('items per page (JSON; CSV has every page)');
const ZCursor = z.string().min(1).max(512).optional().describe('nextCursor of the previous page; absent: the first page');
const ZListQuery = {
  type: z.enum(INBOX_CASE_TYPES).optional().describe('case type'),
  sla: z.enum(INBOX_SLA_STATES).optional().describe('SLA state (open cases)'),
  q: z.string().trim().min(1).max(100).optional().describe('text in the title, the case number or the enterprise name'),
  cursor: ZCursor,
  limit: ZLimit,
};

const ZExpectedAct = z.object({ code: z.string(), zh: z.string(), en: z.string() });
const ZCaseItem = z.object({
  caseId: z.string(),
  caseType: z.string(),
  title: z.string(),
  status: z.string(),
  departmentCode: z.string(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  deadlineAt: z.string().nullable().describe('the earliest deadline running (24:00 Asia/Shanghai of its date)'),
  deadlineProvisional: z.boolean(),
  sla: z.enum(INBOX_SLA_STATES).nullable().describe('on_time, due_soon (at most 2 working days left), overdue, suspended; null for a closed case'),
  workingDaysLeft: z.number().int().nullable().describe('working days after today up to the deadline (0: due today; negative: working days overdue); a suspended clock: its remaining budget'),
  expectedAct: ZExpectedAct.nullable().describe('the act the case waits for (supervise: an escalation addressed to the caller)'),
  escalationLevel: z.number().int().nullable().describe('the highest open escalation level addressed to the caller'),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
}) satisfies z.ZodType<CaseItem>;
const ZCasePage = z.object({ items: z.array(ZCaseItem), nextCursor: z.string().nullable() });

const ZDoneItem = z.object({
  seq: z.string().describe('the audit record'),
  at: z.string(),
  action: z.string(),
  reason: z.string().nullable(),
  caseId: z.string(),
  caseType: z.string().nullable(),
  title: z.string().nullable(),
  status: z.string().nullable().describe('the case status now'),
});
const ZDonePage = z.object({ items: z.array(ZDoneItem), nextCursor: z.string().nullable() });

const CASE_COLUMNS = ['caseId', 'caseType', 'title', 'status', 'department', 'enterprise', 'deadlineAt', 'sla', 'workingDaysLeft', 'expectedAct', 'expectedActZh', 'escalationLevel', 'openedAt', 'closedAt'] as const;
const caseRow = (i: CaseItem) => [
  i.caseId, i.caseType, i.title, i.status, i.departmentCode, i.enterpriseName, i.deadlineAt, i.sla, i.workingDaysLeft, i.expectedAct?.code ?? null, i.expectedAct?.zh ?? null, i.escalationLevel, i.openedAt, i.closedAt,
];
const DONE_COLUMNS = ['seq', 'at', 'action', 'caseId', 'caseType', 'title', 'status', 'reason'] as const;

export const inboxRoutes: FastifyPluginAsyncZod<{ inbox: InboxService; now: () => Date }> = async (app, { inbox, now }) => {
  const security = [{ bearer: [] }];
  const filename = (what: string) => `${what}-${localDateOf(now())}.csv`;

  app.get(
    '/api/v1/inbox',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Everything waiting on the caller (role, department, assignment; escalations to a head or the supervisors), deadline first',
        security,
        querystring: z.object(ZListQuery),
        response: { 200: jsonOrCsv(ZCasePage, CASE_COLUMNS), ...protectedErrors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!wantsCsv(request)) return inbox.inbox(actor, request.query);
      const all = await collectPages(request.query.cursor, (cursor, limit) => inbox.inbox(actor, { ...request.query, cursor, limit }));
      return sendCsv(reply, { filename: filename('inbox'), header: CASE_COLUMNS, rows: all.items.map(caseRow), nextCursor: all.nextCursor });
    },
  );

  app.get(
    '/api/v1/inbox/done',
    {
      schema: {
        tags: ['inbox'],
        summary: 'The acts the caller took on cases (those that took effect, from the audit log), newest first',
        security,
        querystring: z.object({ cursor: ZCursor, limit: ZLimit }),
        response: { 200: jsonOrCsv(ZDonePage, DONE_COLUMNS), ...protectedErrors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!wantsCsv(request)) return inbox.done(actor, request.query);
      const all = await collectPages(request.query.cursor, (cursor, limit) => inbox.done(actor, { cursor, limit }));
      const rows = all.items.map((i) => [i.seq, i.at, i.action, i.caseId, i.caseType, i.title, i.status, i.reason]);
      return sendCsv(reply, { filename: filename('done'), header: DONE_COLUMNS, rows, nextCursor: all.nextCursor });
    },
  );

  app.get(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Search the cases the caller may see (each case type’s access rule), deadline first',
        security,
        querystring: z.object({
          ...ZListQuery,
          status: z.string().regex(/^[a-z_]{1,40}$/, 'a status like under_review').optional(),
          department: ZDepartmentCode.optional().describe('the owning department (department_code)'),
        }),
        response: { 200: jsonOrCsv(ZCasePage, CASE_COLUMNS), ...protectedErrors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!wantsCsv(request)) return inbox.search(actor, request.query);
      const all = await collectPages(request.query.cursor, (cursor, limit) => inbox.search(actor, { ...request.query, cursor, limit }));
      return sendCsv(reply, { filename: filename('cases'), header: CASE_COLUMNS, rows: all.items.map(caseRow), nextCursor: all.nextCursor });
    },
  );
};
