// Case documents' metadata (the bytes are in the document store, infra/documents/). An upload
// writes a row; an act or filing that references documents holds them for its case: `hold`
// reserves them (under a lock per case, so two acts cannot both pass the case's total), and
// `confirm` makes the attachment final once the act happened, `release` gives the reservation back
// when it was refused. The trigger of migration 0006 keeps what an upload recorded and every row
// a case holds.
import type { Document, Prisma, PrismaClient } from '../../generated/prisma/client';


export interface HoldRequest {
  caseId: string;
  ids: readonly string[];
  /** The act that attaches them: `file`, `supplement`, `approve:<item>`, ... */
  act: string;
  by: string;
  /** The act's own key: its retry (same Idempotency-Key) finds its reservation again. */
  key: string;
  at: Date;
  /** Final at once (a filing, whose transaction writes the case too), or a reservation to confirm. */
  confirm: boolean;
  /** What the case may hold in total, in bytes. */
  caseMaxBytes: number;
}

/** How a hold ended: every document held, or why not (nothing held then). */
export type HoldOutcome =
  | { kind: 'held'; documents: Document[] }
  | { kind: 'missing'; ids: string[] }
  | { kind: 'attached'; ids: string[] }
  | { kind: 'over_total'; heldBytes: number; addedBytes: number };

/** The documents a case holds with the usernames of who uploaded and attached them. */
export type CaseDocumentRow = Document & { uploader: { username: string }; attacher: { username: string } | null };

/** Holds documents for a case inside the caller's transaction (`db` must be one). */
export async function holdDocuments(db: Prisma.TransactionClient, r: HoldRequest): Promise<HoldOutcome> {
  const ids = [...new Set(r.ids)];
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`documents:${r.caseId}`}))`;
  // Lock the rows: a concurrent hold of the same document by another case waits, then sees it taken.
  const locked = await db.$queryRaw<Array<{ id: string }>>`SELECT id::text AS id FROM documents WHERE id = ANY(${ids}::uuid[]) FOR UPDATE`;
  const rows = await db.document.findMany({ where: { id: { in: locked.map((l) => l.id) } } });
  const missing = ids.filter((id) => !rows.some((d) => d.id === id));
  if (missing.length > 0) return { kind: 'missing', ids: missing };
  // Held by this very act already (a retry): fine. Held by anything else: taken.
  const mine = (d: Document) => d.caseId === r.caseId && d.attachKey === r.key;
  const taken = rows.filter((d) => d.caseId !== null && !mine(d)).map((d) => d.id);
  if (taken.length > 0) return { kind: 'attached', ids: taken };
  const fresh = rows.filter((d) => d.caseId === null);
  const held = await db.document.aggregate({ where: { caseId: r.caseId }, _sum: { size: true } });
  const heldBytes = held._sum.size ?? 0;
  const addedBytes = fresh.reduce((s, d) => s + d.size, 0);
  if (heldBytes + addedBytes > r.caseMaxBytes) return { kind: 'over_total', heldBytes, addedBytes };
  await db.document.updateMany({
    where: { id: { in: fresh.map((d) => d.id) }, caseId: null },
    data: { caseId: r.caseId, attachedInAct: r.act, attachedBy: r.by, attachKey: r.key, ...(r.confirm ? { attachedAt: r.at } : {}) },
  });
  if (r.confirm) await db.document.updateMany({ where: { id: { in: ids }, caseId: r.caseId, attachKey: r.key, attachedAt: null }, data: { attachedAt: r.at } });
  return { kind: 'held', documents: await db.document.findMany({ where: { id: { in: ids } } }) };
}

export function createDocumentsRepository(prisma: PrismaClient) {
  return {
    create: (data: Omit<Prisma.DocumentUncheckedCreateInput, 'caseId' | 'attachedInAct' | 'attachedBy' | 'attachedAt' | 'attachKey'>) => prisma.document.create({ data }),
    findById: (id: string) => prisma.document.findUnique({ where: { id } }),
    findMany: (ids: readonly string[]) => prisma.document.findMany({ where: { id: { in: [...ids] } } }),
    /** How many rows (uploads) name this content: the stored object is one whatever the count. */
    countBySha256: (sha256: string) => prisma.document.count({ where: { sha256 } }),
    hold: (r: HoldRequest): Promise<HoldOutcome> => prisma.$transaction((tx) => holdDocuments(tx, r)),
    /** The act happened: its reservation becomes the attachment, for good. */
    confirm: async (caseId: string, key: string, at: Date): Promise<void> => {
      await prisma.document.updateMany({ where: { caseId, attachKey: key, attachedAt: null }, data: { attachedAt: at } });
    },
    /** The act was refused: its reservation is given back (confirmed attachments are never). */
    release: async (caseId: string, key: string): Promise<void> => {
      await prisma.document.updateMany({ where: { caseId, attachKey: key, attachedAt: null }, data: { caseId: null, attachedInAct: null, attachedBy: null, attachKey: null } });
    },
    /** The documents a case holds, in the order they were attached (then uploaded). */
    listForCase: (caseId: string): Promise<CaseDocumentRow[]> =>
      prisma.document.findMany({
        where: { caseId },
        include: { uploader: { select: { username: true } }, attacher: { select: { username: true } } },
        orderBy: [{ attachedAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }, { id: 'asc' }],
      }),
  };
}
export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>;
