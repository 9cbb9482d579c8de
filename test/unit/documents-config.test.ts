// The document store's configuration keys (infra/config-documents.ts) and the store a process
// builds from them, and the rule of file names and types (domain/document.ts).
import { mkdtempSync, rmSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { documentNameProblem, nameFitsType } from '../../domain/document';
import { parseConfig } from '../../infra/config';
import { documentSettingsFromConfig, SPOOL_PREFIX } from '../../infra/documents/from-config';
import { configErrorOf } from '../support/env';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'documents-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('document store configuration', () => {
  it('defaults: the filesystem under DATA_DIR, 50 MiB a file, 1 GiB a case', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ DOCUMENT_STORE: 'fs', DOCUMENT_MAX_BYTES: 50 * 1024 * 1024, CASE_DOCUMENTS_MAX_BYTES: 1024 * 1024 * 1024, S3_REGION: 'us-east-1', S3_PREFIX: '', S3_FORCE_PATH_STYLE: false });
  });

  it('s3 needs a bucket; the key pair goes together; a file may not be larger than a case', () => {
    expect(configErrorOf({ DOCUMENT_STORE: 's3' })).toContain('S3_BUCKET: required when DOCUMENT_STORE=s3');
    expect(configErrorOf({ DOCUMENT_STORE: 's3', S3_BUCKET: 'docs', S3_ACCESS_KEY_ID: 'minio' })).toContain('S3_SECRET_ACCESS_KEY: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
    expect(configErrorOf({ DOCUMENT_MAX_BYTES: '2000', CASE_DOCUMENTS_MAX_BYTES: '1000' })).toContain('DOCUMENT_MAX_BYTES: must not exceed CASE_DOCUMENTS_MAX_BYTES');
    expect(configErrorOf({ S3_BUCKET: 'Not_A_Bucket' })).toContain('S3_BUCKET: must be an S3 bucket name');
    expect(configErrorOf({ S3_ENDPOINT: 'minio:9000' })).toContain('S3_ENDPOINT');
    expect(configErrorOf({ DOCUMENT_MAX_BYTES: String(300 * 1024 * 1024) })).toContain('DOCUMENT_MAX_BYTES');
  });

  it('reads the S3 secret key from S3_SECRET_ACCESS_KEY_FILE, and never echoes it', () => {
    const secretFile = path.join(dir, 's3-secret');
    writeFileSync(secretFile, 'minio-secret-value\n');
    const c = parseConfig({ DOCUMENT_STORE: 's3', S3_BUCKET: 'liaoyuan-docs', S3_ENDPOINT: 'https://minio.example.gov.cn', S3_FORCE_PATH_STYLE: 'true', S3_ACCESS_KEY_ID: 'liaoyuan', S3_SECRET_ACCESS_KEY_FILE: secretFile });
    expect(c.S3_SECRET_ACCESS_KEY).toBe('minio-secret-value');
    expect(documentSettingsFromConfig({ ...c, DATA_DIR: dir }).store.kind).toBe('s3');
    expect(configErrorOf({ S3_SECRET_ACCESS_KEY: 'x', S3_SECRET_ACCESS_KEY_FILE: secretFile, S3_ACCESS_KEY_ID: 'a' })).not.toContain('minio-secret-value');
  });

  it('the filesystem store under DATA_DIR; spool files a stopped process left are removed at start', () => {
    const spool = path.join(dir, 'spool');
    mkdirSync(spool, { recursive: true });
    writeFileSync(path.join(spool, `${SPOOL_PREFIX}stale`), 'half an upload');
    writeFileSync(path.join(spool, 'keep-me'), 'not ours');
    const settings = documentSettingsFromConfig(parseConfig({ DATA_DIR: dir }));
    expect(settings.store.kind).toBe('fs');
    expect(settings.spoolDir).toBe(spool);
    expect(readdirSync(spool)).toEqual(['keep-me']);
  });
});

describe('document names', () => {
  it.each([
    ['申报表.pdf', null],
    ['scan 2026-01.JPEG', null],
    ['', 'no name'],
    ['a/b.pdf', 'path'],
    ['a\\b.pdf', 'path'],
    ['..', 'is a path'],
    ['tab\there.pdf', 'tab or line break'],
    ['nul\u0000.pdf', 'control character'],
    [' lead.pdf', 'space'],
    ['x'.repeat(201) + '.pdf', 'longer than 200'],
    ['README', 'no extension'],
  ])('%j → %s', (name, problem) => {
    const found = documentNameProblem(name);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  it('a name fits the sniffed type only by its extension', () => {
    expect(nameFitsType('a.jpg', 'image/jpeg')).toBe(true);
    expect(nameFitsType('a.JPEG', 'image/jpeg')).toBe(true);
    expect(nameFitsType('a.pdf', 'image/jpeg')).toBe(false);
    expect(nameFitsType('a.ofd', 'application/ofd')).toBe(true);
  });
});
