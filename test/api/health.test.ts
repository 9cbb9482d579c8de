// GET /readyz (and /health, its older name) needs no sign-in, answers 200 when every part is
// reachable and 503 naming the part that is down, without leaking addresses or driver messages.
// GET /livez answers 200 while the process runs, whatever its dependencies: a liveness probe must
// not restart the API because the database or Temporal blipped.
import { Connection } from '@temporalio/client';
import { Client } from 'pg';
import { createTestApi, type TestApi } from '../support/app';

describe('with every dependency up', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi({ probes: [{ name: 'temporal', check: async () => undefined }] });
  });
  afterAll(async () => t.close());

  it.each(['/readyz', '/health'])('%s: 200 with version and each check', async (url) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(
      expect.objectContaining({ status: 'ok', version: 'test', down: [], checks: { database: { ok: true }, temporal: { ok: true } } }),
    );
  });

  it('/livez: 200 with the version', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/livez' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', version: 'test', time: expect.any(String) });
  });
});

// Real connection attempts to a port where nothing listens.
const temporalUnreachable = async () => {
  const c = await Connection.connect({ address: '127.0.0.1:1', connectTimeout: 500 });
  await c.close();
};
const databaseUnreachable = async () => {
  const c = new Client({ host: '127.0.0.1', port: 1, connectionTimeoutMillis: 500 });
  await c.connect();
};

describe('with Temporal unreachable', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi({ probes: [{ name: 'temporal', check: temporalUnreachable }] });
  });
  afterAll(async () => t.close());

  it.each(['/readyz', '/health'])('%s: 503 naming temporal, and no connection details', async (url) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual(expect.objectContaining({ status: 'degraded', down: ['temporal'] }));
    expect(res.json().checks.database).toEqual({ ok: true });
    expect(res.body).not.toContain('127.0.0.1');
  });

  it('/livez: still 200', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/livez' })).statusCode).toBe(200);
  });

});

describe('with the database unreachable', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi({
      probes: [
        { name: 'database', check: databaseUnreachable },
        { name: 'temporal', check: async () => undefined },
      ],
    });
  });
  afterAll(async () => t.close());

  it('/readyz: 503 naming the database; /livez: 200', async () => {
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual(expect.objectContaining({ status: 'degraded', down: ['database'], checks: { database: { ok: false }, temporal: { ok: true } } }));
    expect(ready.body).not.toContain('127.0.0.1');
    expect((await t.app.inject({ method: 'GET', url: '/livez' })).statusCode).toBe(200);
  });
});

describe('with both unreachable', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi({
      probes: [
        { name: 'database', check: databaseUnreachable },
        { name: 'temporal', check: temporalUnreachable },
      ],
    });
  });
  afterAll(async () => t.close());

  it('/readyz: 503 naming both parts; /livez: 200', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().down).toEqual(['database', 'temporal']);
    expect((await t.app.inject({ method: 'GET', url: '/livez' })).statusCode).toBe(200);
  });
});
