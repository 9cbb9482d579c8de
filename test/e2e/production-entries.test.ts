// The production entries fail fast, with a message naming what to set, instead of starting a
// system that cannot work: the worker without the prebuilt workflow bundle (it never bundles at
// start), the API while no administrator exists and BOOTSTRAP_ADMIN_PASSWORD is unset. Run as
// the processes they are (through tsx, from the sources: no `npm run build` here, so the
// worker's bundle is absent by construction).
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { NativeConnection } from '@temporalio/worker';
import { createCaseWorker } from '../../worker';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { freePort } from '../support/processes';

const ROOT = path.resolve(__dirname, '..', '..');

function run(entry: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', entry], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase({ postgres: true });
});
afterAll(async () => tdb?.drop());

it('the worker refuses to start without the prebuilt workflow bundle (exit 78, naming the path and the build)', async () => {
  const { code, output } = await run('worker.ts', { TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, DATABASE_URL: tdb.url!, PAYMENT_GATEWAY: 'in-process', TEST_DEPLOYMENT: 'true' });
  expect(code).toBe(78);
  expect(output).toContain(`no prebuilt workflow bundle at ${path.join(ROOT, 'workflow-bundle.js')}`);
  expect(output).toContain('npm run build');
});

it('createCaseWorker refuses a bundle path that does not exist rather than bundling', async () => {
  const connection = {} as NativeConnection; // never reached: the check comes first
  await expect(
    createCaseWorker({ connection, namespace: 'default', taskQueue: 'q', deps: { repos: tdb.repos, now: () => new Date() }, workflowBundlePath: path.join(ROOT, 'no-such-bundle.js') }),
  ).rejects.toThrow(/no prebuilt workflow bundle at .*no-such-bundle\.js/);
});

it('the API refuses to start while no administrator exists and BOOTSTRAP_ADMIN_PASSWORD is unset (exit 78)', async () => {
  const { code, output } = await run('api/server.ts', {
    TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
    DATABASE_URL: tdb.url!,
    JWT_SECRET: 'a-jwt-secret-long-enough-for-the-test-0123',
    PORT: String(await freePort()),
  });
  expect(code).toBe(78);
  expect(output).toContain('no administrator account exists: set BOOTSTRAP_ADMIN_PASSWORD');
});
