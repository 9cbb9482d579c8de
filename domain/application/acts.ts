// The body of each human act on an application, one zod schema per act, shared by the API (which
// validates requests with them and publishes them as OpenAPI) and the workflow (whose act type is
// the body plus the actor). The act's name is not part of the body: the API takes it from the URL.
import { z } from 'zod';
import { ZDocumentIds } from '../document';

const ZReason = z.string().trim().min(1).max(4000);

/**
 * A document a case holds, as its workflow keeps it: the upload's id (POST /api/v1/documents),
 * name, content hash and size. The API builds these from the `documentIds` a request names; cases
 * filed before uploads existed hold references without an id.
 */
export const ZDocumentRef = z.object({
  documentId: z.uuid().optional(),
  name: z.string().trim().min(1).max(200),
  sha256: z.string().regex(/^[a-f0-9]{64}$/, 'a lower-case hex SHA-256'),
  size: z.number().int().positive().max(200 * 1024 * 1024),
});
export type TDocumentRef = z.infer<typeof ZDocumentRef>;

/** One thing a reviewer asks the enterprise to supply (补正), and why. */
export const ZSupplementItem = z.object({ name: z.string().trim().min(1).max(200), reason: ZReason });
export type TSupplementItem = z.infer<typeof ZSupplementItem>;

export const ZAcceptBody = z.object({ opinion: z.string().max(4000).optional() }).strict();
export const ZRequestSupplementBody = z.object({ items: z.array(ZSupplementItem).min(1).max(50) }).strict();
export const ZNotAcceptBody = z.object({ reason: ZReason }).strict();
export const ZSupplementBody = z.object({ documents: z.array(ZDocumentRef).max(100), facts: z.record(z.string(), z.unknown()).optional() }).strict();
export const ZApproveBody = z
  .object({
    amountFen: z.number().int().positive().optional().describe('award items: the approved amount in fen, at most the quote'),
    opinion: ZReason,
    reductionReason: z.string().trim().min(1).max(4000).optional().describe('required when amountFen is below the quote'),
  })
  .strict();
export const ZRejectBody = z.object({ reason: ZReason }).strict();
export const ZCountersignBody = z.object({ decision: z.enum(['agree', 'disagree']), opinion: ZReason }).strict();
export const ZObjectionBody = z.object({ text: ZReason }).strict();
export const ZResolveObjectionBody = z.object({ upheld: z.boolean(), opinion: ZReason }).strict();
export const ZWithdrawBody = z.object({ reason: ZReason }).strict();

/** 补正 as the API takes it: the documents by upload id; the API hands the workflow their references. */
export const ZSupplementRequest = z.object({ documentIds: ZDocumentIds.default([]), facts: z.record(z.string(), z.unknown()).optional() }).strict();

/** Every act by name, in the order a case meets them. */
export const APPLICATION_ACT_NAMES = ['accept', 'request-supplement', 'not-accept', 'supplement', 'approve', 'reject', 'countersign', 'objection', 'resolve-objection', 'withdraw'] as const;
export type ApplicationActName = (typeof APPLICATION_ACT_NAMES)[number];

/** Each act's body schema; an act missing here or a name missing above does not compile. */
export const APPLICATION_ACT_BODIES = {
  accept: ZAcceptBody,
  'request-supplement': ZRequestSupplementBody,
  'not-accept': ZNotAcceptBody,
  supplement: ZSupplementBody,
  approve: ZApproveBody,
  reject: ZRejectBody,
  countersign: ZCountersignBody,
  objection: ZObjectionBody,
  'resolve-objection': ZResolveObjectionBody,
  withdraw: ZWithdrawBody,
} as const satisfies Record<ApplicationActName, z.ZodObject>;

type ActBodies = typeof APPLICATION_ACT_BODIES;

/** One act as a caller sends it: its name and its checked body (the workflow adds the actor). */
export type ApplicationActBodyOf<K extends ApplicationActName> = { act: K } & z.infer<ActBodies[K]>;
export type ApplicationActBody = { [K in ApplicationActName]: ApplicationActBodyOf<K> }[ApplicationActName];

/** Each act's body as the API takes it: the workflow's, but documents are named by upload id. */
export const APPLICATION_ACT_REQUEST_BODIES = { ...APPLICATION_ACT_BODIES, supplement: ZSupplementRequest } as const satisfies Record<ApplicationActName, z.ZodObject>;
type ActRequestBodies = typeof APPLICATION_ACT_REQUEST_BODIES;
export type ApplicationActRequestOf<K extends ApplicationActName> = { act: K } & z.infer<ActRequestBodies[K]>;
export type ApplicationActRequest = { [K in ApplicationActName]: ApplicationActRequestOf<K> }[ApplicationActName];
