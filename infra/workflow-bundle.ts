// How the workflow bundle is built, in one place: `npm run build`, the embedded stack, a worker
// that bundles at start, the tests and the bench all build it with these options, so the code a
// test runs is the code production runs.
//
// Why preload: with the reusable V8 context every workflow in a worker thread gets its own copy of
// every module its code imports, evaluated when the workflow is created (a start, or a replay after
// a cache eviction). Our domain modules define their zod schemas at module scope (statuses, roles,
// the SLA policy, the calendar's file shape: about 180 zod schemas with zod itself), which the
// workflows never parse with but paid for per case: about 1.5 MB of worker heap for each cached
// case, and 600 cached cases held 1,448 MiB. Preloaded, they are evaluated once per worker thread
// and shared (frozen by the SDK): the same 600 cases hold 545 MiB (bench/README.md, open-cases).
//
// A preloaded module must hold no state of its own: no module-level `let`, no module-level Map or
// Set that a function fills, no object it changes later. The SDK freezes what they export (a
// workflow that tried to change it would fail its task at once, not leak into another case), and
// test/unit/workflow-preload.test.ts reads the sources for the rest.
import type { BundleOptions } from '@temporalio/worker';

/** The workflows' entry point (workflows/index.ts, or its compiled .js). */
export const WORKFLOWS_PATH = require.resolve('../workflows');

/**
 * zod and every domain module the workflow code imports (their own imports are shared with
 * them). Pure data and functions of their arguments; nothing here may import @temporalio/workflow.
 */
export const PRELOADED_DOMAIN_MODULES = [
  'appeal/acts',
  'appeal/catalogue',
  'appeal/status',
  'application/acts',
  'application/status',
  'case-history',
  'failures',
  'proxy/acts',
  'proxy/catalogue',
  'proxy/status',
  'sla',
  'text',
] as const;

export function preloadedModules(): string[] {
  return ['zod', ...PRELOADED_DOMAIN_MODULES.map((m) => require.resolve(`../domain/${m}`))];
}

/** Options for bundleWorkflowCode: the production workflows unless another entry is given (test fixtures). */
export function workflowBundleOptions(overrides: Partial<BundleOptions> = {}): BundleOptions {
  return { workflowsPath: WORKFLOWS_PATH, preloadModules: preloadedModules(), ...overrides };
}
