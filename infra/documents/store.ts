// The document store port: where the bytes of case documents live, content-addressed by their
// sha256 (the same file uploaded twice is one object). Two adapters: `fs-store.ts` (a directory,
// DATA_DIR/documents in the embedded mode) and `s3-store.ts` (an S3-compatible bucket: MinIO, a
// cloud bucket). Both keep the contract test/integration/document-store.test.ts proves:
// - `put` stores the bytes under their hash only when all of them arrived and hash to it; a write
//   that is interrupted, or whose bytes hash to something else, leaves no object behind;
// - an object, once stored, never changes (a second put of the same hash stores nothing new);
// - nothing here deletes: files are kept while a case or a retention rule holds them, and no
//   retention rule ends yet.
import type { Readable } from 'node:stream';

export interface StoredObject {
  sha256: string;
  size: number;
}

export interface DocumentStore {
  /** `fs` or `s3`, for logs and the readiness probe's message. */
  readonly kind: 'fs' | 's3';
  /**
   * Stores `body` under `sha256`. Resolves 'stored' when written now, 'exists' when the object was
   * there already (its body is then drained unread); rejects when the body fails, is not `size`
   * bytes or does not hash to `sha256`, leaving nothing stored.
   */
  put(object: StoredObject, body: Readable): Promise<'stored' | 'exists'>;
  /** Whether an object with this hash is stored. */
  has(sha256: string): Promise<boolean>;
  /** The object's bytes, or null when it is not stored. */
  open(sha256: string): Promise<Readable | null>;
  /** Throws when the store cannot be reached or written (readiness). */
  ping(): Promise<void>;
}

/** Thrown by `put` when the bytes that arrived are not the object announced. */
export class ObjectMismatchError extends Error {
  override readonly name = 'ObjectMismatchError';
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export function assertSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256: ${sha256.slice(0, 80)}`);
}
