// The faults of a chaos run, at seeded moments of the window, one after another (so each 503 can
// be laid at one fault's door): a worker SIGKILLed five times and restarted, the Temporal dev
// server restarted once on its SQLite file, PostgreSQL connections cut for ten seconds once.
import type { Supervised } from './children';
import { sleep } from './http';
import type { Rng } from './rng';
import type { DevServer } from './stack';
import type { TcpProxy } from './tcp-proxy';

export type FaultKind = 'kill-worker' | 'restart-temporal' | 'cut-database';

export interface PlannedFault {
  kind: FaultKind;
  /** Seconds after the window opened. */
  at: number;
  /** kill-worker: which worker. */
  worker: number;
  /** How long the part stays down before it is started again (kill, restart), or cut (database). */
  downSeconds: number;
}

export interface FaultRecord {
  planned: PlannedFault;
  /** Seconds since the run started. */
  startedAt: number;
  /** When the part was back (ready again, connections let through). */
  endedAt: number;
  /** What the fault hit: for a kill, the cases by status and the requests in flight. */
  hit: string;
  error: string | null;
}

export const DATABASE_CUT_SECONDS = 10;
const KILLS = 5;

export function planFaults(rng: Rng, windowSeconds: number): PlannedFault[] {
  const kinds = rng.shuffle<FaultKind>([...Array<FaultKind>(KILLS).fill('kill-worker'), 'restart-temporal', 'cut-database']);
  const times = kinds.map(() => rng.between(0.06 * windowSeconds, 0.94 * windowSeconds)).sort((a, b) => a - b);
  return kinds.map((kind, i) => ({
    kind,
    at: times[i] ?? 0,
    worker: rng.int(2),
    downSeconds: kind === 'cut-database' ? DATABASE_CUT_SECONDS : rng.between(0.5, 3),
  }));
}

export interface FaultDeps {
  workers: Supervised[];
  temporal: DevServer;
  proxy: TcpProxy;
  secondsNow: () => number;
  /** One line on the state of the system now (cases by status, payments, requests in flight). */
  describeState: () => Promise<string>;
}

/** Runs the plan in order; a fault whose moment comes while the previous one lasts waits for it. */
export async function runFaults(deps: FaultDeps, plan: PlannedFault[], windowOpenedAt: number, log: (line: string) => void): Promise<FaultRecord[]> {
  const records: FaultRecord[] = [];
  for (const f of plan) {
    await sleep(Math.max(0, (windowOpenedAt + f.at - deps.secondsNow()) * 1000));
    const startedAt = deps.secondsNow();
    let hit = '';
    let error: string | null = null;
    try {
      hit = await deps.describeState();
      hit = await runOne(deps, f, hit);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const record = { planned: f, startedAt, endedAt: deps.secondsNow(), hit, error };
    records.push(record);
    log(`  fault ${records.length}/${plan.length} ${describeFault(record)}`);
  }
  return records;
}

async function runOne(deps: FaultDeps, f: PlannedFault, state: string): Promise<string> {
  switch (f.kind) {
    case 'kill-worker': {
      const w = deps.workers[f.worker];
      if (!w) throw new Error(`no worker ${f.worker}`);
      const pid = w.pid;
      const up = deps.secondsNow() - w.startedAt;
      await w.kill();
      await sleep(f.downSeconds * 1000);
      await w.start();
      return `${w.spec.name} pid ${String(pid)} (up ${up.toFixed(1)} s) killed; ${state}`;
    }
    case 'restart-temporal':
      await deps.temporal.stop();
      await sleep(f.downSeconds * 1000);
      await deps.temporal.start();
      return `dev server stopped and started again on ${deps.temporal.address}; ${state}`;
    case 'cut-database': {
      const before = deps.proxy.stats.destroyed;
      await deps.proxy.cut();
      await sleep(f.downSeconds * 1000);
      await deps.proxy.restore();
      return `${deps.proxy.stats.destroyed - before} open connections destroyed, new ones refused; ${state}`;
    }
  }
}

export function describeFault(r: FaultRecord): string {
  const what = r.planned.kind === 'kill-worker' ? `SIGKILL worker-${r.planned.worker + 1}` : r.planned.kind === 'restart-temporal' ? 'restart Temporal' : `cut PostgreSQL ${DATABASE_CUT_SECONDS} s`;
  const span = `${r.startedAt.toFixed(1)}-${r.endedAt.toFixed(1)} s`;
  return `${what.padEnd(20)} ${span.padEnd(14)} ${r.error ? `FAILED: ${r.error}` : r.hit}`;
}
