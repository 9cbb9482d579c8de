// Auditors' routes over a case's workflow history: its runs with their hashes (from the archive,
// or from Temporal while the case runs) and the replay of every run against the current code.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../plugins/auth';
import { fileResponse, protectedErrors, ZErrorBody } from '../schemas/common';
import type { CaseHistoryService } from '../services/case-history-service';
import type { CaseTimeline } from '../services/case-timeline';
import type { CaseDossier } from '../services/case-dossier';
import { ZClockView } from '../schemas/sla';
import { ZCaseDocument } from './documents';
import { renderDossierPdf } from '../../infra/pdf/dossier-pdf';

const ZCaseParam = z.object({ caseId: z.string().min(3).max(64) });
const ZSource = z.enum(['archive', 'temporal', 'snapshot']).describe('archive: the final archive in Postgres; temporal: read live; snapshot: the last archived snapshot (Temporal unreachable or no longer holding the case)');
const ZSha = z.string().regex(/^[0-9a-f]{64}$/);

const ZHistory = z.object({
  caseId: z.string(),
  source: ZSource,
  final: z.boolean().describe('the case is closed and its archive final (never rewritten)'),
  sha256: ZSha.describe("sha256 over the runs' sha256 in order, joined by newlines"),
  runs: z.array(
    z.object({
      runNo: z.int(),
      runId: z.string(),
      workflowType: z.string(),
      events: z.int(),
      closedAs: z.string().nullable().describe('completed, continued_as_new, terminated, ...; null while the run goes on'),
      startedAt: z.string(),
      lastEventAt: z.string(),
      sha256: ZSha.describe("sha256 of the run's history as protobufjs JSON of @temporalio/proto History (longs, enums as strings; bytes base64)"),
      codeVersion: z.string().nullable().describe('app version and workflow bundle hash of the worker that archived the run'),
      archivedAt: z.string().nullable(),
    }),
  ),
});

const ZVerdict = z.object({
  caseId: z.string(),
  source: ZSource,
  sha256: ZSha,
  deterministic: z.boolean().describe('the current workflow code reproduces every run'),
  runs: z.int(),
  events: z.int(),
  finalStatus: z.string().nullable().describe("the status of the last run's result; null while the case runs"),
  error: z
    .object({
      runId: z.string(),
      eventId: z.int().nullable().describe('the first event the code no longer reproduces'),
      eventType: z.string().nullable(),
      message: z.string(),
    })
    .optional(),
});

const ZTimelineItem = z.object({
      at: z.string(),
      source: z.enum(['workflow', 'audit', 'documents']).describe('the workflow history (what the case did), the audit log (who did what, refused attempts included), or the documents an act attached'),
      run: z.int().nullable(),
      eventId: z.int().nullable().describe('the workflow history event'),
      kind: z.string().describe('started, act_done, act_refused, signal, timer_fired, side_effect, activity_failed, continued_as_new, closed; an audit action'),
      code: z.string().describe('the act or event code'),
      termZh: z.string(),
      termEn: z.string(),
      by: z.object({ username: z.string().nullable(), name: z.string().nullable(), role: z.string().nullable(), department: z.string().nullable() }).nullable(),
      outcome: z.enum(['ok', 'refused']),
      detail: z.record(z.string(), z.unknown()).describe('the decoded payloads: the act as requested, its result or refusal, the audit reason and payload'),
      auditHash: ZSha.nullable().describe("the audit record's hash in the chain"),
      clocks: z.array(ZClockView).describe('the SLA clocks as they stood at that moment'),
});

const ZTimeline = z.object({ caseId: z.string(), caseType: z.string(), source: ZSource, historySha256: ZSha, items: z.array(ZTimelineItem) });

const ZDossier = z.object({
  generatedAt: z.string(),
  generatedBy: z.string(),
  case: z.object({
    caseId: z.string(),
    caseType: z.string(),
    status: z.string(),
    title: z.string(),
    departmentCode: z.string(),
    enterpriseId: z.string().nullable(),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
  }),
  timeline: z.array(ZTimelineItem),
  audit: z.object({
    records: z.array(
      z.object({
        seq: z.string(),
        at: z.string(),
        action: z.string(),
        actorUsername: z.string().nullable(),
        actorRole: z.string().nullable(),
        actorDepartment: z.string().nullable(),
        outcome: z.string(),
        reason: z.string().nullable(),
        prevHash: ZSha,
        hash: ZSha,
        recomputedHash: ZSha.describe("sha256(prevHash + canonical JSON of the record's content), recomputed now"),
        holds: z.boolean().describe('recomputedHash equals the stored hash'),
      }),
    ),
    allHold: z.boolean(),
    chain: z.object({ ok: z.boolean(), records: z.int(), lastSeq: z.string().nullable(), lastHash: z.string(), firstBrokenSeq: z.string().nullable(), problem: z.string().nullable() }).describe('the whole audit log verified from its first record'),
  }),
  documents: z.array(ZCaseDocument).describe('every document the case holds, with its sha256 and the act that attached it'),
  history: ZHistory,
  replay: ZVerdict,
});

export const caseHistoryRoutes: FastifyPluginAsyncZod<{ histories: CaseHistoryService; timeline: CaseTimeline; dossier: CaseDossier }> = async (app, { histories, timeline, dossier }) => {
  const security = [{ bearer: [] }];
  const errors = { ...protectedErrors, 500: ZErrorBody, 503: ZErrorBody };

  app.get(
    '/api/v1/cases/:caseId/history',
    { schema: { tags: ['audit'], summary: "A case's workflow runs with their sha256 and where they were read (auditors, admins)", security, params: ZCaseParam, response: { 200: ZHistory, ...errors } } },
    async (request) => histories.history(actorOf(request), request.params.caseId),
  );

  app.get(
    '/api/v1/cases/:caseId/timeline',
    {
      schema: {
        tags: ['audit', 'cases'],
        summary: "A case's timeline: every event in plain words (中文 and English), from its workflow history and the audit log (auditors, admins, and whoever may see the case)",
        security,
        params: ZCaseParam,
        response: { 200: ZTimeline, ...errors },
      },
    },
    async (request) => timeline.timeline(actorOf(request), request.params.caseId),
  );

  app.post(
    '/api/v1/cases/:caseId/replay',
    {
      // A read for auditors: it changes no case (only its own audit record is written).
      config: { changesNothing: true },
      schema: {
        tags: ['audit'],
        summary: 'Replay every run of a case against the current workflow code (auditors, admins; changes nothing, audited)',
        description: 'A history the code no longer reproduces answers 200 with deterministic false and the first diverging event.',
        security,
        params: ZCaseParam,
        response: { 200: ZVerdict, ...errors },
      },
    },
    async (request) => histories.replay(actorOf(request), request.params.caseId),
  );

  app.get(
    '/api/v1/cases/:caseId/dossier',
    {
      schema: {
        tags: ['audit'],
        summary: "A case's dossier (案卷): the case, its timeline, its audit records with their hashes and proofs, the chain's verification, the history's hash and the replay verdict (auditors, admins; audited)",
        security,
        params: ZCaseParam,
        response: { 200: ZDossier, ...errors },
      },
    },
    async (request) => dossier.dossier(actorOf(request), request.params.caseId),
  );

  app.get(
    '/api/v1/cases/:caseId/dossier.pdf',
    {
      schema: {
        tags: ['audit'],
        summary: 'The same dossier as a PDF to file (application/pdf; Chinese in an embedded font); audited',
        security,
        params: ZCaseParam,
        response: { 200: fileResponse(['application/pdf'], 'the dossier as a PDF'), ...errors },
      },
    },
    async (request, reply) => {
      const d = await dossier.dossier(actorOf(request), request.params.caseId);
      const pdf = await renderDossierPdf(d);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="dossier-${d.case.caseId}.pdf"`).send(pdf);
    },
  );
};
