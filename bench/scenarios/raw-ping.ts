// Floor: start a minimal workflow and wait for its result with the raw Temporal client.
// Every API path is compared with this.
import type { Client } from '@temporalio/client';
import { pingWorkflow } from '../../workflows';
import { runConcurrent, type RunResult } from '../harness';

export async function rawPing(client: Client, taskQueue: string, iterations: number, concurrency: number): Promise<RunResult> {
  const run = `${Date.now().toString(36)}`;
  return runConcurrent(iterations, concurrency, async (i) => {
    await client.workflow.execute(pingWorkflow, { taskQueue, workflowId: `bench-ping-${run}-${i}`, args: [{ echo: 'x' }] });
  });
}
