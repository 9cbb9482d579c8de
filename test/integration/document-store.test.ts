// The document store contract (infra/documents/store.ts), the same tests against both adapters:
// the filesystem store in a temporary directory, and the S3 store against a real S3-compatible
// server (moto in server mode, test/support/s3-server.ts).
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { createFsDocumentStore } from '../../infra/documents/fs-store';
import type { DocumentStore } from '../../infra/documents/store';
import { startS3Server, type S3TestServer } from '../support/s3-server';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const object = (content: string) => ({ sha256: sha(content), size: Buffer.byteLength(content) });

/** A body that sends `first`, then fails: a client that went away, a disk that filled up. */
function interrupted(first: string): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(Buffer.from(first));
      } else setTimeout(() => this.destroy(new Error('connection reset')), 20);
    },
  });
}

interface Adapter {
  name: string;
  setup(): Promise<{ store: DocumentStore; objectNames(): Promise<string[]>; teardown(): Promise<void> }>;
}

const fsAdapter: Adapter = {
  name: 'fs',
  async setup() {
    const root = mkdtempSync(path.join(tmpdir(), 'doc-store-'));
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.relative(root, path.join(dir, e.name))]));
    return { store: createFsDocumentStore(root), objectNames: async () => walk(root), teardown: async () => rmSync(root, { recursive: true, force: true }) };
  },
};

let s3: S3TestServer | undefined;
const s3Adapter: Adapter = {
  name: 's3 (moto server)',
  async setup() {
    s3 ??= await startS3Server();
    const server = s3;
    const prefix = `t${Math.random().toString(36).slice(2)}/`;
    const store = server.store(prefix);
    return {
      store,
      objectNames: async () => ((await store.client.send(new ListObjectsV2Command({ Bucket: server.bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key ?? ''),
      teardown: async () => undefined,
    };
  },
};

afterAll(async () => {
  await s3?.stop();
});

describe.each([fsAdapter, s3Adapter])('document store contract: $name', (adapter) => {
  let t: Awaited<ReturnType<Adapter['setup']>>;
  beforeEach(async () => {
    t = await adapter.setup();
  });
  afterEach(async () => {
    await t.teardown();
  });

  it('stores an object under its hash and gives back the same bytes', async () => {
    const content = '营业执照 scan '.repeat(1000);
    expect(await t.store.has(sha(content))).toBe(false);
    expect(await t.store.put(object(content), Readable.from([Buffer.from(content)]))).toBe('stored');
    expect(await t.store.has(sha(content))).toBe(true);
    const body = await t.store.open(sha(content));
    expect(body).not.toBeNull();
    expect(await text(body!)).toBe(content);
    await t.store.ping();
  });

  it('keeps the same content once: a second put stores nothing new', async () => {
    const content = 'the same invoice';
    expect(await t.store.put(object(content), Readable.from([Buffer.from(content)]))).toBe('stored');
    const before = await t.objectNames();
    expect(await t.store.put(object(content), Readable.from([Buffer.from(content)]))).toBe('exists');
    expect(await t.objectNames()).toEqual(before);
    expect(before.filter((n) => n.includes(sha(content)))).toHaveLength(1);
  });

  it('an interrupted write leaves no object and no partial file', async () => {
    const content = 'a'.repeat(64 * 1024);
    await expect(t.store.put(object(content), interrupted('a'.repeat(1000)))).rejects.toThrow();
    expect(await t.store.has(sha(content))).toBe(false);
    expect(await t.store.open(sha(content))).toBeNull();
    expect(await t.objectNames()).toEqual([]);
  });

  it('refuses bytes that do not hash to the announced object, storing nothing', async () => {
    const announced = object('what the upload hashed');
    await expect(t.store.put(announced, Readable.from([Buffer.from('what arrived instead!!')]))).rejects.toThrow();
    expect(await t.store.has(announced.sha256)).toBe(false);
    expect(await t.objectNames()).toEqual([]);
  });

  it('answers null for an object it does not hold', async () => {
    expect(await t.store.open(sha('never stored'))).toBeNull();
  });
});

describe('fs store files', () => {
  it('writes objects read-only under sha256/<two hex>/', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'doc-store-'));
    try {
      const content = 'read-only';
      await createFsDocumentStore(root).put(object(content), Readable.from([Buffer.from(content)]));
      const file = path.join(root, 'sha256', sha(content).slice(0, 2), sha(content));
      expect(statSync(file).mode & 0o777).toBe(0o444);
      expect(readdirSync(path.join(root, 'tmp'))).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
