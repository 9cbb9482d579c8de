// The modules preloaded into the workflow sandbox (infra/workflow-bundle.ts) are shared by every
// case of a worker thread: they must hold no state of their own, and every domain module the
// workflow code imports must be among them (or a case pays its zod schemas again).
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PRELOADED_DOMAIN_MODULES, preloadedModules } from '../../infra/workflow-bundle';

const ROOT = path.resolve(__dirname, '..', '..');

function sourceOf(spec: string, from: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** Value imports (not `import type`) of relative modules, resolved to files. */
function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^(?:import|export) (?!type )[^;]*? from '(\.[^']+)';/gms)].map((m) => m[1]!);
  return specs.map((s) => sourceOf(s, file)).filter((f): f is string => f !== undefined);
}

function closure(files: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...files];
  while (queue.length > 0) {
    const f = queue.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    queue.push(...localImports(f));
  }
  return seen;
}

const preloadedFiles = closure(preloadedModules().filter((m) => m !== 'zod'));

test('every preloaded module resolves to a domain source file', () => {
  expect(preloadedModules()[0]).toBe('zod');
  for (const m of preloadedModules().slice(1)) expect(path.relative(ROOT, m)).toMatch(/^domain\/.+\.ts$/);
  expect(preloadedModules()).toHaveLength(PRELOADED_DOMAIN_MODULES.length + 1);
});

test('every domain module the workflow code imports is preloaded', () => {
  const fromWorkflows = [...closure([path.join(ROOT, 'workflows', 'index.ts')])].filter((f) => path.relative(ROOT, f).startsWith('domain/'));
  expect(fromWorkflows.length).toBeGreaterThan(5);
  expect(fromWorkflows.filter((f) => !preloadedFiles.has(f)).map((f) => path.relative(ROOT, f))).toEqual([]);
});

test('no preloaded module holds state: no module-level let or var, no module-level collection, no workflow API', () => {
  const problems: string[] = [];
  for (const file of preloadedFiles) {
    const rel = path.relative(ROOT, file);
    const text = readFileSync(file, 'utf8');
    if (!rel.startsWith('domain/')) problems.push(`${rel}: outside domain/`);
    if (/@temporalio\//.test(text)) problems.push(`${rel}: imports the Temporal SDK`);
    for (const m of text.matchAll(/^(?:export )?(?:let|var) \w+/gm)) problems.push(`${rel}: ${m[0]}`);
    for (const m of text.matchAll(/^(?:export )?const \w+(?::[^=]+)? = new (?:Map|Set|WeakMap|WeakSet)\b/gm)) problems.push(`${rel}: ${m[0]}`);
  }
  expect(preloadedFiles.size).toBeGreaterThan(10);
  expect(problems).toEqual([]);
});

