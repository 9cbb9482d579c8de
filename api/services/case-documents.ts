// Documents on cases: what an act or a filing may reference (`documentIds`), holding them for the
// case with the act, the list a case view shows, the download, and the manifest a dossier carries.
//
// A reference must name a document the caller may use: uploaded by the caller, or (an enterprise
// user) by anyone for the caller's enterprise, and for the enterprise of the case. Anything else is
// 404 DOCUMENT_NOT_FOUND-style (`NOT_FOUND`, never a hint that it exists); a document a case holds
// already (another case, or this one by an earlier act) is 409 DOCUMENT_ATTACHED; more than the
// case's total (CASE_DOCUMENTS_MAX_BYTES) is 400 CASE_DOCUMENTS_TOO_LARGE.
//
// A filing holds its documents in the transaction that writes the case (final at once). An act on
// a running case reserves them, sends the act to the workflow, then confirms the reservation; a
// refused act gives it back. An act that failed otherwise (an outage) keeps its reservation: its
// retry with the same Idempotency-Key finds it again.
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError } from '../../domain/errors';
import type { Actor } from '../../domain/roles';
import type { Document, Prisma } from '../../generated/prisma/client';
import { holdDocuments, type HoldOutcome, type HoldRequest } from '../../infra/db/documents-repository';
import type { Repositories } from '../../infra/db/repositories';
import type { DocumentSettings } from '../../infra/documents/from-config';
import { policyFor } from '../access';
import { requireStore, storeDown } from './document-store-errors';
import { notFound } from '../auth/guards';
import type { ServiceDeps } from './deps';
import { auditActor } from './views';

/** A document as a workflow keeps it with its case (domain/application/acts.ts ZDocumentRef). */
export interface HeldDocumentRef {
  documentId: string;
  name: string;
  sha256: string;
  size: number;
}

/** One document of a case as views, lists and the dossier's manifest give it. */
export interface CaseDocumentEntry {
  documentId: string;
  name: string;
  mediaType: string;
  sha256: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
  /** The act that attached it (`file`, `supplement`, `approve:<item>`, ...). */
  act: string;
  attachedBy: string;
  /** Null while the act that reserved it has not been confirmed (it failed before its answer). */
  attachedAt: string | null;
}

const refOf = (d: Document): HeldDocumentRef => ({ documentId: d.id, name: d.name, sha256: d.sha256, size: d.size });

/** Whether the caller may use (reference, or read before it is attached) a document. */
export function mayUseDocument(actor: Actor, d: Pick<Document, 'uploadedBy' | 'enterpriseId'>): boolean {
  return d.uploadedBy === actor.userId || (actor.role === 'enterprise' && actor.enterpriseId !== null && actor.enterpriseId === d.enterpriseId);
}

function refusalOf(outcome: Exclude<HoldOutcome, { kind: 'held' }>, caseMaxBytes: number): AppError {
  switch (outcome.kind) {
    case 'missing':
      return new AppError('NOT_FOUND', `Document ${outcome.ids.join(', ')} was not found.`, { documentIds: outcome.ids });
    case 'attached':
      return new AppError('DOCUMENT_ATTACHED', `Document ${outcome.ids.join(', ')} is attached to a case already; upload the file again to attach it here too.`, { documentIds: outcome.ids });
    case 'over_total':
      return new AppError(
        'CASE_DOCUMENTS_TOO_LARGE',
        `The case holds ${outcome.heldBytes} bytes of documents; ${outcome.addedBytes} more would pass its limit of ${caseMaxBytes} bytes (CASE_DOCUMENTS_MAX_BYTES).`,
        { heldBytes: outcome.heldBytes, addedBytes: outcome.addedBytes, maxBytes: caseMaxBytes },
      );
  }
}

/** The manifest of a case's documents (hash, size, who attached each in which act and when), for the dossier. */
export async function caseDocumentManifest(repos: Repositories, caseId: string): Promise<CaseDocumentEntry[]> {
  return (await repos.documents.listForCase(caseId)).map((d) => ({
    documentId: d.id,
    name: d.name,
    mediaType: d.mediaType,
    sha256: d.sha256,
    size: d.size,
    uploadedBy: d.uploader.username,
    uploadedAt: d.createdAt.toISOString(),
    act: d.attachedInAct ?? '',
    attachedBy: d.attacher?.username ?? '',
    attachedAt: d.attachedAt?.toISOString() ?? null,
  }));
}

/** A case's documents grouped by the act that attached them, in order: what a case view shows. */
export function documentsByAct(entries: readonly CaseDocumentEntry[]): Array<{ act: string; attachedBy: string; attachedAt: string | null; documents: CaseDocumentEntry[] }> {
  const groups: Array<{ act: string; attachedBy: string; attachedAt: string | null; documents: CaseDocumentEntry[] }> = [];
  for (const e of entries) {
    const last = groups.at(-1);
    if (last && last.act === e.act && last.attachedBy === e.attachedBy && last.attachedAt === e.attachedAt) last.documents.push(e);
    else groups.push({ act: e.act, attachedBy: e.attachedBy, attachedAt: e.attachedAt, documents: [e] });
  }
  return groups;
}

export function createCaseDocuments(deps: ServiceDeps, settings: Pick<DocumentSettings, 'caseMaxBytes'> & { store?: DocumentSettings['store'] | undefined }) {
  const { repos, now } = deps;

  /** The documents a caller references for a case of `enterpriseId`, checked (see the header). */
  async function resolve(actor: Actor, enterpriseId: string | null, ids: readonly string[]): Promise<Document[]> {
    const unique = [...new Set(ids)];
    if (unique.length !== ids.length) throw new AppError('VALIDATION_FAILED', 'documentIds names a document twice.', { issues: [{ path: 'body.documentIds', message: 'duplicate id' }] });
    const rows = await repos.documents.findMany(unique);
    const usable = (id: string) => rows.find((d) => d.id === id && mayUseDocument(actor, d) && d.enterpriseId === enterpriseId);
    const missing = unique.filter((id) => !usable(id));
    if (missing.length > 0) throw refusalOf({ kind: 'missing', ids: missing }, settings.caseMaxBytes);
    return unique.map((id) => usable(id)).filter((d): d is Document => d !== undefined);
  }

  const holdRequest = (caseId: string, docs: readonly Document[], act: string, actor: Actor, key: string, confirm: boolean): HoldRequest => ({
    caseId,
    ids: docs.map((d) => d.id),
    act,
    by: actor.userId,
    key,
    at: now(),
    confirm,
    caseMaxBytes: settings.caseMaxBytes,
  });

  return {
    resolve,
    refsOf: (docs: readonly Document[]): HeldDocumentRef[] => docs.map(refOf),

    /** Inside a filing's transaction, once the case row is written: the documents are the case's for good. */
    async holdInFiling(tx: Prisma.TransactionClient, caseId: string, docs: readonly Document[], actor: Actor): Promise<void> {
      if (docs.length === 0) return;
      const outcome = await holdDocuments(tx, holdRequest(caseId, docs, 'file', actor, `file:${caseId}`, true));
      if (outcome.kind !== 'held') throw refusalOf(outcome, settings.caseMaxBytes);
    },

    /**
     * Runs an act that references documents: reserves them for the case, runs the act (which
     * gets their references), confirms; a refused act (an AppError) releases them.
     */
    async withActDocuments<T>(
      p: { actor: Actor; caseId: string; enterpriseId: string | null; documentIds: readonly string[]; act: string; idempotencyKey: string | undefined },
      run: (refs: HeldDocumentRef[]) => Promise<T>,
    ): Promise<T> {
      if (p.documentIds.length === 0) return run([]);
      const docs = await resolve(p.actor, p.enterpriseId, p.documentIds);
      // The same act retried with its key finds its own reservation; otherwise a key of its own.
      const key = p.idempotencyKey ? `act:${createHash('sha256').update(`${p.actor.userId}:${p.caseId}:${p.act}:${p.idempotencyKey}`).digest('hex')}` : `act:${randomUUID()}`;
      const outcome = await repos.documents.hold(holdRequest(p.caseId, docs, p.act, p.actor, key, false));
      if (outcome.kind !== 'held') throw refusalOf(outcome, settings.caseMaxBytes);
      let result: T;
      try {
        result = await run(outcome.documents.map(refOf));
      } catch (err) {
        if (err instanceof AppError) await repos.documents.release(p.caseId, key);
        throw err;
      }
      await repos.documents.confirm(p.caseId, key, now());
      return result;
    },

    /** GET /cases/:caseId/documents: the case's documents to whoever may see the case. */
    async listForCase(actor: Actor, caseId: string): Promise<CaseDocumentEntry[]> {
      const c = await repos.cases.findById(caseId);
      const policy = c ? policyFor(c.caseType) : null;
      if (!c || !policy?.canSee(actor, policy.scopeOf(c))) throw notFound('Case', caseId);
      return caseDocumentManifest(repos, caseId);
    },

    /**
     * A document's bytes to whoever may see its case (the case's own read rule), or, while no case
     * holds it, to its uploader and enterprise; 404 to anyone else. Every download by staff is audited.
     */
    async download(actor: Actor, documentId: string): Promise<{ document: Document; body: Readable }> {
      const d = await repos.documents.findById(documentId);
      if (!d) throw notFound('Document', documentId);
      const c = d.caseId ? await repos.cases.findById(d.caseId) : null;
      const policy = c ? policyFor(c.caseType) : null;
      const visible = c && policy ? policy.canSee(actor, policy.scopeOf(c)) : mayUseDocument(actor, d);
      if (!visible) throw notFound('Document', documentId);
      const store = requireStore(settings.store);
      const body = await store.open(d.sha256).catch((err: unknown) => {
        throw storeDown(store, err);
      });
      // A row whose object is gone is the server's fault (the store lost a file), never the caller's.
      if (!body) throw new Error(`document ${d.id}: object ${d.sha256} is missing from the ${store.kind} store`);
      if (actor.role !== 'enterprise') {
        await repos.audit.append({
          at: now(),
          ...auditActor(actor),
          action: 'document.download',
          subjectType: 'document',
          subjectId: d.id,
          outcome: 'ok',
          payload: { caseId: d.caseId, sha256: d.sha256, size: d.size, name: d.name },
        });
      }
      return { document: d, body };
    },
  };
}
export type CaseDocuments = ReturnType<typeof createCaseDocuments>;
