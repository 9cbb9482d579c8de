// Issue 17, items 4 and 7: sign-in throttling and lockout (bounded audit growth), security
// headers, no-store on authenticated answers, key rotation, and the API docs switch.
// The limits are the defaults: 5 failures of one username within 15 minutes lock it for 15
// minutes; 30 failures from one address within 15 minutes throttle that address.
import { buildApp, type App } from '../../api/app';
import { issueToken } from '../../api/auth/jwt';
import { bearer, createTestApi, TEST_JWT_SECRET, TEST_PASSWORD, type TestApi } from '../support/app';

const LOCK_AFTER = 5;
const LOCK_SECONDS = 15 * 60;
const ADDRESS_MAX = 30;

let t: TestApi;
beforeAll(async () => {
  t = await createTestApi({ tokenTtlSeconds: 3600 });
});
afterAll(async () => {
  await t.close();
});

function login(username: string, password: string, remoteAddress: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });
}

const auditCount = () => t.tdb.db.prisma.auditRecord.count();

async function trailOf(username: string) {
  const user = await t.tdb.repos.users.findByUsername(username);
  return t.tdb.repos.audit.listForSubject('user', user?.id ?? username);
}

function advance(seconds: number): void {
  t.clock.now = new Date(t.clock.now.getTime() + seconds * 1000);
}

describe('lockout of a username after repeated failures', () => {
  it('locks after 5 failures: the 6th answers 429 with Retry-After, the right password is refused until the lockout ends', async () => {
    const ip = '10.0.0.1';
    for (let i = 0; i < LOCK_AFTER; i++) {
      const res = await login('agent1', 'wrong-password', ip);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('INVALID_CREDENTIALS');
    }
    const sixth = await login('agent1', 'wrong-password', ip);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toEqual(expect.objectContaining({ code: 'ACCOUNT_LOCKED', message: expect.stringMatching(/locked.*15 minutes/) }));
    expect(Number(sixth.headers['retry-after'])).toBe(LOCK_SECONDS);

    const right = await login('agent1', TEST_PASSWORD, ip);
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    // Another address changes nothing: the lock is on the username.
    expect((await login('agent1', TEST_PASSWORD, '10.0.0.2')).statusCode).toBe(429);

    advance(LOCK_SECONDS - 60);
    const later = await login('agent1', TEST_PASSWORD, ip);
    expect(later.statusCode).toBe(429);
    expect(Number(later.headers['retry-after'])).toBe(60);

    advance(61);
    expect((await login('agent1', TEST_PASSWORD, ip)).statusCode).toBe(200);

    const trail = await trailOf('agent1');
    expect(trail.filter((r) => r.action === 'auth.lockout')).toHaveLength(1);
    expect(trail.filter((r) => r.action === 'auth.login' && r.outcome === 'refused')).toHaveLength(LOCK_AFTER);
    const lockout = trail.find((r) => r.action === 'auth.lockout');
    expect(lockout).toEqual(expect.objectContaining({ outcome: 'refused', actorUsername: 'agent1' }));
    expect(lockout?.payload).toEqual(expect.objectContaining({ ip, failures: LOCK_AFTER }));
  });

  it('50 wrong passwords in a row add 6 audit records: 5 refused sign-ins and one lockout', async () => {
    const before = await auditCount();
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await login('agent2', `wrong-${i}`, '10.0.1.1')).statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOCK_AFTER);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - LOCK_AFTER);
    expect((await auditCount()) - before).toBe(LOCK_AFTER + 1);
  });

  it('50 attempts for an unknown username add the same bounded number of records', async () => {
    const before = await auditCount();
    for (let i = 0; i < 50; i++) await login('no.such.user', `wrong-${i}`, '10.0.2.1');
    expect((await auditCount()) - before).toBe(LOCK_AFTER + 1);
    const trail = await t.tdb.repos.audit.listForSubject('user', 'no.such.user');
    expect(trail.map((r) => r.action)).toEqual([...Array<string>(LOCK_AFTER).fill('auth.login'), 'auth.lockout']);
  });

  it('concurrent wrong passwords cannot slip past the threshold', async () => {
    const before = await auditCount();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login('ent2', `wrong-${i}`, '10.0.3.1')));
    expect(answers.filter((r) => r.statusCode === 401)).toHaveLength(LOCK_AFTER);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(12 - LOCK_AFTER);
    expect((await auditCount()) - before).toBe(LOCK_AFTER + 1);
    expect((await login('ent2', TEST_PASSWORD, '10.0.3.2')).statusCode).toBe(429);
  });

  it('a successful sign-in clears the failures of that username', async () => {
    const ip = '10.0.4.1';
    for (let i = 0; i < LOCK_AFTER - 1; i++) expect((await login('supervisor', 'wrong-password', ip)).statusCode).toBe(401);
    expect((await login('supervisor', TEST_PASSWORD, ip)).statusCode).toBe(200);
    for (let i = 0; i < LOCK_AFTER - 1; i++) expect((await login('supervisor', 'wrong-password', ip)).statusCode).toBe(401);
    expect((await login('supervisor', TEST_PASSWORD, ip)).statusCode).toBe(200);
  });

  it('failures older than the window are forgotten', async () => {
    const ip = '10.0.5.1';
    for (let i = 0; i < LOCK_AFTER - 1; i++) expect((await login('gxj.head', 'wrong-password', ip)).statusCode).toBe(401);
    advance(15 * 60 + 1);
    for (let i = 0; i < LOCK_AFTER - 1; i++) expect((await login('gxj.head', 'wrong-password', ip)).statusCode).toBe(401);
    expect((await login('gxj.head', TEST_PASSWORD, ip)).statusCode).toBe(200);
  });
});

describe('throttling of one client address', () => {
  it('after 30 failures with different usernames the address gets 429 TOO_MANY_ATTEMPTS, even for a right password', async () => {
    const ip = '10.0.6.1';
    const before = await auditCount();
    for (let i = 0; i < ADDRESS_MAX; i++) expect((await login(`spray.${i}`, 'wrong-password', ip)).statusCode).toBe(401);
    const next = await login('spray.next', 'wrong-password', ip);
    expect(next.statusCode).toBe(429);
    expect(next.json()).toEqual(expect.objectContaining({ code: 'TOO_MANY_ATTEMPTS', message: expect.stringMatching(/address/) }));
    expect(Number(next.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(next.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect((await login('czj.reviewer', TEST_PASSWORD, ip)).statusCode).toBe(429);
    for (let i = 0; i < 20; i++) await login(`spray.more.${i}`, 'wrong-password', ip);
    // 30 refused sign-ins and one record for the throttle, however long the flood goes on.
    expect((await auditCount()) - before).toBe(ADDRESS_MAX + 1);
    const throttle = await t.tdb.repos.audit.listForSubject('address', ip);
    expect(throttle.map((r) => r.action)).toEqual(['auth.throttle']);

    // Other addresses are not affected; the throttle ends with its window.
    expect((await login('czj.reviewer', TEST_PASSWORD, '10.0.6.2')).statusCode).toBe(200);
    advance(15 * 60 + 1);
    expect((await login('czj.reviewer', TEST_PASSWORD, ip)).statusCode).toBe(200);
  });
});

describe('security headers and caching', () => {
  function expectHelmet(headers: Record<string, unknown>): void {
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(headers['x-powered-by']).toBeUndefined();
  }

  it('every answer carries the helmet headers: /health, an API answer, an error, sign-in', async () => {
    expectHelmet((await t.app.inject({ method: 'GET', url: '/health' })).headers);
    const token = await t.login('auditor');
    expectHelmet((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })).headers);
    expectHelmet((await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' })).headers);
    expectHelmet((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' }, remoteAddress: '10.0.7.1' })).headers);
  });

  it('authenticated answers, their refusals and the sign-in answer are Cache-Control: no-store', async () => {
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ent1', password: TEST_PASSWORD }, remoteAddress: '10.0.7.2' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    const token = ok.json().token as string;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const unauthenticated = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(unauthenticated.statusCode).toBe(401);
    expect(unauthenticated.headers['cache-control']).toBe('no-store');
  });

  it('the Swagger UI still renders under the CSP: its page and scripts load from this origin', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'/);
    // Over plain http (npm start) an upgrade would send the browser to https and break the page.
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.length).toBeGreaterThanOrEqual(5);
    for (const src of assets) {
      expect(src.startsWith('http')).toBe(false);
      const asset = await t.app.inject({ method: 'GET', url: new URL(src, 'http://x/docs/').pathname });
      expect(asset.statusCode).toBe(200);
    }
    expect((await t.app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
  });
});

describe('another app on the same database: docs off, a previous signing key', () => {
  const OLD_SECRET = 'the-secret-before-rotation-0123456789abc';
  let other: App;
  beforeAll(async () => {
    other = await buildApp({
      repos: t.tdb.repos,
      probes: [],
      jwtSecret: TEST_JWT_SECRET,
      jwtPreviousSecrets: [OLD_SECRET],
      tokenTtlSeconds: 600,
      version: 'test',
      logger: false,
      apiDocs: false,
      now: () => t.clock.now,
    });
    await other.ready();
  });
  afterAll(async () => {
    await other.close();
  });

  it('/docs and /docs/json are 404 when the docs are off', async () => {
    expect((await other.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(404);
    expect((await other.inject({ method: 'GET', url: '/docs' })).statusCode).toBe(404);
  });

  it('a token of the previous key verifies while it is configured, and not once it is removed', async () => {
    const admin = await t.tdb.repos.users.findByUsername('admin');
    const { token } = await issueToken(admin!.id, OLD_SECRET, 600, t.clock.now.getTime());
    expect((await other.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('a token of the current key verifies on both', async () => {
    const token = await t.login('admin');
    expect((await other.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(200);
  });
});
