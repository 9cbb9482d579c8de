// Floor: start a minimal workflow and wait for its result with the raw Temporal client.
import { pingWorkflow } from '../../workflows';
import { formatResult, runConcurrent } from '../harness';
import type { BenchContext, BenchReport } from './context';

export async function rawPing(ctx: BenchContext): Promise<BenchReport> {
  const worker = await ctx.stack.startWorker('ping');
  try {
    const run = Date.now().toString(36);
    const once = (n: number, c: number, tag: string) =>
      runConcurrent(n, c, async (i) => {
        await ctx.client.workflow.execute(pingWorkflow, { taskQueue: worker.taskQueue, workflowId: `bench-ping-${run}-${tag}-${i}`, args: [{ echo: 'x' }] });
      });
    // Warm-up: the first workflow tasks pay for isolate creation and connection set-up.
    await once(Math.min(20, ctx.iterations), Math.min(ctx.concurrency, 5), 'warm');
    return { lines: [formatResult('raw-ping (start + complete, raw client)', await once(ctx.iterations, ctx.concurrency, 'run'))], goals: [] };
  } finally {
    await worker.stop();
  }
}
