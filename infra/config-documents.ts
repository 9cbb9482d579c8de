// The configuration keys of the case document store (issue 15), part of the one schema in
// infra/config.ts: where files go (the filesystem under DATA_DIR, or an S3-compatible bucket a
// city's IT runs: MinIO, a cloud bucket) and how large they may be.
import { z } from 'zod';
import { zFlag } from './config-values';

const MiB = 1024 * 1024;
/** Larger than any one document the API takes; the per-file limit is capped there. */
export const DOCUMENT_MAX_BYTES_CAP = 200 * MiB;

export const ZDocumentKeys = z.object({
  // `fs`: DATA_DIR/documents (one host, or a shared volume); `s3`: the bucket below.
  DOCUMENT_STORE: z.enum(['fs', 's3']).default('fs'),
  DOCUMENT_MAX_BYTES: z.coerce.number().int().min(1).max(DOCUMENT_MAX_BYTES_CAP).default(50 * MiB),
  // What one case may hold in total: a filing with a few dozen scans fits; a disk-filling one not.
  CASE_DOCUMENTS_MAX_BYTES: z.coerce.number().int().min(1).max(64 * 1024 * MiB).default(1024 * MiB),
  // Where an upload is spooled while it is hashed and sniffed (removed at once); unset: DATA_DIR/spool.
  DOCUMENT_SPOOL_DIR: z.string().min(1).optional(),
  // Unset: the provider's own endpoint for S3_REGION (AWS); MinIO and others: their URL.
  S3_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http(s):// URL' }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name').optional(),
  // Objects go under this prefix (e.g. `liaoyuan/`), so one bucket may hold more than this system.
  S3_PREFIX: z.string().regex(/^([A-Za-z0-9._-]+\/)*$/, 'must be empty or end in /').default(''),
  // Unset: the SDK's own chain (instance role, AWS_* variables, profile).
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  // MinIO and most self-hosted servers address buckets by path (http://host/bucket/key).
  S3_FORCE_PATH_STYLE: zFlag.default(false),
});

type DocumentKeys = z.infer<typeof ZDocumentKeys>;

/** The keys of the document store that only make sense together. */
export function checkDocumentKeys(c: DocumentKeys, ctx: z.RefinementCtx): void {
  if (c.DOCUMENT_STORE === 's3' && c.S3_BUCKET === undefined) ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'required when DOCUMENT_STORE=s3' });
  if ((c.S3_ACCESS_KEY_ID === undefined) !== (c.S3_SECRET_ACCESS_KEY === undefined)) {
    ctx.addIssue({ code: 'custom', path: [c.S3_ACCESS_KEY_ID === undefined ? 'S3_ACCESS_KEY_ID' : 'S3_SECRET_ACCESS_KEY'], message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both or neither' });
  }
  if (c.DOCUMENT_MAX_BYTES > c.CASE_DOCUMENTS_MAX_BYTES) ctx.addIssue({ code: 'custom', path: ['DOCUMENT_MAX_BYTES'], message: 'must not exceed CASE_DOCUMENTS_MAX_BYTES' });
}
