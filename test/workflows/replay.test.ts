// Replays committed histories (test/histories) against the current workflow code: a change
// that would make a recorded case decide differently fails here (a nondeterminism error),
// which is what auditors rely on when they replay a case years later.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../support/temporal';

const DIR = path.join(__dirname, '..', 'histories');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

it('has committed histories to replay', () => {
  expect(files.length).toBeGreaterThanOrEqual(1);
});

it.each(files)('replays %s without nondeterminism', async (file) => {
  // Stored as protobufjs JSON (longs and enums as strings, bytes as base64).
  const history = temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(path.join(DIR, file), 'utf8')));
  expect(history.events?.length ?? 0).toBeGreaterThan(20);
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `replay-${file}`);
});
