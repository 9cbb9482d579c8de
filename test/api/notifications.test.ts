// The notification outbox as its recipients read it: own notifications only, the unread
// filter, marking read (idempotent), and 404 for anyone else's.
import { bearer, createTestApi, type TestApi } from '../support/app';

let t: TestApi;
let ent1: string;
let ent2: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApi();
  [ent1, ent2] = await Promise.all([t.login('ent1'), t.login('ent2')]);
  const [u1, u2] = await Promise.all([t.tdb.repos.users.findByUsername('ent1'), t.tdb.repos.users.findByUsername('ent2')]);
  const n = (recipientId: string, key: string, minute: number) => ({
    recipientId,
    kind: 'policy.match',
    title: `title ${key}`,
    body: `body ${key}`,
    payload: { key },
    dedupeKey: `test:${key}`,
    createdAt: new Date(Date.UTC(2026, 2, 2, 2, minute)),
  });
  await t.tdb.repos.notifications.enqueue(n(u1?.id ?? '', 'a', 1));
  await t.tdb.repos.notifications.enqueue(n(u1?.id ?? '', 'b', 2));
  await t.tdb.repos.notifications.enqueue(n(u2?.id ?? '', 'c', 3));
  const rows = await t.tdb.db.prisma.notification.findMany();
  for (const r of rows) ids[r.dedupeKey.slice('test:'.length)] = r.id;
});
afterAll(async () => {
  await t.close();
});

const list = async (token: string, query = '') => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/notifications${query}`, headers: bearer(token) });
  expect(res.statusCode).toBe(200);
  return (res.json().items as Array<{ id: string; title: string; readAt: string | null; payload: unknown }>);
};
const markRead = (token: string, id: string) => t.app.inject({ method: 'POST', url: `/api/v1/notifications/${id}/read`, headers: bearer(token) });

it('lists only the signed-in user’s notifications, newest first', async () => {
  const mine = await list(ent1);
  expect(mine.map((n) => n.title)).toEqual(['title b', 'title a']);
  expect(mine[0]).toEqual(expect.objectContaining({ payload: { key: 'b' }, readAt: null }));
  expect((await list(ent2)).map((n) => n.title)).toEqual(['title c']);
});

it('marks a notification read; ?unread=true then leaves it out; a second mark keeps the first time', async () => {
  const res = await markRead(ent1, ids.a ?? '');
  expect(res.statusCode).toBe(200);
  const readAt = res.json().readAt as string;
  expect(readAt).toEqual(expect.any(String));
  expect((await list(ent1, '?unread=true')).map((n) => n.title)).toEqual(['title b']);
  expect((await list(ent1, '?unread=false')).map((n) => n.title)).toEqual(['title b', 'title a']);
  const again = await markRead(ent1, ids.a ?? '');
  expect(again.statusCode).toBe(200);
  expect(again.json().readAt).toBe(readAt);
});

it('someone else’s notification is 404 NOT_FOUND and stays unread', async () => {
  const res = await markRead(ent1, ids.c ?? '');
  expect(res.statusCode).toBe(404);
  expect(res.json().code).toBe('NOT_FOUND');
  expect((await list(ent2, '?unread=true')).map((n) => n.title)).toEqual(['title c']);
});

it('an unknown id is 404 NOT_FOUND, an id that is not a UUID 400, a bad filter 400', async () => {
  const unknown = await markRead(ent1, '00000000-0000-4000-8000-000000000000');
  expect(unknown.statusCode).toBe(404);
  expect(unknown.json().code).toBe('NOT_FOUND');
  const bad = await markRead(ent1, 'abc');
  expect(bad.statusCode).toBe(400);
  expect(bad.json().code).toBe('VALIDATION_FAILED');
  const filter = await t.app.inject({ method: 'GET', url: '/api/v1/notifications?unread=yes', headers: bearer(ent1) });
  expect(filter.statusCode).toBe(400);
  expect(filter.json().code).toBe('VALIDATION_FAILED');
});
