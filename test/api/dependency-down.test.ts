// When a dependency is out, the API answers 503 DEPENDENCY_UNAVAILABLE naming the part that is
// down (the database, Temporal), never a 500: a client can tell "retry later" from "our bug".
// Every error here is a real one: the pg driver and Prisma's driver adapter against a port where
// nothing listens or behind a proxy that cuts the connections, and the Temporal client against a
// closed port.
import { Client, Connection } from '@temporalio/client';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { openDatabase, type Database } from '../../infra/db/database';
import { createRepositories } from '../../infra/db/repositories';
import { buildApp, type App } from '../../api/app';
import { toErrorResponse } from '../../api/errors';
import { PrismaClient } from '../../generated/prisma/client';
import { TcpProxy } from '../../scripts/chaos/tcp-proxy';
import { bearer, createTestApi, TEST_JWT_SECRET, type TestApi } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { freePort } from '../support/processes';
import type { FastifyRequest } from 'fastify';

const DATABASE_DOWN = { code: 'DEPENDENCY_UNAVAILABLE', message: expect.stringMatching(/^The database is not reachable/), details: { dependency: 'database' } };
const TEMPORAL_DOWN = { code: 'DEPENDENCY_UNAVAILABLE', message: expect.stringMatching(/^The workflow service \(Temporal\) is not reachable/), details: { dependency: 'temporal' } };
const exhibition = { exhibitionName: '依赖展', boothFeeFen: 600_000, travelFen: 300_000, lodgingFen: 100_000, rateBps: 3000 };

/** A request object for toErrorResponse: only its logger is used. */
const quietRequest = { log: { error: () => undefined, warn: () => undefined, info: () => undefined } } as unknown as FastifyRequest;

describe('PostgreSQL refuses connections', () => {
  let app: App;
  let prisma: PrismaClient;
  let pool: Pool;
  beforeAll(async () => {
    // Nothing listens on this port: every connection attempt is refused (ECONNREFUSED, P1001).
    pool = new Pool({ connectionString: `postgresql://postgres@127.0.0.1:${await freePort()}/none`, max: 2 });
    pool.on('error', () => undefined);
    prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    app = await buildApp({ repos: createRepositories(prisma), probes: [], jwtSecret: TEST_JWT_SECRET, tokenTtlSeconds: 900, version: 'test', logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
    await pool.end();
  });

  it('answers a sign-in with 503 naming the database', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ent1', password: 'whatever-123' } });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual(DATABASE_DOWN);
    expect(res.headers['retry-after']).toBe('5');
    // No address or driver text for an unauthenticated client.
    expect(res.body).not.toContain('127.0.0.1');
  });

  it('maps the raw pg error (ECONNREFUSED) the same way', async () => {
    const err = await pool.query('SELECT 1').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toEqual(expect.objectContaining({ code: 'ECONNREFUSED' }));
    expect(toErrorResponse(err, quietRequest)).toEqual({ status: 503, body: DATABASE_DOWN });
  });
});

// Connections cut while the API runs: a PostgreSQL server behind a proxy (DATABASE_URL, else the
// local one on 127.0.0.1:5432), never skipped.
describe('PostgreSQL connections are cut while the API runs', () => {
  let tdb: TestDatabase;
  let proxy: TcpProxy;
  let db: Database;
  let t: TestApi;
  let entToken: string;

  beforeAll(async () => {
    tdb = await createTestDatabase({ postgres: true });
    const direct = new URL(tdb.url!);
    proxy = await TcpProxy.start(await freePort(), { host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(direct);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    db = await openDatabase({ url: viaProxy.toString() });
    t = await createTestApi({ tdb: { db, repos: createRepositories(db.prisma), url: viaProxy.toString(), drop: async () => undefined } });
    entToken = await t.login('ent1');
  });
  afterAll(async () => {
    await t?.app.close();
    await db?.close();
    await proxy?.close();
    await tdb?.drop();
  });

  it('maps a connection cut in the middle of a query to 503 naming the database', async () => {
    const slow = db.prisma.$queryRawUnsafe('SELECT pg_sleep(5)').then(
      () => null,
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 300));
    await proxy.cut();
    const err = await slow;
    await proxy.restore();
    expect(err).toBeInstanceOf(Error);
    expect(toErrorResponse(err, quietRequest)).toEqual({ status: 503, body: DATABASE_DOWN });
  });

  it('keeps a database error that is not about the connection a 500', async () => {
    const err = await db.sql.query('SELEC 1').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toEqual(expect.objectContaining({ code: '42601' }));
    expect(toErrorResponse(err, quietRequest).status).toBe(500);
  });

  it('answers 503 naming the database while the connections are cut, and 200 again after', async () => {
    await proxy.cut();
    try {
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/applications', headers: bearer(entToken) });
      expect(list.statusCode).toBe(503);
      expect(list.json()).toEqual(DATABASE_DOWN);
      const filed = await t.app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        headers: { ...bearer(entToken), 'idempotency-key': 'dependency-down-1' },
        payload: { policyCode: 'M09', item: 'exhibition', facts: exhibition },
      });
      expect(filed.statusCode).toBe(503);
      expect(filed.json()).toEqual(DATABASE_DOWN);
      for (const url of ['/readyz', '/health']) {
        const health = await t.app.inject({ method: 'GET', url });
        expect(health.statusCode).toBe(503);
        expect(health.json()).toEqual(expect.objectContaining({ down: ['database'] }));
      }
      // The process itself is fine: no liveness probe restarts it for an outage.
      expect((await t.app.inject({ method: 'GET', url: '/livez' })).statusCode).toBe(200);
    } finally {
      await proxy.restore();
    }
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/applications', headers: bearer(entToken) });
    expect(again.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});

describe('Temporal does not answer', () => {
  let t: TestApi;
  let connection: Connection;
  let tokens: { ent: string; reviewer: string };

  beforeAll(async () => {
    // A closed port; no client-side retry interceptor, so the UNAVAILABLE answer comes at once
    // instead of after the default ~20 s of retries (the error is the same).
    connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}`, interceptors: [] });
    t = await createTestApi({ temporal: { client: new Client({ connection }), taskQueue: 'dependency-down' } });
    tokens = { ent: await t.login('ent1'), reviewer: await t.login('gxj.reviewer') };
  });
  afterAll(async () => {
    await t?.close();
    await connection?.close();
  });

  it('answers a filing and an act with 503 naming Temporal', async () => {
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { ...bearer(tokens.ent), 'idempotency-key': 'temporal-down-1' },
      payload: { policyCode: 'M09', item: 'exhibition', facts: exhibition },
    });
    expect(filed.statusCode).toBe(503);
    expect(filed.json()).toEqual(TEMPORAL_DOWN);
    expect(filed.body).not.toContain('127.0.0.1');

    // The filing wrote its case row before the workflow start failed (a retry with the same key
    // starts it); an act on that case needs Temporal too.
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/applications', headers: bearer(tokens.ent) });
    const caseId = (list.json() as { items: Array<{ caseId: string }> }).items[0]?.caseId;
    expect(caseId).toMatch(/^SB-\d{4}-\d{6}$/);
    const accepted = await t.app.inject({ method: 'POST', url: `/api/v1/applications/${caseId}/accept`, headers: bearer(tokens.reviewer), payload: {} });
    expect(accepted.statusCode).toBe(503);
    expect(accepted.json()).toEqual(TEMPORAL_DOWN);
  });
});
