// Issue 17 item 3 through the API: PUT /calendar/:year with absurd notices answers quickly and
// briefly. Before the fix, 1,000 identical holidays took 1.3–6 s of blocked event loop and
// answered 92 MB listing 500,499 problems.
import { bearer, createTestApi, type TestApi } from '../support/app';

let t: TestApi;
let admin: string;
beforeAll(async () => {
  t = await createTestApi();
  admin = await t.login('admin');
});
afterAll(async () => t.close());

function notice(holidays: number, name = '春节') {
  return {
    document: '测试〔2098〕1号',
    title: 'test notice for 2099 (not an official one)',
    issued: '2098-12-01',
    holidays: Array.from({ length: holidays }, () => ({ name, start: '2099-02-01', end: '2099-02-07', days: 7 })),
    makeupWorkdays: [],
  };
}

async function put(payload: object | string) {
  const t0 = performance.now();
  const headers = { ...bearer(admin), 'content-type': 'application/json' };
  const res = await t.app.inject({ method: 'PUT', url: '/api/v1/calendar/2099', headers, payload });
  return { res, ms: performance.now() - t0 };
}

it('1,000 identical holidays: 400 naming the bound, in well under a second, a short answer', async () => {
  const { res, ms } = await put(notice(1000));
  expect(res.statusCode).toBe(400);
  expect(res.json().message).toMatch(/1000 holidays is too many: .*at most 50 holidays/);
  expect(res.body.length).toBeLessThan(16 * 1024);
  expect(ms).toBeLessThan(1000);
});

it('16,000 holidays (what the 1 MiB body limit lets through) are refused with a 400 naming holidays', async () => {
  const payload = JSON.stringify(notice(16_000, 'A'));
  expect(Buffer.byteLength(payload)).toBeLessThan(1024 * 1024);
  const { res, ms } = await put(payload);
  expect(res.statusCode).toBe(400);
  expect(res.json().message).toMatch(/holidays/);
  expect(res.body.length).toBeLessThan(16 * 1024);
  expect(ms).toBeLessThan(1000);
});

it('50 identical holidays (within the bound): the first 50 problems and how many more', async () => {
  const { res } = await put(notice(50));
  expect(res.statusCode).toBe(400);
  const body = res.json();
  expect(body.code).toBe('CALENDAR_NOTICE_INVALID');
  expect(body.details.problems).toHaveLength(51);
  expect(body.details.problems[50]).toMatch(/^…and 48 more problems; correct the ones above/);
  expect(body.details.problemCount).toBe(98);
  expect(res.body.length).toBeLessThan(32 * 1024);
});

it('the largest malformed body the bounds allow still answers in kilobytes', async () => {
  const payload = {
    document: '',
    title: '',
    issued: 'someday',
    urls: Array.from({ length: 10 }, () => 'not a url'),
    holidays: Array.from({ length: 50 }, () => ({ name: '', start: 'x', end: 'y', days: -1 })),
    makeupWorkdays: Array.from({ length: 30 }, () => 7),
  };
  const { res } = await put(payload);
  expect(res.statusCode).toBe(400);
  expect(res.json().message).toMatch(/holidays\.0\.name/);
  expect(res.body.length).toBeLessThan(128 * 1024);
});
