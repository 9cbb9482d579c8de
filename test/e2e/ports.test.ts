// `npm start` on a machine where a port it needs is taken: it stops before starting anything and
// names the port and the variable that moves it, instead of failing inside the Temporal CLI.
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertPortsFree, PortTakenError } from '../../infra/ports';
import { freePort, spawnProcess } from '../support/processes';

const ROOT = path.resolve(__dirname, '..', '..');

function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => resolve(srv));
  });
}

const close = (srv: Server) => new Promise<void>((resolve) => srv.close(() => resolve()));

describe('assertPortsFree', () => {
  it('passes when every port is free', async () => {
    const port = await freePort();
    await expect(assertPortsFree([{ port, host: '127.0.0.1', what: 'API', variable: 'PORT' }])).resolves.toBeUndefined();
  });

  it('names each taken port, what needs it and the variable that moves it', async () => {
    const [a, b, free] = [await freePort(), await freePort(), await freePort()];
    const servers = [await occupy(a), await occupy(b)];
    try {
      const check = assertPortsFree([
        { port: a, host: '127.0.0.1', what: 'Temporal dev server', variable: 'TEMPORAL_PORT' },
        { port: free, host: '127.0.0.1', what: 'API', variable: 'PORT' },
        { port: b, host: '127.0.0.1', what: 'Temporal Web UI', variable: 'TEMPORAL_UI_PORT' },
      ]);
      await expect(check).rejects.toBeInstanceOf(PortTakenError);
      const message = await check.catch((err: Error) => err.message);
      expect(message).toContain(`port ${a} on 127.0.0.1 (Temporal dev server) is already in use: stop what listens there, or set TEMPORAL_PORT to a free port.`);
      expect(message).toContain(`port ${b} on 127.0.0.1 (Temporal Web UI) is already in use`);
      expect(message).toContain('TEMPORAL_UI_PORT');
      expect(message).not.toContain(`port ${free}`);
    } finally {
      await Promise.all(servers.map(close));
    }
  });

  it('refuses two services configured on one port', async () => {
    const port = await freePort();
    await expect(
      assertPortsFree([
        { port, host: '127.0.0.1', what: 'Temporal dev server', variable: 'TEMPORAL_PORT' },
        { port, host: '127.0.0.1', what: 'API', variable: 'PORT' },
      ]),
    ).rejects.toThrow(`PORT=${port} (API) is the same port as TEMPORAL_PORT (Temporal dev server)`);
  });
});

it('npm start with the Temporal port taken exits at once, naming TEMPORAL_PORT, and starts nothing', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'liaoyuan-ports-'));
  const [api, temporal, ui] = [await freePort(), await freePort(), await freePort()];
  const taken = await occupy(temporal);
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(api), TEMPORAL_PORT: String(temporal), TEMPORAL_UI_PORT: String(ui) };
    delete env.TEMPORAL_ADDRESS;
    delete env.DATABASE_URL;
    const p = spawnProcess(process.execPath, ['--import', 'tsx', 'scripts/start-embedded.ts'], env, ROOT);
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain(`port ${temporal} on 127.0.0.1 (Temporal dev server) is already in use: stop what listens there, or set TEMPORAL_PORT to a free port.`);
    expect(p.output()).not.toMatch(/\n\s+at /); // no stack trace
    // Nothing was opened: no database, no Temporal file in the data directory.
    expect(readdirSync(dataDir)).toEqual([]);
  } finally {
    await close(taken);
  }
});
