// The web console's build (web/, issue 14): the typed API client's types and the act schemas are
// generated from the app's own OpenAPI document, then esbuild bundles web/src into static files
// (route-level chunks, content-hashed names, one index.html whose only script is an external
// module: the CSP allows scripts from 'self' alone). `npm run build` runs it through
// scripts/build-web.ts; `npm start` calls ensureWebBuilt, which rebuilds only when the sources or
// the OpenAPI document changed since the last build.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';

export const WEB_DIR = path.resolve(__dirname, '..', 'web');
/** Where `npm start` serves the console from (the image copies it to dist/web). */
export const WEB_DIST = path.join(WEB_DIR, 'dist');
const GENERATED = path.join(WEB_DIR, 'src', 'generated');
const STAMP = 'build-stamp.txt';

/** POST /api/v1/<case kind>/{caseId}/<act>: the human acts on a case (api/app.ts ACT_ROUTE). */
const ACT_PATH = /^\/api\/v1\/(applications|proxy-cases|appeals|cases)\/\{caseId\}\/([a-z-]+)$/;
/** POST /api/v1/<case kind>: filing a case (kept as the act `file` of the kind `file:<kind>`). */
const FILE_PATH = /^\/api\/v1\/(proxy-cases|appeals)$/;
const ZOperation = z.object({ requestBody: z.object({ content: z.record(z.string(), z.object({ schema: z.unknown() })) }).optional() }).loose();
const ZDocument = z.object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) }).loose();

/** Each case kind's acts and the JSON Schema of their bodies, as the OpenAPI document declares them. */
export function actSchemas(document: unknown): Record<string, Record<string, unknown>> {
  const doc = ZDocument.parse(document);
  const out: Record<string, Record<string, unknown>> = {};
  for (const [route, methods] of Object.entries(doc.paths)) {
    const filing = FILE_PATH.exec(route);
    const m = filing ? ['', `file:${filing[1]}`, 'file'] : ACT_PATH.exec(route);
    if (!m?.[1] || !m[2] || methods.post === undefined) continue;
    const op = ZOperation.parse(methods.post);
    const schema = op.requestBody?.content['application/json']?.schema ?? { type: 'object', properties: {} };
    (out[m[1]] ??= {})[m[2]] = schema;
  }
  return out;
}

/** web/src/generated/: openapi.d.ts (openapi-typescript's paths) and act-schemas.json. */
export async function writeApiFiles(documentJson: string): Promise<void> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(documentJson);
  mkdirSync(GENERATED, { recursive: true });
  writeFileSync(path.join(GENERATED, 'openapi.d.ts'), `// Generated from the API's OpenAPI document by scripts/web-build.ts: do not edit.\n${astToString(ast)}`);
  writeFileSync(path.join(GENERATED, 'act-schemas.json'), JSON.stringify(actSchemas(JSON.parse(documentJson)), null, 1));
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['dist', 'generated', 'node_modules'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else out.push(full);
  }
  return out.sort();
}

/** What a build depends on: every source of web/, this file, the OpenAPI document and the bundler's version. */
export function webSourceHash(documentJson: string): string {
  const h = createHash('sha256');
  for (const file of [...sourceFiles(WEB_DIR), __filename]) h.update(path.relative(WEB_DIR, file)).update('\0').update(readFileSync(file)).update('\0');
  h.update(documentJson);
  return h.digest('hex');
}

/** Bundles web/src into outDir: assets/ (hashed) and index.html. */
export async function bundleWeb(outDir: string, hash: string): Promise<{ files: number; bytes: number }> {
  const esbuild = await import('esbuild');
  rmSync(outDir, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: { main: path.join(WEB_DIR, 'src', 'main.tsx') },
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: path.join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    publicPath: '/assets',
    minify: true,
    jsx: 'automatic',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.entries(result.metafile.outputs);
  // Each lazy screen is an entry of its own too: the page's script is the one named main-<hash>.js.
  const main = outputs.find(([file]) => /^main-[A-Z0-9]+\.js$/.test(path.basename(file)))?.[0];
  if (!main) throw new Error('esbuild produced no entry chunk');
  const script = `/assets/${path.basename(main)}`;
  const html = readFileSync(path.join(WEB_DIR, 'index.html'), 'utf8').replace('%MAIN%', script);
  writeFileSync(path.join(outDir, 'index.html'), html);
  // Pre-compressed copies for @fastify/static's preCompressed (api/app.ts).
  for (const [file, out] of outputs) if (out.bytes > 2048) writeFileSync(`${path.resolve(file)}.gz`, gzipSync(readFileSync(path.resolve(file)), { level: 9 }));
  writeFileSync(path.join(outDir, STAMP), hash);
  return { files: outputs.length + 1, bytes: outputs.reduce((n, [, o]) => n + o.bytes, 0) };
}

/** `npm start`: builds the console into outDir when it is missing or older than its sources. */
export async function ensureWebBuilt(documentJson: string, outDir = WEB_DIST): Promise<'fresh' | 'built'> {
  const hash = webSourceHash(documentJson);
  const stamp = path.join(outDir, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash && existsSync(path.join(outDir, 'index.html'))) return 'fresh';
  await writeApiFiles(documentJson);
  await bundleWeb(outDir, hash);
  return 'built';
}
