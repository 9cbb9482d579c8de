// The embedded stack: a Temporal dev server (real, single process, SQLite persisted under the
// data directory) and a PGlite database in the same data directory. Used by `npm start`; the
// tests and the bench start their own servers the same way.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { BINARY_NAMES, resolveTemporalBinary, type TemporalExecutable } from './temporal-binaries';

export interface DevServerOptions {
  executable: TemporalExecutable;
  /** SQLite file; omitted = in memory (tests, bench). */
  dbFilename?: string;
  port?: number;
  ui?: boolean;
  uiPort?: number;
  namespace: string;
}

export async function startDevServer(o: DevServerOptions): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: o.executable,
      namespace: o.namespace,
      ip: '127.0.0.1',
      ...(o.dbFilename ? { dbFilename: o.dbFilename } : {}),
      ...(o.port ? { port: o.port } : {}),
      ui: o.ui ?? false,
      ...(o.uiPort ? { uiPort: o.uiPort } : {}),
      log: { format: 'json', level: 'warn' },
    },
  });
}

export function resolveCli(explicitPath: string | undefined, searchPath: string): TemporalExecutable {
  return resolveTemporalBinary(BINARY_NAMES.cli, { ...(explicitPath ? { explicitPath } : {}), searchPath });
}

export function resolveTestServer(explicitPath: string | undefined, searchPath: string): TemporalExecutable {
  return resolveTemporalBinary(BINARY_NAMES.testServer, { ...(explicitPath ? { explicitPath } : {}), searchPath });
}

export function ensureDataDir(dataDir: string): string {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The embedded mode's JWT secret: generated once, kept in the data directory (mode 600). */
export function embeddedJwtSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return readFileSync(file, 'utf8').trim();
}
