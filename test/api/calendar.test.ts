// The working-day calendar through the API, checked against the official 2026 notice
// (国办发明电〔2025〕7号): 春节 02-15..02-23 with make-up Saturdays 02-14 and 02-28, 国庆节 10-01..10-07.
import { bearer, createTestApi, type TestApi } from '../support/app';

let t: TestApi;
let reviewer: string;
let admin: string;
beforeAll(async () => {
  t = await createTestApi();
  [reviewer, admin] = [await t.login('gxj.reviewer'), await t.login('admin')];
});
afterAll(async () => t.close());

const get = (url: string, token = reviewer) => t.app.inject({ method: 'GET', url, headers: bearer(token) });

it('GET /calendar/2026 returns the notice with its document number and 248 working days', async () => {
  const res = await get('/api/v1/calendar/2026');
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual(expect.objectContaining({ year: 2026, source: 'bundled', workingDays: 248 }));
  expect(res.json().document).toMatch(/^国办发明电〔2025〕\d+号$/);
  expect(res.json().makeupWorkdays).toEqual(expect.arrayContaining(['2026-02-14', '2026-02-28']));
});

it('GET /calendar/2027 is 404 until the notice is loaded', async () => {
  const res = await get('/api/v1/calendar/2027');
  expect(res.statusCode).toBe(404);
  expect(res.json().message).toContain('PUT /api/v1/calendar/2027');
});

it.each([
  ['2026-02-17', false, 'holiday', '春节'],
  ['2026-02-14', true, 'makeup_workday', null],
  ['2026-03-07', false, 'weekend', null],
  ['2026-03-09', true, 'workday', null],
])('GET /calendar/days/%s', async (date, working, reason, holidayName) => {
  const res = await get(`/api/v1/calendar/days/${date}`);
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ date, working, reason, holidayName, provisional: false });
});

it('GET /calendar/days refuses a date that does not exist', async () => {
  const res = await get('/api/v1/calendar/days/2026-02-30');
  expect(res.statusCode).toBe(400);
});

it('deadline across National Day: accepted 2026-09-30, 3 working days → 2026-10-10 (a make-up Saturday)', async () => {
  // Day 0 is 09-30; 10-01..10-07 are off, 10-08 and 10-09 are days 1 and 2, 10-10 (make-up) is day 3.
  const res = await get('/api/v1/calendar/deadline?from=2026-09-30T02:00:00Z&workingDays=3');
  expect(res.statusCode).toBe(200);
  const body = res.json();
  expect(body).toEqual(expect.objectContaining({ deadlineDate: '2026-10-10', deadlineAt: '2026-10-10T16:00:00.000Z', provisional: false }));
  expect(body.skipped.map((s: { date: string }) => s.date)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
});

it('deadline into a year without a notice: 400 CALENDAR_YEAR_MISSING, or provisional when allowed', async () => {
  const refused = await get('/api/v1/calendar/deadline?from=2026-12-28T02:00:00Z&workingDays=10');
  expect(refused.statusCode).toBe(400);
  expect(refused.json().code).toBe('CALENDAR_YEAR_MISSING');
  const provisional = await get('/api/v1/calendar/deadline?from=2026-12-28T02:00:00Z&workingDays=10&allowProvisional=true');
  expect(provisional.statusCode).toBe(200);
  expect(provisional.json()).toEqual(expect.objectContaining({ provisional: true, missingYears: [2027] }));
});

it('deadline input errors are 400 (zero days, bad instant)', async () => {
  expect((await get('/api/v1/calendar/deadline?from=2026-01-05T00:00:00Z&workingDays=0')).statusCode).toBe(400);
  expect((await get('/api/v1/calendar/deadline?from=yesterday&workingDays=3')).statusCode).toBe(400);
});

it('working days across the Spring Festival: (02-13, 02-25] has 3', async () => {
  const res = await get('/api/v1/calendar/working-days?from=2026-02-13&to=2026-02-25');
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ from: '2026-02-13', to: '2026-02-25', workingDays: 3, provisional: false, missingYears: [] });
  expect((await get('/api/v1/calendar/working-days?from=2026-02-25&to=2026-02-13')).statusCode).toBe(400);
});

it('requires sign-in', async () => {
  expect((await t.app.inject({ method: 'GET', url: '/api/v1/calendar/2026' })).statusCode).toBe(401);
});

describe('PUT /calendar/:year', () => {
  const notice2027 = {
    document: '测试〔2026〕1号',
    title: 'test notice for 2027 (not an official one)',
    issued: '2026-11-20',
    holidays: [{ name: '元旦', start: '2027-01-01', end: '2027-01-03', days: 3 }],
    makeupWorkdays: [],
  };

  it('403 for a reviewer', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/calendar/2027', headers: bearer(reviewer), payload: notice2027 });
    expect(res.statusCode).toBe(403);
  });

  it('400 CALENDAR_NOTICE_INVALID for a make-up day on a Wednesday, naming it', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/calendar/2027',
      headers: bearer(admin),
      payload: { ...notice2027, makeupWorkdays: ['2027-01-06'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('CALENDAR_NOTICE_INVALID');
    expect(res.json().message).toContain('2027-01-06');
  });

  it('400 for a holiday outside the year', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/calendar/2027',
      headers: bearer(admin),
      payload: { ...notice2027, holidays: [{ name: '元旦', start: '2026-12-31', end: '2027-01-01', days: 2 }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('CALENDAR_NOTICE_INVALID');
  });

  it('loads a valid notice, which then decides days and deadlines, and is audited', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/calendar/2027', headers: bearer(admin), payload: notice2027 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(expect.objectContaining({ year: 2027, source: 'admin', loadedBy: 'admin', reprojectedCases: 0 }));
    const day = await get('/api/v1/calendar/days/2027-01-01');
    expect(day.json()).toEqual(expect.objectContaining({ working: false, reason: 'holiday', provisional: false }));
    const deadline = await get('/api/v1/calendar/deadline?from=2026-12-28T02:00:00Z&workingDays=10');
    expect(deadline.statusCode).toBe(200);
    expect(deadline.json().provisional).toBe(false);
    const trail = await t.tdb.repos.audit.listForSubject('calendar', '2027');
    expect(trail.map((r) => [r.action, r.actorUsername, r.outcome])).toEqual([['calendar.load_year', 'admin', 'ok']]);
  });
});
