// Database errors that no retry can fix. An activity that writes a value PostgreSQL refuses
// (U+0000 in text or jsonb, a value too long, a broken constraint) fails the same way on every
// attempt; with Temporal's default retry policy it would retry forever and hold its workflow
// (a case whose act never ends). Such errors are turned into non-retryable failures here; every
// other error (a lost connection, a deadlock, a serialization failure) stays retryable.

/** SQLSTATE classes that describe the data or the statement, not the server's health. */
const PERMANENT_CLASSES: Readonly<Record<string, string>> = {
  '22': 'data exception',
  '23': 'integrity constraint violation',
  '54': 'program limit exceeded',
};
/** Prisma's own codes for the same kinds of refusal (value too long, unique, foreign key, null, invalid value). */
const PERMANENT_PRISMA = new Set(['P2000', 'P2002', 'P2003', 'P2005', 'P2006', 'P2007', 'P2011', 'P2019', 'P2020', 'P2023']);

export interface PermanentDbError {
  /** SQLSTATE (e.g. 22P05) or Prisma code (e.g. P2002). */
  code: string;
  /** What the database said, for the operator and the refusal message. */
  message: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** A property of an error-like value of unknown shape (driver errors carry code, meta, cause). */
export function field(v: unknown, key: string): unknown {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
}

/** The SQLSTATE-bearing objects of an error: itself, its causes, Prisma's driver-adapter error. */
function candidates(err: unknown): unknown[] {
  const out: unknown[] = [];
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur; i++) {
    out.push(cur);
    const adapter = field(field(field(cur, 'meta'), 'driverAdapterError'), 'cause');
    if (adapter) out.push(adapter);
    cur = field(cur, 'cause');
  }
  return out;
}

/** The permanent database error inside `err`, or null when a retry may succeed. */
export function permanentDbError(err: unknown): PermanentDbError | null {
  for (const c of candidates(err)) {
    const code = field(c, 'originalCode') ?? field(c, 'code');
    if (typeof code !== 'string') continue;
    const message = String(field(c, 'originalMessage') ?? field(c, 'message') ?? code);
    if (SQLSTATE.test(code) && !code.startsWith('P') && PERMANENT_CLASSES[code.slice(0, 2)]) {
      const detail = field(c, 'detail');
      return { code, message: `${PERMANENT_CLASSES[code.slice(0, 2)]} ${code}: ${message}${typeof detail === 'string' ? ` (${detail})` : ''}` };
    }
    if (PERMANENT_PRISMA.has(code)) return { code, message: `${code}: ${message.split('\n').filter(Boolean).pop() ?? code}` };
  }
  return null;
}
