// Sign-in, bearer tokens and the access rules: 401 without or with a bad token, 403 for a role
// that may not act, 404 (never 403, never data) for a record outside the caller's scope.
import { issueToken } from '../../api/auth/jwt';
import { bearer, createTestApi, type TestApi } from '../support/app';

let t: TestApi;
beforeAll(async () => {
  t = await createTestApi({ tokenTtlSeconds: 600 });
});
afterAll(async () => {
  await t.close();
});

describe('POST /api/v1/auth/login', () => {
  it('returns a token and the account for the right password', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'gxj.reviewer', password: 'test-password-123' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toEqual(expect.objectContaining({ username: 'gxj.reviewer', role: 'reviewer', departmentCode: 'GXJ', enterpriseId: null }));
    expect(body.token.split('.')).toHaveLength(3);
    expect(new Date(body.expiresAt).getTime() - t.clock.now.getTime()).toBeLessThanOrEqual(600_000);
    expect(body.user.passwordHash).toBeUndefined();
  });

  it('refuses a wrong password with 401 INVALID_CREDENTIALS and audits the attempt', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'nope-nope-nope' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('INVALID_CREDENTIALS');
    const admin = await t.tdb.repos.users.findByUsername('admin');
    const trail = await t.tdb.repos.audit.listForSubject('user', admin!.id);
    expect(trail.some((r) => r.action === 'auth.login' && r.outcome === 'refused' && r.reason === 'wrong password')).toBe(true);
  });

  it('refuses an unknown user with the same answer as a wrong password', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'whatever-123' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'INVALID_CREDENTIALS', message: expect.any(String) });
  });

  it('answers 400 with the failing field for a malformed body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.password' })]));
  });

  it('answers 400, not 500, for JSON that does not parse', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('bearer tokens', () => {
  it('401 UNAUTHENTICATED without a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('401 for a token signed with another secret', async () => {
    const admin = await t.tdb.repos.users.findByUsername('admin');
    const forged = (await issueToken(admin!.id, 'another-secret-another-secret-another', 600, Date.now())).token;
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(forged) });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('401 for a garbled token and for a non-Bearer scheme', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer('abc.def') })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Basic YWRtaW46eA==' } })).statusCode).toBe(401);
  });

  it('401 TOKEN_EXPIRED once the token has expired', async () => {
    const token = await t.login('auditor');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(200);
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + 601_000);
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('TOKEN_EXPIRED');
    } finally {
      t.clock.now = saved;
    }
  });

  it('GET /api/v1/me returns the signed-in account', async () => {
    const token = await t.login('ent1');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(expect.objectContaining({ username: 'ent1', role: 'enterprise', departmentCode: null }));
    expect(res.json().enterpriseId).toEqual(expect.any(String));
  });
});

describe('roles and scope', () => {
  it('403 FORBIDDEN when the role may not act (a reviewer registering an enterprise)', async () => {
    const token = await t.login('scj.reviewer');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(token),
      payload: { creditCode: '91350100M000100Y43', name: '测试企业', industry: 'C', aboveScale: false },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });

  it('403 when an auditor tries to create an account (auditors change nothing)', async () => {
    const token = await t.login('auditor');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(token),
      payload: { username: 'sneaky', displayName: 'x', password: 'long-enough-1', role: 'admin' },
    });
    expect(res.statusCode).toBe(403);
  });

  it("404, never the record, when an enterprise user asks for another enterprise", async () => {
    const ent1 = await t.login('ent1');
    const ent2User = await t.tdb.repos.users.findByUsername('ent2');
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/enterprises/${ent2User!.enterpriseId}`, headers: bearer(ent1) });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    expect(res.body).not.toContain('物流');
  });

  it('an enterprise user reads its own enterprise', async () => {
    const ent2 = await t.login('ent2');
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(ent2) })).json();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/enterprises/${me.enterpriseId}`, headers: bearer(ent2) });
    expect(res.statusCode).toBe(200);
    expect(res.json().creditCode).toBe('91220402MA14R7N567');
  });

  it('a disabled account loses access at once, even with a valid token', async () => {
    const admin = await t.login('admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: { username: 'temp.reviewer', displayName: 'Temp', password: 'long-enough-1', role: 'reviewer', departmentCode: 'KJJ' },
    });
    expect(created.statusCode).toBe(201);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'temp.reviewer', password: 'long-enough-1' } });
    const token = login.json().token as string;
    await t.tdb.db.prisma.user.update({ where: { username: 'temp.reviewer' }, data: { active: false } });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
    expect(res.statusCode).toBe(401);
  });

  it('refuses an account of the wrong shape with 400 (a reviewer without a department)', async () => {
    const admin = await t.login('admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: { username: 'nodept.reviewer', displayName: 'x', password: 'long-enough-1', role: 'reviewer' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('needs a departmentCode');
  });

  it('unknown routes are 404 with a code', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});
