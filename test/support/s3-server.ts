// A real S3-compatible server for the document store's tests: moto in server mode (PyPI,
// `pip install 'moto[server]==5.2.1'`, installed by .ci/run), on a free port, one per test file.
// MOTO_PYTHON names the interpreter when `python3` is not the one moto is installed for.
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { createS3DocumentStore } from '../../infra/documents/s3-store';
import { freePort, spawnProcess, type Spawned } from './processes';

export interface S3TestServer {
  endpoint: string;
  bucket: string;
  /** A store on the server's bucket (path style, fixed test credentials). */
  store(prefix?: string): ReturnType<typeof createS3DocumentStore>;
  stop(): Promise<void>;
}

export const S3_TEST_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

export async function startS3Server(bucket = 'liaoyuan-documents'): Promise<S3TestServer> {
  const port = await freePort();
  const python = process.env['MOTO_PYTHON'] ?? 'python3';
  const proc: Spawned = spawnProcess(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { ...process.env, PYTHONUNBUFFERED: '1' }, process.cwd());
  await proc.waitFor('Running on', 30_000);
  const endpoint = `http://127.0.0.1:${port}`;
  const store = (prefix = '') => createS3DocumentStore({ bucket, region: 'us-east-1', prefix, endpoint, forcePathStyle: true, credentials: S3_TEST_CREDENTIALS });
  await store().client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    endpoint,
    bucket,
    store,
    async stop() {
      proc.child.kill('SIGTERM');
      await proc.exited;
    },
  };
}
