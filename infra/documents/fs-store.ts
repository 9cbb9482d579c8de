// The filesystem document store: `<root>/sha256/<first two hex>/<sha256>`. A put writes into
// `<root>/tmp/` while hashing, fsyncs, checks hash and size, then hard-links the file under its
// real name (link fails if that name exists: two puts of the same file race harmlessly) and fsyncs
// the directory; a crash at any point leaves at most a file in tmp/, never half a file under a
// real name. Objects are written read-only (0444) and never rewritten.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, constants, link, mkdir, open, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertSha256, ObjectMismatchError, type DocumentStore, type StoredObject } from './store';

const errCode = (err: unknown): string | undefined => (typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined);

export function createFsDocumentStore(root: string): DocumentStore {
  const tmpDir = path.join(root, 'tmp');
  const objectPath = (sha256: string) => path.join(root, 'sha256', sha256.slice(0, 2), sha256);

  async function fsyncDir(dir: string): Promise<void> {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async function exists(file: string): Promise<boolean> {
    try {
      await stat(file);
      return true;
    } catch (err) {
      if (errCode(err) === 'ENOENT') return false;
      throw err;
    }
  }

  return {
    kind: 'fs',

    async put(object: StoredObject, body: Readable) {
      assertSha256(object.sha256);
      const final = objectPath(object.sha256);
      if (await exists(final)) {
        body.resume();
        return 'exists';
      }
      await mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, `${randomUUID()}.part`);
      const handle = await open(tmp, 'wx', 0o444);
      const hash = createHash('sha256');
      let size = 0;
      try {
        const sink = new Writable({
          write(chunk: Buffer, _enc, done) {
            hash.update(chunk);
            size += chunk.length;
            handle.write(chunk).then(() => done(), done);
          },
        });
        await pipeline(body, sink);
        await handle.sync();
        await handle.close();
        const digest = hash.digest('hex');
        if (digest !== object.sha256 || size !== object.size) {
          throw new ObjectMismatchError(`the bytes written (${size}, sha256 ${digest}) are not the object announced (${object.size}, ${object.sha256})`);
        }
        await mkdir(path.dirname(final), { recursive: true });
        try {
          await link(tmp, final);
        } catch (err) {
          // Another put of the same content won the race: its file is this one.
          if (errCode(err) !== 'EEXIST') throw err;
          return 'exists';
        }
        await fsyncDir(path.dirname(final));
        return 'stored';
      } finally {
        await handle.close().catch(() => undefined);
        await unlink(tmp).catch(() => undefined);
      }
    },

    has: (sha256) => {
      assertSha256(sha256);
      return exists(objectPath(sha256));
    },

    async open(sha256) {
      assertSha256(sha256);
      const file = objectPath(sha256);
      if (!(await exists(file))) return null;
      return createReadStream(file);
    },

    async ping() {
      await mkdir(tmpDir, { recursive: true });
      await access(tmpDir, constants.W_OK);
    },
  };
}
