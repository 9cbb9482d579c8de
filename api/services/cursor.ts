// Opaque keyset cursors: where the next page starts, as base64url JSON the client hands back
// unchanged. A cursor that does not decode is the caller's error (400), never a 500.
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import type { DeadlineCursor } from '../../infra/db/inbox-repository';

const ZDeadlineCursor = z.object({ d: z.iso.datetime().nullable(), id: z.string().min(1).max(64) }).strict();
const ZSeqCursor = z.object({ s: z.string().regex(/^\d{1,19}$/) }).strict();

const encode = (value: object): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

function decode<T>(cursor: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'cursor is not one this API gave out: pass nextCursor of the previous page unchanged, or leave it out for the first page.', {
      issues: [{ path: 'querystring.cursor', message: 'not a cursor of this list' }],
    });
  }
  return parsed.data;
}

export const deadlineCursor = {
  encode: (c: DeadlineCursor): string => encode({ d: c.deadlineAt?.toISOString() ?? null, id: c.caseId }),
  decode: (cursor: string | undefined): DeadlineCursor | null => {
    if (cursor === undefined) return null;
    const c = decode(cursor, ZDeadlineCursor);
    return { deadlineAt: c.d === null ? null : new Date(c.d), caseId: c.id };
  },
};

export const seqCursor = {
  encode: (seq: bigint): string => encode({ s: seq.toString() }),
  decode: (cursor: string | undefined): bigint | null => (cursor === undefined ? null : BigInt(decode(cursor, ZSeqCursor).s)),
};
