// Case documents: upload (multipart, streamed), download (streamed, with its hash as ETag), and
// a case's documents with who attached them in which act.
import multipart from '@fastify/multipart';
import { AppError } from '../../domain/errors';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { dependencyUnavailable } from '../errors';
import { actorOf } from '../plugins/auth';
import { fileResponse, protectedErrors, ZErrorBody, ZUuidParam } from '../schemas/common';
import type { CaseDocuments } from '../services/case-documents';
import { ZUploadedDocument, type createUploadDocument } from '../services/upload-document';
import { DOCUMENT_TYPES } from '../../domain/document';

export const ZCaseDocument = z.object({
  documentId: z.string(),
  name: z.string(),
  mediaType: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  uploadedBy: z.string().describe('username'),
  uploadedAt: z.string(),
  act: z.string().describe('the act that attached it: file, supplement, provide-materials:<item>, approve:<item>, ...'),
  attachedBy: z.string().describe('username'),
  attachedAt: z.string().nullable().describe('null while the act that reserved it has not answered yet'),
});

/** A case view's documents, grouped by the act that attached them, in order. */
export const ZDocumentsByAct = z.array(z.object({ act: z.string(), attachedBy: z.string(), attachedAt: z.string().nullable(), documents: z.array(ZCaseDocument) }));

/** `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<the name>` (RFC 6266, RFC 5987). */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export const documentRoutes: FastifyPluginAsyncZod<{ upload: ReturnType<typeof createUploadDocument> | undefined; documents: CaseDocuments; maxBytes: number }> = async (
  app,
  { upload, documents, maxBytes },
) => {
  const security = [{ bearer: [] }];
  // Only this plugin's routes take multipart bodies. preservePath: the file name as the client
  // sent it, so a path in it is seen (and refused) instead of silently cut to its last part.
  await app.register(multipart, { preservePath: true, limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1, headerPairs: 50 } });

  app.post(
    '/api/v1/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Upload a case document (multipart/form-data, one part `file`); PDF, JPEG, PNG, DOCX, XLSX or OFD, sniffed from the content',
        description: `At most ${maxBytes} bytes (DOCUMENT_MAX_BYTES). Staff name the enterprise it is for (?enterpriseId=). Reference it by documentId in a filing or an act.`,
        security,
        querystring: z.object({ enterpriseId: z.uuid().optional().describe('staff: the enterprise the document is for') }),
        response: { 201: ZUploadedDocument, ...protectedErrors, 406: ZErrorBody, 413: ZErrorBody, 503: ZErrorBody },
      },
    },
    async (request, reply) => {
      if (!upload) throw dependencyUnavailable('documents', 'This API process has no document store configured.');
      // A body that is not multipart/form-data with a boundary: the multipart parser would throw
      // its own error (a 500); the client gets the 400 that says what to send.
      if (!request.isMultipart() || !/;\s*boundary=/i.test(request.headers['content-type'] ?? '')) {
        throw new AppError('DOCUMENT_MISSING', 'Send the file as a multipart/form-data body (with its boundary) and one part named `file`.', { issues: [{ path: 'body.file', message: 'required' }] });
      }
      const part = await request.file();
      const result = await upload(actorOf(request), request.query, part ? { filename: part.filename, file: part.file } : undefined);
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/v1/documents/:id',
    {
      schema: {
        tags: ['documents'],
        summary: 'Download a document: to whoever may see its case (an unattached one to its uploader and enterprise); staff downloads are audited',
        security,
        params: ZUuidParam,
        // The bytes, streamed as they are stored (a stream is never serialised by the schema).
        response: { 200: fileResponse(Object.keys(DOCUMENT_TYPES), 'the file, with Content-Type, Content-Disposition and its sha256 as ETag'), ...protectedErrors, 503: ZErrorBody },
      },
    },
    async (request, reply) => {
      const { document: d, body } = await documents.download(actorOf(request), request.params.id);
      return reply
        .header('content-type', d.mediaType)
        .header('content-length', d.size)
        .header('content-disposition', contentDisposition(d.name))
        .header('x-content-type-options', 'nosniff')
        .header('etag', `"${d.sha256}"`)
        .header('x-content-sha256', d.sha256)
        .send(body);
    },
  );

  app.get(
    '/api/v1/cases/:caseId/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'The documents a case holds, with who attached each in which act (the same scope as the case)',
        security,
        params: z.object({ caseId: z.string().regex(/^[A-Z]{2}-\d{4}-\d{6}$/, 'a case number like SB-2026-000123') }),
        response: { 200: z.object({ items: z.array(ZCaseDocument) }), ...protectedErrors },
      },
    },
    async (request) => ({ items: await documents.listForCase(actorOf(request), request.params.caseId) }),
  );
};
