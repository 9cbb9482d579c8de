// Each test file gets its own database: a fresh PostgreSQL database on the server at
// DATABASE_URL (dropped afterwards), or an in-memory PGlite when DATABASE_URL is unset.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../infra/db/database';
import { applyMigrations, readMigrations, MIGRATIONS_DIR } from '../../infra/db/migrate';
import { createRepositories, type Repositories } from '../../infra/db/repositories';
import { testConfig } from './env';

export interface TestDatabase {
  db: Database;
  repos: Repositories;
  /** The URL of this file's own database (Postgres only). */
  url: string | null;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * The PostgreSQL server for tests that need a real one (connections cut by a proxy): DATABASE_URL,
 * else the local server every machine of this project runs (README: `npm test`).
 */
export const POSTGRES_ADMIN_URL = testConfig.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function createTestDatabase(o: { postgres?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = testConfig.DATABASE_URL ?? (o.postgres ? POSTGRES_ADMIN_URL : undefined);
  if (!adminUrl) {
    const db = await openDatabase({ pgliteInMemory: true });
    await applyMigrations(db.sql, readMigrations(MIGRATIONS_DIR));
    return { db, repos: createRepositories(db.prisma), url: null, drop: () => db.close() };
  }
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const db = await openDatabase({ url });
  await applyMigrations(db.sql, readMigrations(MIGRATIONS_DIR));
  return {
    db,
    repos: createRepositories(db.prisma),
    url,
    drop: async () => {
      await db.close();
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
