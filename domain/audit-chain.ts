// The audit log's hash chain, as a pure rule shared by the writer and the verifier.
// hash = sha256(prevHash + canonical JSON of the record). Canonical JSON sorts object keys,
// because PostgreSQL's jsonb does not keep the order in which keys were written.

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  at: string; // ISO instant, millisecond precision
  actorId: string | null;
  actorUsername: string | null;
  actorRole: string | null;
  actorDepartment: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  outcome: 'ok' | 'refused';
  reason: string | null;
  payload: unknown;
  idempotencyKey: string | null;
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The text that is hashed; the caller supplies sha256 (node's crypto is not available everywhere). */
export function chainInput(prevHash: string, fields: AuditFields): string {
  return prevHash + canonicalJson(fields);
}
