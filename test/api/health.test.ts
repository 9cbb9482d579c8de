// GET /health needs no sign-in, answers 200 when every part is reachable and 503 naming the
// part that is down, without leaking addresses or driver messages.
import { Connection } from '@temporalio/client';
import { Client } from 'pg';
import { createTestApi, type TestApi } from '../support/app';

describe('with every dependency up', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi({ probes: [{ name: 'temporal', check: async () => undefined }] });
  });
  afterAll(async () => t.close());

  it('200 with version and each check', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(
      expect.objectContaining({ status: 'ok', version: 'test', down: [], checks: { database: { ok: true }, temporal: { ok: true } } }),
    );
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

  it('503 naming temporal, and no connection details', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual(expect.objectContaining({ status: 'degraded', down: ['temporal'] }));
    expect(res.json().checks.database).toEqual({ ok: true });
    expect(res.body).not.toContain('127.0.0.1');
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

  it('503 naming both parts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json().down).toEqual(['database', 'temporal']);
  });
});
