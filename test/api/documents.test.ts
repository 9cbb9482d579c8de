// Case documents through the API on real workflows (time-skipping server, real activities): an
// upload is filed with an application, the reviewer sees it on the case and downloads the same
// bytes with its hash; scope (another enterprise, another department: 404); every refused upload
// (empty, oversize, wrong type, a type that does not fit the name, a path or a control character
// in the name, an upload that did not arrive whole) leaves no row, no object and no spool file;
// the same file twice is one object and two rows; references to a foreign or attached document
// are refused; the 代办 materials and permit acts and an appeal's evidence attach documents too.
import { readdirSync } from 'node:fs';
import { contentDisposition } from '../../api/routes/documents';
import { bearer, type TestApi } from '../support/app';
import { startApiWithWorker, type ApiWithWorker } from '../support/api-with-worker';
import { docx, multipart, ofd, pdf, png, sha256, upload, uploadId, zip } from '../support/documents';
import { guardServerClock } from '../support/time-skipping';

const TQ = 'documents-test';
const MAX_BYTES = 64 * 1024;
const CASE_MAX_BYTES = 256 * 1024;
let bed: ApiWithWorker;
let t: TestApi;
let tokens: Record<string, string>;
let ids: Record<string, string>;

beforeAll(async () => {
  bed = await startApiWithWorker(TQ, ['ent1', 'ent2', 'agent1', 'gxj.reviewer', 'gxj.head', 'scj.reviewer', 'zrzyj.reviewer', 'supervisor', 'auditor'], {
    documents: { maxBytes: MAX_BYTES, caseMaxBytes: CASE_MAX_BYTES },
  });
  ({ t, tokens, ids } = bed);
});
afterAll(async () => {
  await bed?.stop();
});
guardServerClock(() => bed?.env, { maxDaysAhead: 30 });

let keySeq = 0;
const newKey = () => `documents-key-${++keySeq}-abcdef`;
const exhibition = (name: string) => ({ exhibitionName: name, boothFeeFen: 600_000, travelFen: 300_000, lodgingFen: 100_000, rateBps: 3000 });
const fileApplication = (user: string, documentIds: string[], key = newKey()) =>
  t.app.inject({ method: 'POST', url: '/api/v1/applications', headers: { ...bearer(tokens[user]!), 'idempotency-key': key }, payload: { policyCode: 'M09', item: 'exhibition', facts: exhibition(key), documentIds } });
const get = (url: string, user: string) => t.app.inject({ method: 'GET', url, headers: bearer(tokens[user]!) });
const post = (url: string, user: string, payload: object, key?: string) => t.app.inject({ method: 'POST', url, headers: { ...bearer(tokens[user]!), ...(key ? { 'idempotency-key': key } : {}) }, payload });

async function ok(res: Awaited<ReturnType<typeof get>>, status = 200) {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json();
}
function expectError(res: Awaited<ReturnType<typeof get>>, status: number, code: string): void {
  expect({ status: res.statusCode, code: (res.json() as { code: string }).code }).toEqual({ status, code });
}
/** What the document machinery holds: rows, stored objects, spool files. */
async function holdings() {
  const storeDir = `${t.documents.spoolDir}/../store/sha256`;
  const objects = (() => {
    try {
      return readdirSync(storeDir, { recursive: true }).filter((n) => String(n).length === 64 + 3);
    } catch {
      return [];
    }
  })();
  return { rows: await t.tdb.db.prisma.document.count(), objects: objects.length, spool: readdirSync(t.documents.spoolDir).length };
}

describe('upload', () => {
  it('answers the id, the hash and size it computed, and the sniffed type, for each kept type', async () => {
    for (const [name, content, mediaType] of [
      ['营业执照.pdf', pdf('licence'), 'application/pdf'],
      ['现场照片.PNG', png(), 'image/png'],
      ['说明.docx', docx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['电子发票.ofd', ofd(), 'application/ofd'],
    ] as const) {
      const res = await upload(t.app, tokens.ent1!, name, content);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ documentId: expect.any(String), sha256: sha256(content), size: content.length, mediaType, name });
    }
  });

  it('refuses what it does not keep, leaving no row, no object and no spool file', async () => {
    const before = await holdings();
    const cases: Array<[string, Buffer, string]> = [
      ['empty.pdf', Buffer.alloc(0), 'DOCUMENT_EMPTY'],
      ['big.pdf', Buffer.concat([pdf('big'), Buffer.alloc(MAX_BYTES)]), 'DOCUMENT_TOO_LARGE'],
      ['script.pdf', Buffer.from('#!/bin/sh\necho not a pdf\n'), 'DOCUMENT_TYPE_NOT_ALLOWED'],
      ['archive.zip', zip({ 'readme.txt': 'a plain zip is no OFD' }), 'DOCUMENT_TYPE_NOT_ALLOWED'],
      ['plain.ofd', zip({ 'Doc_0/OFD.xml': 'OFD.xml not at the root' }), 'DOCUMENT_TYPE_NOT_ALLOWED'],
      ['photo.pdf', png(), 'DOCUMENT_TYPE_MISMATCH'],
      ['invoice.png', pdf('invoice'), 'DOCUMENT_TYPE_MISMATCH'],
      ['../../etc/passwd.pdf', pdf('climb'), 'DOCUMENT_NAME_INVALID'],
      ['C:\\Users\\ent\\scan.pdf', pdf('windows path'), 'DOCUMENT_NAME_INVALID'],
      ['dir/scan.pdf', pdf('path'), 'DOCUMENT_NAME_INVALID'],
      ['bell\u0007.pdf', pdf('control'), 'DOCUMENT_NAME_INVALID'],
      ['noextension', pdf('no extension'), 'DOCUMENT_NAME_INVALID'],
    ];
    for (const [name, content, code] of cases) {
      const res = await upload(t.app, tokens.ent1!, name, content);
      expect({ name, status: res.statusCode, code: res.json().code }).toEqual({ name, status: 400, code });
    }
    expect(await holdings()).toEqual(before);
  });

  it('an upload that did not arrive whole stores nothing: no row, no object, no spool file', async () => {
    const before = await holdings();
    const { body, headers } = multipart('cut.pdf', pdf('x'.repeat(5000)), { truncate: 1000 });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: { ...bearer(tokens.ent1!), ...headers }, payload: body });
    expectError(res, 400, 'DOCUMENT_INCOMPLETE');
    expect(await holdings()).toEqual(before);
  });

  it('the same file twice is one stored object and two rows', async () => {
    const content = pdf('the same invoice twice');
    const before = await holdings();
    const a = await ok(await upload(t.app, tokens.ent1!, '发票.pdf', content), 201);
    const b = await ok(await upload(t.app, tokens.ent1!, '发票-副本.pdf', content), 201);
    expect(a.documentId).not.toBe(b.documentId);
    expect(a.sha256).toBe(b.sha256);
    const after = await holdings();
    expect(after.rows - before.rows).toBe(2);
    expect(after.objects - before.objects).toBe(1);
  });

  it('needs a file part, and staff name the enterprise; roles that never act on cases may not upload', async () => {
    const json = await t.app.inject({ method: 'POST', url: '/api/v1/documents', headers: { ...bearer(tokens.ent1!), 'content-type': 'application/json' }, payload: {} });
    expect(json.statusCode).toBeGreaterThanOrEqual(400);
    expect(json.statusCode).toBeLessThan(500);
    expectError(await upload(t.app, tokens.agent1!, 'a.pdf', pdf()), 400, 'VALIDATION_FAILED');
    expectError(await upload(t.app, tokens.auditor!, 'a.pdf', pdf()), 403, 'FORBIDDEN');
    expectError(await upload(t.app, tokens.supervisor!, 'a.pdf', pdf()), 403, 'FORBIDDEN');
    // An enterprise user uploads for the own enterprise only.
    expectError(await upload(t.app, tokens.ent1!, 'a.pdf', pdf(), `?enterpriseId=${ids['ent2:enterprise']}`), 404, 'NOT_FOUND');
    expect((await upload(t.app, tokens['gxj.reviewer']!, 'a.pdf', pdf('staff'), `?enterpriseId=${ids['ent1:enterprise']}`)).statusCode).toBe(201);
  });

  it('an unattached document is there for its uploader and enterprise only', async () => {
    const id = await uploadId(t.app, tokens.ent1!, '草稿.pdf', pdf('draft'));
    expect((await get(`/api/v1/documents/${id}`, 'ent1')).statusCode).toBe(200);
    for (const u of ['ent2', 'gxj.reviewer', 'agent1']) expectError(await get(`/api/v1/documents/${id}`, u), 404, 'NOT_FOUND');
  });
});

describe('on an application', () => {
  it('round trip: upload, file, the reviewer sees it on the case and downloads the same bytes', async () => {
    const content = pdf('展位费发票 booth invoice');
    const documentId = await uploadId(t.app, tokens.ent1!, '展位费发票.pdf', content);
    const filed = await ok(await fileApplication('ent1', [documentId]), 201);
    const caseId = filed.caseId as string;

    const v = await ok(await get(`/api/v1/applications/${caseId}`, 'gxj.reviewer'));
    expect(v.documents).toEqual([{ documentId, name: '展位费发票.pdf', sha256: sha256(content), size: content.length }]);
    expect(v.documentsByAct).toEqual([
      { act: 'file', attachedBy: 'ent1', attachedAt: expect.any(String), documents: [expect.objectContaining({ documentId, sha256: sha256(content), uploadedBy: 'ent1', act: 'file' })] },
    ]);
    const listed = await ok(await get(`/api/v1/cases/${caseId}/documents`, 'gxj.reviewer'));
    expect(listed.items).toEqual([expect.objectContaining({ documentId, name: '展位费发票.pdf', mediaType: 'application/pdf', act: 'file', attachedBy: 'ent1' })]);

    const auditBefore = await t.tdb.db.prisma.auditRecord.count({ where: { action: 'document.download' } });
    const dl = await get(`/api/v1/documents/${documentId}`, 'gxj.reviewer');
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(content)).toBe(true);
    expect(sha256(dl.rawPayload)).toBe(sha256(content));
    expect(dl.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(content.length),
      etag: `"${sha256(content)}"`,
      'x-content-sha256': sha256(content),
      'x-content-type-options': 'nosniff',
      'content-disposition': contentDisposition('展位费发票.pdf'),
    });
    expect(dl.headers['content-disposition']).toContain("filename*=UTF-8''%E5%B1%95");
    // The staff download is audited; the enterprise's own is not.
    const audited = await t.tdb.db.prisma.auditRecord.findMany({ where: { action: 'document.download' }, orderBy: { seq: 'desc' }, take: 1 });
    expect(await t.tdb.db.prisma.auditRecord.count({ where: { action: 'document.download' } })).toBe(auditBefore + 1);
    expect(audited[0]).toMatchObject({ actorUsername: 'gxj.reviewer', subjectId: documentId });
    expect((await get(`/api/v1/documents/${documentId}`, 'ent1')).statusCode).toBe(200);
    expect(await t.tdb.db.prisma.auditRecord.count({ where: { action: 'document.download' } })).toBe(auditBefore + 1);

    // Outside the case's scope: another enterprise, another department.
    for (const u of ['ent2', 'scj.reviewer', 'agent1']) {
      expectError(await get(`/api/v1/documents/${documentId}`, u), 404, 'NOT_FOUND');
      expectError(await get(`/api/v1/cases/${caseId}/documents`, u), 404, 'NOT_FOUND');
    }
    expect((await get(`/api/v1/documents/${documentId}`, 'auditor')).statusCode).toBe(200);

    // An attached document is kept: the database refuses to change or delete its row.
    await expect(t.tdb.db.prisma.document.delete({ where: { id: documentId } })).rejects.toThrow();
    await expect(t.tdb.db.prisma.document.update({ where: { id: documentId }, data: { name: 'changed.pdf' } })).rejects.toThrow();
    await expect(t.tdb.db.prisma.document.update({ where: { id: documentId }, data: { caseId: null, attachedInAct: null, attachedBy: null, attachKey: null, attachedAt: null } })).rejects.toThrow();
  });

  it('refuses references to a foreign, unknown or attached document, and binds nothing', async () => {
    const foreign = await uploadId(t.app, tokens.ent2!, 'ent2.pdf', pdf('ent2 only'));
    expectError(await fileApplication('ent1', [foreign]), 404, 'NOT_FOUND');
    expectError(await fileApplication('ent1', ['00000000-0000-4000-8000-000000000000']), 404, 'NOT_FOUND');
    const mine = await uploadId(t.app, tokens.ent1!, 'once.pdf', pdf('attached once'));
    await ok(await fileApplication('ent1', [mine]), 201);
    const again = await fileApplication('ent1', [mine]);
    expectError(again, 409, 'DOCUMENT_ATTACHED');
    // A refused filing attached nothing: the foreign upload is still nobody's.
    expect((await t.tdb.repos.documents.findById(foreign))?.caseId).toBeNull();
  });

  it('the same filing retried with its key is the same case and holds the documents once', async () => {
    const id = await uploadId(t.app, tokens.ent1!, 'retry.pdf', pdf('retried filing'));
    const key = newKey();
    const first = await ok(await fileApplication('ent1', [id], key), 201);
    const second = await ok(await fileApplication('ent1', [id], key), 200);
    expect(second.caseId).toBe(first.caseId);
    expect((await ok(await get(`/api/v1/cases/${first.caseId}/documents`, 'ent1'))).items).toHaveLength(1);
  });

  it('a case holds at most CASE_DOCUMENTS_MAX_BYTES', async () => {
    const big = (n: number) => uploadId(t.app, tokens.ent1!, `big-${n}.pdf`, Buffer.concat([pdf(`big ${n}`), Buffer.alloc(MAX_BYTES - 1000, n)]));
    const five = await Promise.all([1, 2, 3, 4, 5].map(big));
    expectError(await fileApplication('ent1', five), 400, 'CASE_DOCUMENTS_TOO_LARGE');
    for (const id of five) expect((await t.tdb.repos.documents.findById(id))?.caseId).toBeNull();
  });
});

describe('on a 代办 proxy case and an appeal', () => {
  it('materials and the permit scan attach in their acts and items; the enterprise sees them', async () => {
    const caseId = (
      await ok(
        await post('/api/v1/proxy-cases', 'ent1', {
          projectName: '文档测试项目',
          projectType: '工业厂房 industrial',
          location: '辽源经济开发区',
          investmentFen: 5_000_000_000,
          channel: 'standard',
          stages: ['planning_permit'],
          contact: { name: '张三', phone: '138 0437 0000' },
        }, newKey()),
        201,
      )
    ).caseId as string;
    await ok(await post(`/api/v1/proxy-cases/${caseId}/assign`, 'gxj.head', { agentId: ids.agent1 }));
    await ok(await post(`/api/v1/proxy-cases/${caseId}/entrust`, 'ent1', { scope: '规划许可的材料准备和申报' }));
    await ok(await post(`/api/v1/proxy-cases/${caseId}/request-materials`, 'agent1', { item: 'planning_licence', request: '总平面图 site plan' }));
    const plan = await uploadId(t.app, tokens.ent1!, '总平面图.pdf', pdf('site plan'));
    const provided = await ok(await post(`/api/v1/proxy-cases/${caseId}/provide-materials`, 'ent1', { item: 'planning_licence', note: '已提供总平面图', documentIds: [plan] }));
    expect(provided.documentsByAct).toEqual([expect.objectContaining({ act: 'provide-materials:planning_licence', attachedBy: 'ent1' })]);
    await ok(await post(`/api/v1/proxy-cases/${caseId}/submit`, 'agent1', { item: 'planning_licence', authority: 'ZRZYJ', reference: 'ZRZY-DOC-1' }));
    const permit = await uploadId(t.app, tokens.agent1!, '建设工程规划许可证.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]), `?enterpriseId=${ids['ent1:enterprise']}`);
    // A later moment than the materials (this API's clock stands still unless moved): the documents list by when they were attached.
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    // The agent records the authority's approval with the permit's scan, uploaded for the enterprise.
    await ok(await post(`/api/v1/proxy-cases/${caseId}/approve`, 'agent1', { item: 'planning_licence', permitNo: '建字第1号', documentIds: [permit] }));
    const v = await ok(await get(`/api/v1/proxy-cases/${caseId}`, 'ent1'));
    expect(v.documentsByAct.map((g: { act: string }) => g.act)).toEqual(['provide-materials:planning_licence', 'approve:planning_licence']);
    expect((await get(`/api/v1/documents/${permit}`, 'ent1')).headers['content-type']).toBe('image/jpeg');
    expectError(await get(`/api/v1/documents/${permit}`, 'ent2'), 404, 'NOT_FOUND');
  });

  it('an act the workflow refuses attaches nothing', async () => {
    const caseId = (await ok(await fileApplication('ent1', []), 201)).caseId as string;
    const extra = await uploadId(t.app, tokens.ent1!, '补正.pdf', pdf('not asked for'));
    // No supplement was requested: the workflow refuses the act (409) and the reservation is given back.
    expectError(await post(`/api/v1/applications/${caseId}/supplement`, 'ent1', { documentIds: [extra] }), 409, 'STATE_CONFLICT');
    expect((await t.tdb.repos.documents.findById(extra))?.caseId).toBeNull();
    expect((await ok(await get(`/api/v1/cases/${caseId}/documents`, 'ent1'))).items).toEqual([]);
  });

  it('an appeal is filed with its evidence', async () => {
    const photo = await uploadId(t.app, tokens.ent1!, '现场.png', png());
    const filed = await ok(
      await post('/api/v1/appeals', 'ent1', { category: 'energy', title: '并网难', description: '屋顶光伏并网申请无人答复。', relatedPolicyCode: 'M29', documentIds: [photo] }, newKey()),
      201,
    );
    const v = await ok(await get(`/api/v1/appeals/${filed.caseId}`, 'gxj.reviewer'));
    expect(v.documentsByAct).toEqual([expect.objectContaining({ act: 'file', attachedBy: 'ent1', documents: [expect.objectContaining({ documentId: photo, mediaType: 'image/png' })] })]);
    expect((await get(`/api/v1/documents/${photo}`, 'gxj.reviewer')).statusCode).toBe(200);
    expectError(await get(`/api/v1/documents/${photo}`, 'ent2'), 404, 'NOT_FOUND');
  });
});

describe('Content-Disposition', () => {
  it('gives an ASCII fallback and the UTF-8 name (RFC 5987)', () => {
    expect(contentDisposition('发票 "1".pdf')).toBe(`attachment; filename="__ _1_.pdf"; filename*=UTF-8''%E5%8F%91%E7%A5%A8%20%221%22.pdf`);
  });
});
