// Activities: every side effect a workflow causes, built by a factory that receives its
// dependencies. Only worker.ts (and tests) wire real ones. Workflows import these by type.
import { Context } from '@temporalio/activity';
import type { Repositories } from './db/repositories';
import type { Prisma } from '../generated/prisma/client';

export interface ActivityDeps {
  repos: Repositories;
  now: () => Date;
}

export interface AuditActivityInput {
  actorId: string | null;
  actorUsername: string | null;
  actorRole: string | null;
  actorDepartment: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  outcome: 'ok' | 'refused';
  reason?: string | null;
  payload?: Prisma.InputJsonObject;
  /** When the act happened (workflow time), so a retried write records the same instant. */
  at: string;
  /** Required: derived from the workflow id and event, so a retry writes nothing new. */
  idempotencyKey: string;
}

export function createActivities(deps: ActivityDeps) {
  return {
    async appendAuditRecord(input: AuditActivityInput): Promise<{ seq: string; hash: string }> {
      const { at, ...rest } = input;
      const record = await deps.repos.audit.append({ ...rest, at: new Date(at) });
      Context.current().log.debug('audit record appended', { seq: record.seq.toString(), action: input.action });
      return { seq: record.seq.toString(), hash: record.hash };
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
