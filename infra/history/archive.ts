// Archives one case: reads every run of its workflow from Temporal and stores them (infra/db
// history-archive-repository.ts). Idempotent: a repeated call writes the same rows, ended runs
// are never rewritten, and a case whose last run has ended is archived as final.
import type { Client } from '@temporalio/client';
import type { DueCase, HistoryArchiveRepository } from '../db/history-archive-repository';
import { encodeHistory, manifestSha256 } from './codec';
import { fetchRuns } from './runs';

export type ArchiveOutcome = 'final' | 'snapshot' | 'missing';

export interface HistorySource {
  client: Client;
  /** The app version and workflow bundle hash of this worker (workflowCodeVersion). */
  codeVersion: string;
}

export async function archiveCase(source: HistorySource, repo: HistoryArchiveRepository, due: DueCase, now: Date): Promise<ArchiveOutcome> {
  const runs = await fetchRuns(source.client, due.workflowId);
  if (!runs || runs.length === 0) return 'missing';
  const last = runs.at(-1);
  const final = due.closed && last !== undefined && last.closedAs !== null && last.closedAs !== 'continued_as_new';
  const encoded = runs.map((r, i) => {
    const e = encodeHistory(r.history);
    return {
      runNo: i + 1,
      workflowId: r.workflowId,
      runId: r.runId,
      workflowType: r.workflowType,
      closedAs: r.closedAs,
      eventCount: r.events,
      startedAt: r.startedAt,
      lastEventAt: r.lastEventAt,
      historyGz: e.gz,
      jsonBytes: e.jsonBytes,
      sha256: e.sha256,
    };
  });
  await repo.save({
    caseId: due.caseId,
    final,
    runs: encoded,
    sha256: manifestSha256(encoded.map((r) => r.sha256)),
    codeVersion: source.codeVersion,
    archivedAt: now,
  });
  return final ? 'final' : 'snapshot';
}
