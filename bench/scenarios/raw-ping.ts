// Floor: start a minimal workflow and wait for its result with the raw Temporal client.
// Every API path is compared with this.
import { pingWorkflow } from '../../workflows';
import { formatResult, runConcurrent } from '../harness';
import type { BenchContext } from './context';

export async function rawPing(ctx: BenchContext): Promise<string> {
  const run = Date.now().toString(36);
  const once = (n: number, c: number, tag: string) =>
    runConcurrent(n, c, async (i) => {
      await ctx.client.workflow.execute(pingWorkflow, { taskQueue: ctx.taskQueue, workflowId: `bench-ping-${run}-${tag}-${i}`, args: [{ echo: 'x' }] });
    });
  // Warm-up: the first workflow tasks pay for isolate creation and connection set-up.
  await once(Math.min(20, ctx.iterations), Math.min(ctx.concurrency, 5), 'warm');
  return formatResult('raw-ping (start + complete, raw client)', await once(ctx.iterations, ctx.concurrency, 'run'));
}
