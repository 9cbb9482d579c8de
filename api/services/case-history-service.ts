// A case's workflow history for auditors: where it comes from (the archive in Postgres, or
// Temporal while the case runs), its runs with their hashes, and the replay of every run
// against the workflow code this API holds (infra/history/replay.ts: a replay worker that polls
// nothing; the API stays a Temporal client). A closed case is read from the archive only, so it
// stays readable and replayable after Temporal has dropped it.
import { AppError } from '../../domain/errors';
import type { Actor } from '../../domain/roles';
import type { CaseRecord } from '../../generated/prisma/client';
import type { ArchivedRun } from '../../infra/db/history-archive-repository';
import { decodeHistory, encodeHistory, HistoryIntegrityError, manifestSha256 } from '../../infra/history/codec';
import { replayRuns, type ReplayVerdict, type WorkflowBundle } from '../../infra/history/replay';
import { describeRun, type RunHistory } from '../../infra/history/runs';
import { notFound, requireRole } from '../auth/guards';
import { dependencyDown, dependencyUnavailable } from '../errors';
import type { TemporalGateway } from '../temporal/gateway';
import type { ServiceDeps } from './deps';
import { auditActor } from './views';

export type { WorkflowBundle };

/** Where the runs were read: the final archive, Temporal (live), or the archive's last snapshot. */
export type HistorySourceKind = 'archive' | 'temporal' | 'snapshot';

export interface LoadedRun {
  run: RunHistory;
  sha256: string;
  archived: { codeVersion: string; archivedAt: Date } | null;
}

export interface LoadedHistory {
  source: HistorySourceKind;
  runs: LoadedRun[];
  /** The archive's manifest hash when the runs came from it, else the hash of the runs as read. */
  sha256: string;
  final: boolean;
}

const READERS = ['auditor', 'admin'] as const;

function fromArchive(rows: readonly ArchivedRun[]): LoadedRun[] {
  return rows.map((r) => ({
    run: describeRun(r.workflowId, r.runId, decodeHistory(r.historyGz, r.sha256)),
    sha256: r.sha256,
    archived: { codeVersion: r.codeVersion, archivedAt: r.archivedAt },
  }));
}

export function createCaseHistoryService(deps: ServiceDeps, temporal: TemporalGateway | undefined, workflowBundle: WorkflowBundle | undefined) {
  const { repos, now } = deps;
  // One replay at a time per API process: a replay is CPU work in this process.
  let replaying: Promise<unknown> = Promise.resolve();

  async function loadCase(actor: Actor, caseId: string, act: string): Promise<CaseRecord> {
    requireRole(actor, READERS, act);
    const c = await repos.cases.findById(caseId);
    if (!c) throw notFound('Case', caseId);
    return c;
  }

  async function snapshotOr(c: CaseRecord, why: AppError): Promise<LoadedHistory> {
    const rows = await repos.historyArchive.runs(c.caseId);
    const manifest = await repos.historyArchive.manifest(c.caseId);
    if (rows.length === 0 || !manifest) throw why;
    return { source: 'snapshot', runs: fromArchive(rows), sha256: manifest.sha256, final: false };
  }

  async function load(c: CaseRecord): Promise<LoadedHistory> {
    try {
      const manifest = await repos.historyArchive.manifest(c.caseId);
      if (manifest?.final) {
        return { source: 'archive', runs: fromArchive(await repos.historyArchive.runs(c.caseId)), sha256: manifest.sha256, final: true };
      }
      if (!temporal) return await snapshotOr(c, dependencyUnavailable('temporal', `Case ${c.caseId} has no final archive yet and Temporal is not connected to this API.`));
      let live: RunHistory[] | null;
      try {
        live = await temporal.runs(c.workflowId);
      } catch (err) {
        if (dependencyDown(err) !== 'temporal') throw err;
        return await snapshotOr(c, dependencyUnavailable('temporal', `Case ${c.caseId} has no final archive yet and Temporal is not reachable.`));
      }
      if (!live) {
        return await snapshotOr(c, new AppError('NOT_FOUND', `Case ${c.caseId} has no workflow history: Temporal does not hold it and the archive has none.`));
      }
      const runs = live.map((run) => ({ run, sha256: encodeHistory(run.history).sha256, archived: null }));
      return { source: 'temporal', runs, sha256: manifestSha256(runs.map((r) => r.sha256)), final: false };
    } catch (err) {
      if (err instanceof HistoryIntegrityError) {
        throw new AppError('ARCHIVE_INTEGRITY_FAILED', `The archived history of case ${c.caseId} does not match its recorded hash: ${err.message}. An operator must look at it.`);
      }
      throw err;
    }
  }

  return {
    load,

    async history(actor: Actor, caseId: string) {
      const c = await loadCase(actor, caseId, 'read workflow histories');
      const h = await load(c);
      return {
        caseId,
        source: h.source,
        final: h.final,
        sha256: h.sha256,
        runs: h.runs.map((r, i) => ({
          runNo: i + 1,
          runId: r.run.runId,
          workflowType: r.run.workflowType,
          events: r.run.events,
          closedAs: r.run.closedAs,
          startedAt: r.run.startedAt.toISOString(),
          lastEventAt: r.run.lastEventAt.toISOString(),
          sha256: r.sha256,
          codeVersion: r.archived?.codeVersion ?? null,
          archivedAt: r.archived?.archivedAt.toISOString() ?? null,
        })),
      };
    },

    /** Replays every run; the verdict is audited (who replayed what, and what it gave). */
    async replay(actor: Actor, caseId: string): Promise<ReplayVerdict & { caseId: string; source: HistorySourceKind; sha256: string }> {
      const c = await loadCase(actor, caseId, 'replay cases');
      if (!workflowBundle) throw dependencyUnavailable('workflow_code');
      const h = await load(c);
      const turn = replaying.then(() => replayRuns(workflowBundle, h.runs.map((r) => r.run)));
      replaying = turn.catch(() => undefined);
      const verdict = await turn;
      await repos.audit.append({
        at: now(),
        ...auditActor(actor),
        action: 'case.replay',
        subjectType: 'case',
        subjectId: caseId,
        outcome: 'ok',
        reason: null,
        payload: { source: h.source, sha256: h.sha256, deterministic: verdict.deterministic, runs: verdict.runs, events: verdict.events, finalStatus: verdict.finalStatus, ...(verdict.error ? { error: { ...verdict.error } } : {}) },
      });
      return { caseId, source: h.source, sha256: h.sha256, ...verdict };
    },
  };
}
export type CaseHistoryService = ReturnType<typeof createCaseHistoryService>;
