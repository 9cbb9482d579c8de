// The document store and limits a process uses, from its configuration: DOCUMENT_STORE=fs keeps
// files under DATA_DIR/documents, DOCUMENT_STORE=s3 in the bucket S3_BUCKET (S3_ENDPOINT for MinIO
// or another S3-compatible server). Uploads are spooled to DOCUMENT_SPOOL_DIR (default
// DATA_DIR/spool) while they are hashed and sniffed; spool files a stopped process left are
// removed here, at the start.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config';
import { createFsDocumentStore } from './fs-store';
import { createS3DocumentStore } from './s3-store';
import type { DocumentStore } from './store';

export interface DocumentSettings {
  store: DocumentStore;
  /** Where uploads are spooled while they arrive; a directory this process may write. */
  spoolDir: string;
  maxBytes: number;
  caseMaxBytes: number;
}

/** Spool files are named so; nothing else in the spool directory is touched. */
export const SPOOL_PREFIX = 'upload-';

export function documentStoreFromConfig(config: AppConfig): DocumentStore {
  if (config.DOCUMENT_STORE === 'fs') return createFsDocumentStore(path.resolve(config.DATA_DIR, 'documents'));
  if (!config.S3_BUCKET) throw new Error('DOCUMENT_STORE=s3 needs S3_BUCKET'); // the config schema already refuses this
  return createS3DocumentStore({
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    prefix: config.S3_PREFIX,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials: config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY } : undefined,
  });
}

/** Creates the spool directory and removes what a stopped process left in it. */
export function prepareSpoolDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (name.startsWith(SPOOL_PREFIX)) rmSync(path.join(dir, name), { force: true });
  return dir;
}

export function documentSettingsFromConfig(config: AppConfig): DocumentSettings {
  return {
    store: documentStoreFromConfig(config),
    spoolDir: prepareSpoolDir(path.resolve(config.DOCUMENT_SPOOL_DIR ?? path.join(config.DATA_DIR, 'spool'))),
    maxBytes: config.DOCUMENT_MAX_BYTES,
    caseMaxBytes: config.CASE_DOCUMENTS_MAX_BYTES,
  };
}
