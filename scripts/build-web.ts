// `npm run build:web` (and the web step of `npm run build`): the console's API types from the app's
// OpenAPI document, `tsc -p web` (a changed route breaks the console's build here), then the
// bundle. `--types-only` stops after the types (`npm run typecheck:web`); `--out DIR` bundles
// elsewhere than web/dist (the image: dist/web).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildApp } from '../api/app';
import { APP_VERSION } from '../api/version';
import { openDatabase } from '../infra/db/database';
import { createRepositories } from '../infra/db/repositories';
import { bundleWeb, WEB_DIR, WEB_DIST, webSourceHash, writeApiFiles } from './web-build';

/** The OpenAPI document without a stack: routes are wired on an in-memory PGlite nothing queries. */
async function openApiJson(): Promise<string> {
  const db = await openDatabase({ pgliteInMemory: true });
  try {
    const app = await buildApp({ repos: createRepositories(db.prisma), probes: [], jwtSecret: 'the-openapi-document-only-0123456789', tokenTtlSeconds: 60, version: APP_VERSION, logger: false });
    try {
      await app.ready();
      return JSON.stringify(app.swagger());
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const outDir = outAt >= 0 && args[outAt + 1] ? path.resolve(args[outAt + 1] ?? '') : WEB_DIST;
  const documentJson = await openApiJson();
  await writeApiFiles(documentJson);
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(WEB_DIR, 'tsconfig.json')], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  if (args.includes('--types-only')) return;
  const { files, bytes } = await bundleWeb(outDir, webSourceHash(documentJson));
  process.stdout.write(`web console: ${files} files, ${Math.round(bytes / 1024)} KiB in ${path.relative(process.cwd(), outDir) || '.'}\n`);
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
