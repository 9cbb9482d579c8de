// Prisma CLI configuration. The JS schema engine with a driver adapter keeps every
// Prisma command offline (no engine binary download). Only developer tooling reads this
// file (generate, migrate diff); the running system applies migrations itself
// (see activities/db/migrate.ts) so PGlite and Postgres share one path.
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

export default defineConfig({
  engine: 'js',
  experimental: { adapter: true },
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL ?? '' }),
});
