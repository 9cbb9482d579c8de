// The parts a chaos run starts and stops: a fresh PostgreSQL database, a Temporal dev server on
// a SQLite file that survives its restart, and a private snapshot of dist/ (another engineer's
// `npm run build` empties dist/ while it runs, and the killed workers must restart from the same
// code).
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Client as PgClient } from 'pg';
import { startDevServer } from '../../infra/embedded';
import type { TemporalExecutable } from '../../infra/temporal-binaries';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface ChaosDatabase {
  name: string;
  /** The database itself, straight to the server (the harness's view: never cut). */
  directUrl: string;
  host: string;
  port: number;
  drop(): Promise<void>;
}

export async function createDatabase(serverUrl: string, tag: string): Promise<ChaosDatabase> {
  const name = `chaos_${tag}_${randomBytes(3).toString('hex')}`;
  const admin = new PgClient({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    name,
    directUrl: u.toString(),
    host: u.hostname,
    port: Number(u.port || 5432),
    drop: async () => {
      const c = new PgClient({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The same database through the proxy on `proxyPort`. */
export function viaProxy(db: ChaosDatabase, proxyPort: number): string {
  const u = new URL(db.directUrl);
  u.host = `127.0.0.1:${proxyPort}`;
  return u.toString();
}

/** Copies dist/ (with package.json for the version and node_modules linked) into the run directory. */
export function snapshotApp(runDir: string): string {
  const dist = path.join(REPO_ROOT, 'dist');
  for (const f of ['worker.js', 'api/server.js', 'workflow-bundle.js', 'prisma/migrations']) {
    if (!existsSync(path.join(dist, f))) throw new Error(`dist/${f} is missing: run \`npm run build\` first`);
  }
  const app = path.join(runDir, 'app');
  mkdirSync(app, { recursive: true });
  cpSync(dist, path.join(app, 'dist'), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'package.json'), path.join(app, 'package.json'));
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');
  return app;
}

/** The dev server on a fixed port and SQLite file, so a restart comes back where it was. */
export class DevServer {
  private env: TestWorkflowEnvironment | null = null;
  readonly address: string;

  constructor(
    private readonly executable: TemporalExecutable,
    readonly port: number,
    readonly dbFilename: string,
  ) {
    this.address = `127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    this.env = await startDevServer({ executable: this.executable, namespace: 'default', dbFilename: this.dbFilename, port: this.port });
  }

  /** Stops the server (the SDK kills its process) and keeps the SQLite file. */
  async stop(): Promise<void> {
    const env = this.env;
    this.env = null;
    await env?.teardown();
  }
}
