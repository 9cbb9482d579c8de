// The embedded database: PGlite (in-process PostgreSQL) through pglite-prisma-adapter, persisted
// in a directory or in memory. Loaded by database.ts only for the embedded mode and tests.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../../generated/prisma/client';
import type { Database, SqlRunner } from './database';

export async function openPglite(dir: string | undefined): Promise<Database> {
  const pglite = dir ? new PGlite(dir) : new PGlite();
  await pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const runner = {
    exec: async (text: string) => {
      await pglite.exec(text);
    },
    query: async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => (await pglite.query<T>(text, params)).rows,
  };
  const sql: SqlRunner = {
    ...runner,
    transaction: (fn) =>
      pglite.transaction(async (tx) =>
        fn({
          exec: async (text) => {
            await tx.exec(text);
          },
          query: async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => (await tx.query<T>(text, params)).rows,
        }),
      ),
  };
  return {
    kind: 'pglite',
    prisma,
    sql,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
