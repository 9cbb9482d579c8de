// The API's one Temporal gateway (api/temporal/gateway.ts) against a real server: a start with
// the filing's policies joins the run already there; a signal fan-out skips and counts closed and
// unknown workflows, stops at an unreachable Temporal and reports what it did not try; and "not
// connected" is the one 503 naming Temporal.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { defineSignal } from '@temporalio/workflow';
import { isAppError } from '../../domain/errors';
import { createTemporalGateway, requireTemporal, undeliveredSignals, type TemporalGateway } from '../../api/temporal/gateway';
import { freePort } from '../support/processes';
import { startTimeSkippingServer } from '../support/temporal';

const TQ = 'gateway-test';
const nudge = defineSignal<[{ n: number }]>('nudge');
const WEEK = 7 * 24 * 3600 * 1000;

let env: TestWorkflowEnvironment;
let gateway: TemporalGateway;
beforeAll(async () => {
  env = await startTimeSkippingServer();
  gateway = createTemporalGateway({ client: env.client, taskQueue: TQ });
});
afterAll(async () => env?.teardown());

/** A ping run that waits a week; no worker runs, so it stays open until terminated. */
async function startPing(): Promise<string> {
  const workflowId = `gateway-${randomUUID()}`;
  await gateway.start('pingWorkflow', { workflowId, args: [{ echo: 'x', delayMs: WEEK }], idConflictPolicy: 'USE_EXISTING', idReusePolicy: 'REJECT_DUPLICATE' });
  return workflowId;
}

it('a second start with USE_EXISTING joins the running workflow', async () => {
  const workflowId = await startPing();
  const first = await gateway.describe(workflowId);
  await gateway.start('pingWorkflow', { workflowId, args: [{ echo: 'again' }], idConflictPolicy: 'USE_EXISTING', idReusePolicy: 'REJECT_DUPLICATE' });
  expect((await gateway.describe(workflowId))?.runId).toBe(first?.runId);
  expect(await gateway.describe(`gateway-missing-${randomUUID()}`)).toBeNull();
});

it('a fan-out signals the open cases and counts closed and unknown ones as skipped', async () => {
  const open = await startPing();
  const closed = await startPing();
  await env.client.workflow.getHandle(closed).terminate('closed for the test');
  const fanOut = await gateway.signalAll([open, closed, `gateway-missing-${randomUUID()}`], nudge, { n: 1 });
  expect(fanOut).toEqual({ total: 3, signalled: 1, closed: 2, failed: [], notTried: 0 });
  expect(undeliveredSignals(fanOut, 'The change')).toBeNull();
  const history = await env.client.workflow.getHandle(open).fetchHistory();
  expect(history.events?.filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'nudge')).toHaveLength(1);
});

describe('Temporal unreachable', () => {
  let connection: Connection;
  beforeAll(async () => {
    // A closed port and no retry interceptor: UNAVAILABLE at once.
    connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, interceptors: [] });
  });
  afterAll(async () => connection?.close());

  it('stops the fan-out at the first unreachable answer and reports the rest as not tried', async () => {
    const down = createTemporalGateway({ client: new Client({ connection }), taskQueue: TQ });
    const fanOut = await down.signalAll(['a', 'b', 'c'], nudge, { n: 1 });
    expect(fanOut).toEqual({ total: 3, signalled: 0, closed: 0, failed: [{ workflowId: 'a', error: expect.any(Error) }], notTried: 2 });
    const err = undeliveredSignals(fanOut, 'The change');
    expect(err?.httpStatus).toBe(503);
    expect(err?.message).toBe('The change is saved, but 3 of 3 waiting cases could not be told (0 signalled, 0 already closed); repeat the request to try again.');
    expect(err?.details).toEqual({ dependency: 'temporal', signalled: 0, closed: 0, failed: 1, notTried: 2 });
  });
});

it('without Temporal, requireTemporal is the 503 naming it', () => {
  const err = (() => {
    try {
      requireTemporal(undefined);
      return null;
    } catch (e) {
      return e;
    }
  })();
  expect(isAppError(err) && { code: err.code, status: err.httpStatus, details: err.details }).toEqual({ code: 'DEPENDENCY_UNAVAILABLE', status: 503, details: { dependency: 'temporal' } });
  expect(requireTemporal(gateway)).toBe(gateway);
});
