// Opens the database: PostgreSQL through @prisma/adapter-pg when a URL is given (production,
// tests), else an embedded PGlite persisted in a directory (the zero-install default).
// Both run the same schema and the same migrations. PGlite is a development dependency
// (`npm ci` installs it for `npm start`; the production image has none), so ./pglite is loaded
// only when asked for.
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaClient } from '../../generated/prisma/client';

/** Raw SQL for what Prisma cannot do: multi-statement migrations and advisory locks. */
export interface SqlRunner {
  /** Runs one or more statements (simple protocol, no parameters). */
  exec(sql: string): Promise<void>;
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs fn on one connection inside a transaction. */
  transaction<T>(fn: (tx: Omit<SqlRunner, 'transaction'>) => Promise<T>): Promise<T>;
}

export interface Database {
  kind: 'postgres' | 'pglite';
  prisma: PrismaClient;
  sql: SqlRunner;
  close(): Promise<void>;
}

export type DatabaseTarget = { url: string } | { pgliteDir: string } | { pgliteInMemory: true };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const db = await ('url' in target ? openPostgres(target.url) : (await import('./pglite.js')).openPglite('pgliteDir' in target ? target.pgliteDir : undefined));
  // Closing twice (a signal during shutdown, a test that closed early) is harmless.
  let closing: Promise<void> | undefined;
  return { ...db, close: () => (closing ??= db.close()) };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on('error', () => undefined);
  // Fail fast with a clear message rather than on the first query.
  await pool.query('SELECT 1');
  // One pool for Prisma and raw SQL, owned here, so close() really closes every connection.
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const sql: SqlRunner = {
    exec: async (text) => {
      await pool.query(text);
    },
    query: async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => (await pool.query<T>(text, params)).rows,
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          exec: async (text) => {
            await client.query(text);
          },
          query: async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => (await client.query<T>(text, params)).rows,
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
  return {
    kind: 'postgres',
    prisma,
    sql,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
