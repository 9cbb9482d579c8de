// The smallest real workflow: the floor every API path is benchmarked against, and the
// end-to-end check that a worker polls the task queue.
import { sleep } from '@temporalio/workflow';

export interface PingInput {
  echo: string;
  /** Optional durable wait before answering, to prove timers (and time skipping) work. */
  delayMs?: number;
}

export async function pingWorkflow(input: PingInput): Promise<{ echo: string; waitedMs: number }> {
  if (input.delayMs && input.delayMs > 0) await sleep(input.delayMs);
  return { echo: input.echo, waitedMs: input.delayMs ?? 0 };
}
