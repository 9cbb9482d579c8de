// The idle-asset ledger (measure 37) through the API, and the M37 filing that must name one of
// its entries: registration by GXJ staff and by holders, status changes with history, the CSV
// export, scope; the filing refused for an unknown entry, an entry never idle before, an entry
// claimed or revitalised already; the award's approval (its projection) marking the entry.
import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities';
import { bearer, createTestApi, type TestApi } from '../support/app';

let t: TestApi;
let staff: string;
let ent1: string;
let ent2: string;
let ent1Id: string;

beforeAll(async () => {
  t = await createTestApi();
  t.clock.now = new Date('2026-03-02T02:00:00Z');
  [staff, ent1, ent2] = await Promise.all([t.login('gxj.reviewer'), t.login('ent1'), t.login('ent2')]);
  ent1Id = (await t.tdb.repos.users.findByUsername('ent1'))?.enterpriseId ?? '';
});
afterAll(async () => t?.close());

const post = (url: string, token: string, payload: object) => t.app.inject({ method: 'POST', url, headers: bearer(token), payload });
const asset = (over: object = {}) => ({ kind: 'plant', name: '闲置厂房', location: '龙山区工业路1号', areaM2: 3000, holder: '辽源市国资公司', ...over });
const register = async (token: string, over: object = {}) => {
  const res = await post('/api/v1/idle-assets', token, asset(over));
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; status: string };
};
const fileM37 = (token: string, idleAssetId?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: { ...bearer(token), 'idempotency-key': randomUUID() },
    payload: { policyCode: 'M37', item: 'idle-asset-upgrade', facts: { upgradedToAboveScale: true, viaIdleAssetLedger: true }, ...(idleAssetId ? { idleAssetId } : {}) },
  });

describe('the ledger', () => {
  it('GXJ staff register an entry; its status changes are kept in its history; audited', async () => {
    const a = await register(staff, { status: 'in_negotiation' });
    const changed = await post(`/api/v1/idle-assets/${a.id}/status`, staff, { status: 'idle', note: '谈判终止' });
    expect(changed.statusCode).toBe(200);
    const one = (await t.app.inject({ method: 'GET', url: `/api/v1/idle-assets/${a.id}`, headers: bearer(ent1) })).json();
    expect(one.history.map((h: { status: string; by: string }) => [h.status, h.by])).toEqual([
      ['in_negotiation', 'gxj.reviewer'],
      ['idle', 'gxj.reviewer'],
    ]);
    const audit = await t.tdb.repos.audit.list({ limit: 1000 });
    expect(audit.filter((r) => r.subjectId === a.id).map((r) => r.action)).toEqual(['idle_asset.register', 'idle_asset.status']);
  });

  it('a holder registers its own assets and changes only those; not to revitalised', async () => {
    const own = await register(ent1, { holder: '辽源示范机械制造有限公司', kind: 'equipment', areaM2: undefined, capacity: '数控机床20台' });
    expect((await t.tdb.repos.idleAssets.findById(own.id))?.holderEnterpriseId).toBe(ent1Id);
    expect((await post(`/api/v1/idle-assets/${own.id}/status`, ent1, { status: 'in_negotiation', note: '洽谈中' })).statusCode).toBe(200);
    expect((await post(`/api/v1/idle-assets/${own.id}/status`, ent1, { status: 'revitalised', note: 'x' })).statusCode).toBe(403);
    expect((await post(`/api/v1/idle-assets/${own.id}/status`, ent2, { status: 'idle', note: 'x' })).statusCode).toBe(404);
    expect((await post('/api/v1/idle-assets', ent2, asset({ holderEnterpriseId: ent1Id }))).statusCode).toBe(403);
  });

  it('400 for an entry without area or capacity; agents, auditors and buyers may not register', async () => {
    const bad = await post('/api/v1/idle-assets', staff, asset({ areaM2: undefined }));
    expect(bad.statusCode).toBe(400);
    for (const who of ['agent1', 'auditor', 'buyer1', 'scj.reviewer']) expect((await post('/api/v1/idle-assets', await t.login(who), asset())).statusCode).toBe(403);
  });

  it('lists the ledger and exports it as CSV', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/idle-assets?status=idle', headers: bearer(staff) });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.every((i: { status: string }) => i.status === 'idle')).toBe(true);
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/idle-assets', headers: { ...bearer(staff), accept: 'text/csv' } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('id,kind,name,location,areaM2,capacity,holder,status,revitalisedCaseId,registeredBy,createdAt,updatedAt');
    expect(lines.length - 1).toBe((await t.tdb.db.prisma.idleAsset.count()));
    expect(csv.body).toContain('原辽源纺织厂2号厂房');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/idle-assets', headers: bearer(await t.login('buyer1')) })).statusCode).toBe(403);
  });
});

describe('an M37 filing names a ledger entry', () => {
  it('400 IDLE_ASSET_REQUIRED without one; 400 IDLE_ASSET_UNKNOWN for an entry not in the ledger', async () => {
    const none = await fileM37(ent1);
    expect(none.statusCode).toBe(400);
    expect(none.json().code).toBe('IDLE_ASSET_REQUIRED');
    const unknown = await fileM37(ent1, randomUUID());
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual(expect.objectContaining({ code: 'IDLE_ASSET_UNKNOWN', issues: [expect.objectContaining({ path: 'body.idleAssetId' })] }));
    expect(await t.tdb.db.prisma.caseRecord.count({ where: { policyCode: 'M37' } })).toBe(0);
  });

  it('409 IDLE_ASSET_NOT_IDLE for an entry that was never idle before', async () => {
    const a = await register(staff, { status: 'in_negotiation' });
    const res = await fileM37(ent1, a.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('IDLE_ASSET_NOT_IDLE');
  });

  it('an idle entry is claimed by the filing; another filing is refused; the approval marks it revitalised once; then refused as revitalised', async () => {
    const a = await register(staff);
    // No Temporal in this file: the filing is written (row and claim) and the start answers 503.
    const first = await fileM37(ent1, a.id);
    expect(first.statusCode).toBe(503);
    const claim = await t.tdb.db.prisma.idleAssetClaim.findFirst({ where: { assetId: a.id } });
    expect(claim).not.toBeNull();
    const second = await fileM37(ent2, a.id);
    expect(second.statusCode).toBe(409);
    expect(second.json()).toEqual(expect.objectContaining({ code: 'IDLE_ASSET_ALREADY_REVITALISED', details: expect.objectContaining({ caseId: claim?.caseId }) }));

    // The award's approval: the workflow projects the case on to funding; the entry is marked.
    const row = await t.tdb.db.prisma.caseRecord.findUniqueOrThrow({ where: { caseId: claim?.caseId ?? '' } });
    const activities = createActivities({ repos: t.tdb.repos, now: () => t.clock.now });
    const projection = { ...row, status: 'paying', view: {}, projectionVersion: 5, deadlineAt: null, openedAt: row.openedAt.toISOString(), closedAt: null, updatedAt: '2026-03-20T02:00:00.000Z' };
    await activities.projectCase(projection);
    await activities.projectCase({ ...projection, projectionVersion: 6, status: 'paid', updatedAt: '2026-03-25T02:00:00.000Z' });
    const marked = (await t.app.inject({ method: 'GET', url: `/api/v1/idle-assets/${a.id}`, headers: bearer(staff) })).json();
    expect(marked).toEqual(expect.objectContaining({ status: 'revitalised', revitalisedCaseId: claim?.caseId }));
    expect(marked.history.map((h: { status: string }) => h.status)).toEqual(['idle', 'revitalised']);
    expect(marked.history[1].at).toBe('2026-03-20T02:00:00.000Z');

    const third = await fileM37(ent2, a.id);
    expect(third.statusCode).toBe(409);
    expect(third.json().code).toBe('IDLE_ASSET_ALREADY_REVITALISED');
    expect((await post(`/api/v1/idle-assets/${a.id}/status`, staff, { status: 'idle', note: 'x' })).statusCode).toBe(409);
  });

  it('idleAssetId on another measure is 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { ...bearer(ent1), 'idempotency-key': randomUUID() },
      payload: { policyCode: 'M38', item: 'logistics-upgrade', facts: {}, idleAssetId: randomUUID() },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([expect.objectContaining({ path: 'body.idleAssetId' })]);
  });
});
