// The S3-compatible document store (AWS S3, MinIO, a city's cloud bucket): one object per sha256
// at `<prefix>sha256/<first two hex>/<sha256>`. Like the filesystem store, a put writes under a
// temporary key (`<prefix>tmp/<uuid>`) and gives the object its real name only once every byte
// arrived and hashed to it (a server-side copy; the temporary key is removed either way): not
// every S3-compatible server checks the x-amz-checksum-sha256 the put sends (moto does not), and a
// PUT that fails half-way leaves nothing under the real name. A body that fails aborts the PUT.
// An object already there is not sent again (content addressing: the same bytes).
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { assertSha256, ObjectMismatchError, type DocumentStore, type StoredObject } from './store';

export interface S3StoreOptions {
  bucket: string;
  region: string;
  prefix: string;
  endpoint?: string | undefined;
  forcePathStyle: boolean;
  /** Absent: the SDK's default chain (instance role, AWS_* variables, profile). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
}

const isMissing = (err: unknown): boolean =>
  err instanceof NoSuchKey || err instanceof NotFound || (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404);

export function createS3DocumentStore(o: S3StoreOptions): DocumentStore & { client: S3Client } {
  const client = new S3Client({
    region: o.region,
    forcePathStyle: o.forcePathStyle,
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    ...(o.credentials ? { credentials: o.credentials } : {}),
    // Checksums only where this store asks for them (the put's SHA-256); some S3-compatible
    // servers refuse the SDK's default CRC32 trailers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A dead endpoint fails the request, it does not hang it.
    maxAttempts: 3,
  });
  const key = (sha256: string) => `${o.prefix}sha256/${sha256.slice(0, 2)}/${sha256}`;

  async function has(sha256: string): Promise<boolean> {
    assertSha256(sha256);
    try {
      await client.send(new HeadObjectCommand({ Bucket: o.bucket, Key: key(sha256) }));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  return {
    kind: 's3',
    client,
    has,

    async put(object: StoredObject, body: Readable) {
      if (await has(object.sha256)) {
        body.resume();
        return 'exists';
      }
      const hash = createHash('sha256');
      let size = 0;
      const counted = body.map((chunk: Buffer) => {
        hash.update(chunk);
        size += chunk.length;
        return chunk;
      });
      // A body that fails (the client went away) ends the PUT at once instead of leaving the
      // server waiting for bytes that never come.
      const abort = new AbortController();
      counted.once('error', (err) => abort.abort(err));
      const tmpKey = `${o.prefix}tmp/${randomUUID()}`;
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: o.bucket,
            Key: tmpKey,
            Body: counted,
            ContentLength: object.size,
            ContentType: 'application/octet-stream',
            ChecksumSHA256: Buffer.from(object.sha256, 'hex').toString('base64'),
          }),
          { abortSignal: abort.signal },
        );
        const digest = hash.digest('hex');
        if (digest !== object.sha256 || size !== object.size) {
          throw new ObjectMismatchError(`the bytes sent (${size}, sha256 ${digest}) are not the object announced (${object.size}, ${object.sha256})`);
        }
        await client.send(new CopyObjectCommand({ Bucket: o.bucket, Key: key(object.sha256), CopySource: `${o.bucket}/${tmpKey}`, ContentType: 'application/octet-stream' }));
        return 'stored';
      } finally {
        body.destroy();
        // The temporary key only: stored documents are never deleted.
        await client.send(new DeleteObjectCommand({ Bucket: o.bucket, Key: tmpKey })).catch(() => undefined);
      }
    },

    async open(sha256) {
      assertSha256(sha256);
      try {
        const got = await client.send(new GetObjectCommand({ Bucket: o.bucket, Key: key(sha256) }));
        if (!(got.Body instanceof Readable)) throw new Error('the S3 client returned a body that is not a Node stream');
        return got.Body;
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },

    async ping() {
      await client.send(new HeadBucketCommand({ Bucket: o.bucket }));
    },
  };
}
