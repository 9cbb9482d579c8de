// `npm start` as a newcomer runs it: the embedded stack (Temporal dev server from the resolved
// binary, PGlite) boots, /health is 200, the demo accounts sign in, a workflow runs on the
// in-process worker, Ctrl-C leaves no process behind, and a second start keeps the data.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { pingWorkflow } from '../../workflows';
import { freePort, processesMentioning, spawnProcess, type Spawned } from '../support/processes';

const ROOT = path.resolve(__dirname, '..', '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'liaoyuan-e2e-'));
let ports: { api: number; temporal: number; ui: number };

async function startEmbedded(): Promise<Spawned> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(ports.api),
    TEMPORAL_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.ui),
    DEMO_PASSWORD: 'e2e-password-123',
    LOG_LEVEL: 'warn',
  };
  // The embedded defaults: no cluster, no server database.
  delete env.TEMPORAL_ADDRESS;
  delete env.DATABASE_URL;
  const p = spawnProcess(process.execPath, ['--import', 'tsx', 'scripts/start-embedded.ts'], env, ROOT);
  await p.waitFor('Press Ctrl-C to stop.', 120_000);
  return p;
}

async function stop(p: Spawned): Promise<number | null> {
  p.child.kill('SIGINT');
  return p.exited;
}

const api = (route: string) => `http://127.0.0.1:${ports.api}${route}`;

async function login(username = 'admin'): Promise<string> {
  const res = await fetch(api('/api/v1/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'e2e-password-123' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
  ports = { api: await freePort(), temporal: await freePort(), ui: await freePort() };
});

let enterpriseId: string;

it('boots, answers /health and sign-in, runs a workflow, and stops cleanly on Ctrl-C', async () => {
  const p = await startEmbedded();
  try {
    expect(p.output()).toContain(`OpenAPI docs    http://127.0.0.1:${ports.api}/docs`);
    expect(p.output()).toContain('Demo password   e2e-password-123');

    const health = await fetch(api('/health'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual(expect.objectContaining({ status: 'ok', checks: { database: { ok: true }, temporal: { ok: true } } }));

    const token = await login();
    const created = await fetch(api('/api/v1/enterprises'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ creditCode: '91350100M000100Y43', name: '重启测试企业', industry: 'C', aboveScale: false }),
    });
    expect(created.status).toBe(201);
    enterpriseId = ((await created.json()) as { id: string }).id;

    // The first start's matching run: each demo enterprise is told of its likely items at once.
    for (const username of ['ent1', 'ent2']) {
      const own = await login(username);
      let titles: string[] = [];
      for (let i = 0; i < 100 && titles.length === 0; i++) {
        const res = await fetch(api('/api/v1/notifications'), { headers: { authorization: `Bearer ${own}` } });
        titles = ((await res.json()) as { items: Array<{ title: string }> }).items.map((n) => n.title);
        if (titles.length === 0) await new Promise((r) => setTimeout(r, 200));
      }
      expect(`${username}: ${titles.length > 0 ? 'notified' : 'nothing'}`).toBe(`${username}: notified`);
    }

    const docs = await fetch(api('/docs/json'));
    expect(docs.status).toBe(200);
    expect(Object.keys(((await docs.json()) as { paths: object }).paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/enterprises/{id}']));

    const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
    try {
      const client = new Client({ connection });
      const result = await client.workflow.execute(pingWorkflow, { taskQueue: 'liaoyuan-cases', workflowId: 'e2e-ping', args: [{ echo: 'embedded' }] });
      expect(result.echo).toBe('embedded');
    } finally {
      await connection.close();
    }
  } finally {
    expect(await stop(p)).toBe(0);
  }
  expect(processesMentioning(dataDir)).toEqual([]);
});

it('keeps accounts, records and workflow history across a restart', async () => {
  const p = await startEmbedded();
  try {
    const token = await login();
    const res = await fetch(api(`/api/v1/enterprises/${enterpriseId}`), { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { name: string }).name).toBe('重启测试企业');

    const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
    try {
      const described = await new Client({ connection }).workflow.getHandle('e2e-ping').describe();
      expect(described.status.name).toBe('COMPLETED');
    } finally {
      await connection.close();
    }
  } finally {
    expect(await stop(p)).toBe(0);
  }
  expect(processesMentioning(dataDir)).toEqual([]);
});
