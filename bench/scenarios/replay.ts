// Replaying a case's history against the current workflow code, as an auditor's replay does
// (POST /api/v1/cases/:caseId/replay): committed histories of about 300 events (test/histories),
// each replayed many times in one replay worker; against the anchor, the replay of a raw Temporal
// workflow's history (the ping workflow: the cost of a replay with nothing of ours in it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { pingWorkflow } from '../../workflows';
import { percentile } from '../harness';
import type { BenchContext, BenchReport } from './context';

type History = temporal.api.history.v1.IHistory;

const HISTORIES = ['appeal-reopened-twice-concluded.json', 'legacy-f8b4e01-application-supervised.json'];

function committed(name: string): History {
  return temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'test', 'histories', name), 'utf8')));
}

/** Per-replay milliseconds of `times` replays of one history in one replay worker (the first, which starts the worker, left out). */
async function replayTimes(bundlePath: string, history: History, times: number): Promise<number[]> {
  const inputs = Array.from({ length: times + 1 }, (_, i) => ({ workflowId: `bench-replay-${i}`, history }));
  const ms: number[] = [];
  let t0 = performance.now();
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: bundlePath } }, inputs)) {
    if (result.error) throw new Error(`replay of ${result.workflowId} failed: ${String(result.error)}`);
    const t1 = performance.now();
    ms.push(t1 - t0);
    t0 = t1;
  }
  return ms.slice(1).sort((a, b) => a - b);
}

export async function replay(ctx: BenchContext): Promise<BenchReport> {
  const times = ctx.smoke ? 5 : 50;
  const worker = await ctx.stack.startWorker('replay');
  let ping: History;
  try {
    const handle = await ctx.client.workflow.start(pingWorkflow, { taskQueue: worker.taskQueue, workflowId: `bench-ping-${Date.now().toString(36)}`, args: [{ echo: 'x' }] });
    await handle.result();
    ping = await handle.fetchHistory();
  } finally {
    await worker.stop();
  }
  const anchor = await replayTimes(ctx.stack.bundlePath, ping, times);
  const lines = [`replay, ${times} times each, one replay worker (ms per replay)`];
  lines.push(`  anchor: raw Temporal (ping workflow, ${ping.events?.length ?? 0} events): p50 ${percentile(anchor, 50).toFixed(1)}  p95 ${percentile(anchor, 95).toFixed(1)}`);
  const goals: BenchReport['goals'] = [];
  for (const name of HISTORIES) {
    const h = committed(name);
    const ms = await replayTimes(ctx.stack.bundlePath, h, times);
    const p95 = percentile(ms, 95);
    lines.push(`  ${name} (${h.events?.length ?? 0} events): p50 ${percentile(ms, 50).toFixed(1)}  p95 ${p95.toFixed(1)}  (${(percentile(ms, 50) / Math.max(percentile(anchor, 50), 0.001)).toFixed(1)}× the anchor; goal p95 ≤ 100 ms)`);
    goals.push({ goal: `replay of ${name} p95 ≤ 100 ms`, met: p95 <= 100 });
  }
  return { lines, goals };
}
