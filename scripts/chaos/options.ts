// `npm run chaos -- [--applications N] [--quick] [--seed S] [--window SECONDS] [--keep]`
import { randomSeed } from './rng';

export interface ChaosOptions {
  /** Applications per cohort: N filed through the API, N more driven to payment. */
  applications: number;
  /** Seconds over which applications arrive and the faults fall. */
  windowSeconds: number;
  seed: number;
  /** Keep the run directory and the database afterwards (they are kept anyway when a check fails). */
  keep: boolean;
  /** How long the cases may take to settle after the last act and the last fault. */
  settleSeconds: number;
}

export const USAGE = `usage: npm run chaos -- [--applications N] [--quick] [--seed S] [--window SECONDS] [--keep]
  --applications N  applications per cohort (default 100; --quick: 10)
  --quick           a CI-sized run: 10 applications, a 100 s fault window
  --seed S          repeat a run's plan (arrivals, fault moments, which worker dies)
  --window SECONDS  the span over which applications arrive and faults fall (default 3 s per application, 100-600)
  --keep            keep the run directory and the database
Needs \`npm run build\` first (the workers and the API run from a snapshot of dist/).`;

function positiveInt(name: string, raw: string | undefined): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer, got ${String(raw)}\n${USAGE}`);
  return v;
}

export function parseOptions(argv: readonly string[]): ChaosOptions {
  let applications: number | undefined;
  let windowSeconds: number | undefined;
  let seed: number | undefined;
  let quick = false;
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--applications':
        applications = positiveInt('applications', argv[++i]);
        break;
      case '--window':
        windowSeconds = positiveInt('window', argv[++i]);
        break;
      case '--seed':
        seed = Number(argv[++i]);
        if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer\n${USAGE}`);
        break;
      case '--quick':
        quick = true;
        break;
      case '--keep':
        keep = true;
        break;
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${String(a)}\n${USAGE}`);
    }
  }
  const n = applications ?? (quick ? 10 : 100);
  // Seven faults one after another need room: about 15 s each at the least.
  const window = windowSeconds ?? (quick ? 100 : Math.min(600, Math.max(100, 3 * n)));
  if (window < 90) throw new Error(`--window must be at least 90 seconds so seven faults fit one after another\n${USAGE}`);
  return { applications: n, windowSeconds: window, seed: seed ?? randomSeed(), keep, settleSeconds: 240 };
}
