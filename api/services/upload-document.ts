// Uploading a case document (POST /api/v1/documents): the file is streamed to a spool file while
// it is hashed (sha256) and counted, never held whole in memory; its type is sniffed from the
// content and must be one the system keeps and fit the name's extension; then it goes into the
// document store under its hash (the same content is stored once) and gets a row of its own.
// Anything refused, and an upload that did not arrive whole, leaves no row, no stored object and
// no spool file. Who may upload: an enterprise user for its own enterprise; staff who act on cases
// (代办 agents, department reviewers and heads, administrators) for an enterprise they name; an
// upload is only ever usable on that enterprise's cases, by its uploader or the enterprise.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { ALLOWED_EXTENSIONS, DOCUMENT_TYPES, documentNameProblem, nameFitsType } from '../../domain/document';
import { AppError } from '../../domain/errors';
import type { Actor, TRole } from '../../domain/roles';
import { SPOOL_PREFIX, type DocumentSettings } from '../../infra/documents/from-config';
import { sniffMediaType } from '../../infra/documents/sniff';
import { requireRole } from '../auth/guards';
import type { ServiceDeps } from './deps';
import { findEnterpriseInScope } from './enterprise-scope';
import { storeDown } from './document-store-errors';
import { auditActor } from './views';

/** Who uploads: the enterprise itself, and the staff who file or act for it. */
export const UPLOADING_ROLES: readonly TRole[] = ['enterprise', 'agent', 'reviewer', 'dept_head', 'admin'];

export const ZUploadedDocument = z.object({
  documentId: z.uuid(),
  sha256: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  name: z.string(),
});
export type TUploadedDocument = z.infer<typeof ZUploadedDocument>;

/** The file part of a multipart request as @fastify/multipart hands it over. */
export interface UploadPart {
  /** The name exactly as the client sent it (preservePath: a path stays a path, and is refused). */
  filename: string;
  /** The bytes; `truncated` once more than the per-file limit arrived (the rest was dropped). */
  file: Readable & { truncated?: boolean };
}

const tooLarge = (max: number) => new AppError('DOCUMENT_TOO_LARGE', `The file is larger than ${max} bytes (DOCUMENT_MAX_BYTES); send a smaller file or split it.`, { maxBytes: max });

/** Streams the part to `spool`, hashing and counting; the spool file is gone when this throws. */
async function spoolPart(part: UploadPart, spool: string, maxBytes: number): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(part.file, tap, createWriteStream(spool, { flags: 'wx', mode: 0o600 }));
  } catch (err) {
    await unlink(spool).catch(() => undefined);
    if (err instanceof Error && 'code' in err && err.code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    // The request ended before the file did (the client went away, the connection broke).
    throw new AppError('DOCUMENT_INCOMPLETE', `The upload did not arrive whole (${err instanceof Error ? err.message : 'the stream failed'}); nothing was stored. Send the file again.`);
  }
  if (part.file.truncated) {
    await unlink(spool).catch(() => undefined);
    throw tooLarge(maxBytes);
  }
  return { sha256: hash.digest('hex'), size };
}

export function createUploadDocument(deps: ServiceDeps, settings: DocumentSettings) {
  const { repos, now } = deps;

  /** The enterprise the upload is for, once the caller, the name and the enterprise are checked. */
  async function checkUpload(actor: Actor, q: { enterpriseId?: string | undefined }, part: UploadPart): Promise<string> {
    requireRole(actor, UPLOADING_ROLES, 'upload documents');
    if (actor.role === 'enterprise' && q.enterpriseId && q.enterpriseId !== actor.enterpriseId) throw new AppError('NOT_FOUND', `Enterprise ${q.enterpriseId} was not found.`);
    const enterpriseId = actor.role === 'enterprise' ? actor.enterpriseId : q.enterpriseId;
    if (!enterpriseId) throw new AppError('VALIDATION_FAILED', 'Staff uploading for an enterprise must give ?enterpriseId=.', { issues: [{ path: 'querystring.enterpriseId', message: 'required' }] });
    const nameProblem = documentNameProblem(part.filename);
    if (nameProblem) throw new AppError('DOCUMENT_NAME_INVALID', `The file name is refused: ${nameProblem}.`, { issues: [{ path: 'body.file.filename', message: nameProblem }] });
    return (await findEnterpriseInScope(repos, actor, enterpriseId)).id;
  }

  return async function uploadDocument(actor: Actor, q: { enterpriseId?: string | undefined }, part: UploadPart | undefined): Promise<TUploadedDocument> {
    if (!part) throw new AppError('DOCUMENT_MISSING', 'Send the file as a multipart/form-data part named `file`.', { issues: [{ path: 'body.file', message: 'required' }] });
    const enterpriseId = await checkUpload(actor, q, part).catch((err: unknown) => {
      // The bytes of a refused upload are read and dropped, so the client gets its answer.
      part.file.resume();
      throw err;
    });

    const spool = path.join(settings.spoolDir, `${SPOOL_PREFIX}${randomUUID()}`);
    const { sha256, size } = await spoolPart(part, spool, settings.maxBytes);
    try {
      if (size === 0) throw new AppError('DOCUMENT_EMPTY', 'The file is empty.');
      const mediaType = await sniffMediaType(spool);
      if (!mediaType) {
        throw new AppError('DOCUMENT_TYPE_NOT_ALLOWED', `The content is none of the kept types: ${Object.keys(DOCUMENT_TYPES).join(', ')} (${ALLOWED_EXTENSIONS.join(', ')}).`);
      }
      if (!nameFitsType(part.filename, mediaType)) {
        throw new AppError('DOCUMENT_TYPE_MISMATCH', `The content is ${mediaType} but the name ${part.filename} says otherwise; name it .${DOCUMENT_TYPES[mediaType].join(' or .')}.`, { mediaType });
      }
      await settings.store.put({ sha256, size }, createReadStream(spool)).catch((err: unknown) => {
        throw storeDown(settings.store, err);
      });
      const row = await repos.documents.create({ id: randomUUID(), sha256, size, mediaType, name: part.filename, uploadedBy: actor.userId, enterpriseId, createdAt: now() });
      await repos.audit.append({
        at: row.createdAt,
        ...auditActor(actor),
        action: 'document.upload',
        subjectType: 'document',
        subjectId: row.id,
        outcome: 'ok',
        payload: { sha256, size, mediaType, name: row.name, enterpriseId: row.enterpriseId },
      });
      return { documentId: row.id, sha256, size, mediaType, name: row.name };
    } finally {
      await unlink(spool).catch(() => undefined);
    }
  };
}
