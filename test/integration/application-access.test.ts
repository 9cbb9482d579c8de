// One access rule for applications (issue 17, finding 5): for every role and scope, the list
// (GET /api/v1/applications), a read (GET /api/v1/applications/:id) and the generic case view
// (GET /api/v1/cases/:id) show exactly the same cases. Before, a proxy agent listed every case of
// its department while reading one was 404, and a co-department reviewer could read
// /applications/X but got 404 on /cases/X. Both ask the case type's policy in api/access/ (its
// role × scope matrix is test/unit/access-policy.test.ts).
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/roles';
import { initialState, type ApplicationInput } from '../../workflows/application/state';
import { applicationPolicy, filingRemit, policyFor } from '../../api/access';
import { bearer, createTestApi, type TestApi } from '../support/app';

let t: TestApi;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const USERS = ['ent1', 'ent2', 'gxj.reviewer', 'gxj.head', 'scj.reviewer', 'czj.reviewer', 'kjj.reviewer', 'agent1', 'agent2', 'supervisor', 'auditor', 'admin'];

/** A stored application as a workflow projects it: lead, co-departments, the stage's department, an assignee. */
async function storeCase(caseId: string, o: { enterprise: string; lead: string; co?: string[]; stage?: string; assignee?: string | null }) {
  const input: ApplicationInput = {
    caseId,
    title: caseId,
    enterpriseId: o.enterprise,
    filedBy: { userId: randomUUID(), username: 'ent', role: 'enterprise', departmentCode: null },
    policyCode: 'M05',
    item: 'x',
    kind: 'award',
    facts: {},
    documents: [],
    catalogueVersion: 1,
    quote: { eligible: true, amountFen: 100, breakdown: [], reasons: [], pending: [], awardRecords: [] },
    leadDepartment: o.lead,
    coDepartments: o.co ?? [],
    sla: { acceptanceDays: 5, reviewDays: 10, publicityDays: 5, supplementDays: 10, paymentDays: 10 },
    startDayCounts: false,
    filedAt: '2026-06-01T00:00:00.000Z',
    budgetYear: 2026,
  };
  const state = { ...initialState(input), status: 'under_review' as const };
  await t.tdb.repos.cases.project({
    caseId,
    caseType: 'application',
    workflowId: `application-${caseId}`,
    status: 'under_review',
    title: caseId,
    departmentCode: o.lead,
    assigneeId: o.assignee ?? null,
    enterpriseId: o.enterprise,
    policyCode: 'M05',
    catalogueVersion: 1,
    slaState: null,
    deadlineAt: null,
    deadlineProvisional: false,
    view: { ...JSON.parse(JSON.stringify({ input, state })), assigneeId: o.assignee ?? null, stageDepartment: o.stage ?? o.lead, actsAvailable: [], clock: null },
    projectionVersion: 1,
    openedAt: new Date(),
    closedAt: null,
    updatedAt: new Date(),
  });
}

beforeAll(async () => {
  t = await createTestApi();
  for (const u of USERS) {
    tokens[u] = await t.login(u);
    ids[u] = (await t.tdb.repos.users.findByUsername(u))!.id;
  }
  const ent1 = (await t.tdb.repos.users.findByUsername('ent1'))!.enterpriseId!;
  const ent2 = (await t.tdb.repos.users.findByUsername('ent2'))!.enterpriseId!;
  await storeCase('SB-2026-900001', { enterprise: ent1, lead: 'GXJ' });
  await storeCase('SB-2026-900002', { enterprise: ent1, lead: 'SCJ', co: ['GXJ'] });
  await storeCase('SB-2026-900003', { enterprise: ent2, lead: 'GXJ', stage: 'CZJ' });
  await storeCase('SB-2026-900004', { enterprise: ent2, lead: 'KJJ', assignee: ids.agent1! });
  await storeCase('SB-2026-900005', { enterprise: ent2, lead: 'GXJ', assignee: ids['gxj.reviewer']! });
});
afterAll(async () => t.close());

const ALL = ['SB-2026-900001', 'SB-2026-900002', 'SB-2026-900003', 'SB-2026-900004', 'SB-2026-900005'];
const get = (url: string, user: string) => t.app.inject({ method: 'GET', url, headers: bearer(tokens[user]!) });

it.each(USERS)('%s: the list shows exactly the cases a read would, and /cases agrees', async (user) => {
  const listed = ((await get('/api/v1/applications?limit=200', user)).json().items as Array<{ caseId: string }>).map((c) => c.caseId).filter((id) => ALL.includes(id)).sort();
  const readable: string[] = [];
  for (const caseId of ALL) {
    const read = await get(`/api/v1/applications/${caseId}`, user);
    const generic = await get(`/api/v1/cases/${caseId}`, user);
    expect([200, 404]).toContain(read.statusCode);
    expect(generic.statusCode).toBe(read.statusCode);
    if (read.statusCode === 200) readable.push(caseId);
  }
  expect(listed).toEqual(readable.sort());
});

it('a co-department reviewer reads /cases/X as it reads /applications/X', async () => {
  // SB-2026-900002: lead SCJ, GXJ countersigns. The generic view asks the application's policy,
  // not a department_code rule of its own.
  expect(policyFor('application')).toBe(applicationPolicy);
  const application = await get('/api/v1/applications/SB-2026-900002', 'gxj.reviewer');
  const generic = await get('/api/v1/cases/SB-2026-900002', 'gxj.reviewer');
  expect([application.statusCode, generic.statusCode]).toEqual([200, 200]);
  expect(generic.json()).toEqual(expect.objectContaining({ caseId: 'SB-2026-900002', caseType: 'application', departmentCode: 'SCJ' }));
  // A department that takes no part still gets 404 on both.
  expect((await get('/api/v1/cases/SB-2026-900002', 'kjj.reviewer')).statusCode).toBe(404);
  expect((await get('/api/v1/applications/SB-2026-900002', 'kjj.reviewer')).statusCode).toBe(404);
});

it('the matrix is what the rules say', async () => {
  const visible = async (user: string) => ((await get('/api/v1/applications?limit=200', user)).json().items as Array<{ caseId: string }>).map((c) => c.caseId).filter((id) => ALL.includes(id)).sort();
  expect(await visible('ent1')).toEqual(['SB-2026-900001', 'SB-2026-900002']);
  expect(await visible('ent2')).toEqual(['SB-2026-900003', 'SB-2026-900004', 'SB-2026-900005']);
  // GXJ leads 1, 3 and 5 and countersigns 2.
  expect(await visible('gxj.reviewer')).toEqual(['SB-2026-900001', 'SB-2026-900002', 'SB-2026-900003', 'SB-2026-900005']);
  expect(await visible('scj.reviewer')).toEqual(['SB-2026-900002']);
  // CZJ sees the case whose funding stage it runs.
  expect(await visible('czj.reviewer')).toEqual(['SB-2026-900003']);
  expect(await visible('kjj.reviewer')).toEqual(['SB-2026-900004']);
  // A proxy agent sees the cases assigned to them, not their department's.
  expect(await visible('agent1')).toEqual(['SB-2026-900004']);
  expect(await visible('agent2')).toEqual([]);
  for (const u of ['supervisor', 'auditor', 'admin']) expect(await visible(u)).toEqual(ALL);
});

it('the read rule is a pure function of the stored row', async () => {
  const row = (await t.tdb.repos.cases.findById('SB-2026-900002'))!;
  const scope = applicationPolicy.scopeOf(row);
  expect(scope).toEqual({ enterpriseId: row.enterpriseId, leadDepartment: 'SCJ', coDepartments: ['GXJ'], assigneeId: null, stageDepartment: 'SCJ' });
  const actor = (role: Actor['role'], departmentCode: Actor['departmentCode'] = null): Actor => ({ userId: randomUUID(), username: 'x', role, departmentCode, enterpriseId: null });
  expect(applicationPolicy.canSee(actor('reviewer', 'GXJ'), scope)).toBe(true);
  expect(applicationPolicy.canSee(actor('reviewer', 'CZJ'), scope)).toBe(false);
  expect(applicationPolicy.canSee(actor('reviewer', null), scope)).toBe(false);
  expect(applicationPolicy.canSee(actor('enterprise'), scope)).toBe(false); // an enterprise user without an enterprise
});

it('staff file on behalf of an enterprise only in their remit', () => {
  const staff = (role: Actor['role'], departmentCode: Actor['departmentCode']): Actor => ({ userId: 'u', username: 'u', role, departmentCode, enterpriseId: null });
  expect(filingRemit(staff('reviewer', 'GXJ'), 'GXJ', false)).toBeNull();
  expect(filingRemit(staff('dept_head', 'GXJ'), 'GXJ', false)).toBeNull();
  expect(filingRemit(staff('reviewer', 'SCJ'), 'GXJ', false)).toContain('GXJ');
  expect(filingRemit(staff('agent', 'GXJ'), 'GXJ', false)).toContain('代办');
  expect(filingRemit(staff('agent', 'GXJ'), 'GXJ', true)).toBeNull();
  expect(filingRemit(staff('supervisor', 'GXJ'), 'GXJ', false)).toContain('does not file');
  expect(filingRemit(staff('auditor', null), 'GXJ', false)).toContain('does not file');
});
