// Issue 17 item 3: a holiday notice can neither make validation quadratic nor its 400 answer
// megabytes. A real notice has 7 holidays and about 6 make-up days; the schema refuses absurd
// sizes up front, the overlap check is linear, and the list of problems is cut at 50.
// (Before: 1,000 identical holidays took 1.3–6 s and produced 500,499 problems, 92 MB.)
import calendarJson from '../../../shared/data/cn-calendar-2025-2026.json';
import { validateCalendarYear } from '../../domain/calendar';
import { findOverlaps } from '../../domain/calendar/schema';
import type { AppError } from '../../domain/errors';
import { expectCode } from '../support/errors';

function notice(holidays: number, extra: Record<string, unknown> = {}) {
  return {
    document: '测试〔2098〕1号',
    title: 'test notice for 2099 (not an official one)',
    issued: '2098-12-01',
    urls: [],
    holidays: Array.from({ length: holidays }, () => ({ name: '春节', start: '2099-02-01', end: '2099-02-07', days: 7 })),
    makeupWorkdays: [],
    ...extra,
  };
}

function refusal(data: unknown): AppError {
  return expectCode(() => validateCalendarYear(2099, data), 'CALENDAR_NOTICE_INVALID');
}

function problemsOf(err: AppError): string[] {
  const problems = err.details?.['problems'];
  if (!Array.isArray(problems) || !problems.every((p): p is string => typeof p === 'string')) throw new Error('details.problems is not a list of strings');
  return problems;
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

describe('size bounds of a notice', () => {
  it('refuses 1,000 identical holidays by the holiday bound, with a short answer', () => {
    const err = refusal(notice(1000));
    const problems = problemsOf(err);
    expect(problems.length).toBeLessThanOrEqual(51);
    expect(err.message).toMatch(/holidays: .*at most 50 holidays/);
    expect(err.message.length).toBeLessThan(10_000);
  });

  it('refuses 16,000 holidays (what a 1 MiB body can hold) by the bound, in well under a second', () => {
    const { value: err, ms } = timed(() => refusal(notice(16_000)));
    expect(err.message).toMatch(/holidays: .*at most 50 holidays/);
    expect(problemsOf(err).length).toBeLessThanOrEqual(51);
    expect(ms).toBeLessThan(1000);
  });

  it('refuses 2,000 identical holidays in well under a second (the pairwise check took ~3 s)', () => {
    const { ms } = timed(() => refusal(notice(2000)));
    expect(ms).toBeLessThan(1000);
  });

  it('accepts 50 holidays and 30 make-up days at most', () => {
    // 50 one-day holidays on every other day from 01-01 to 04-10, then 30 Saturdays from 04-11.
    const holidays = Array.from({ length: 50 }, (_, i) => ({ name: `假${i}`, start: day(2099, i * 2), end: day(2099, i * 2), days: 1 }));
    const saturdays = Array.from({ length: 30 }, (_, i) => day(2099, 100 + i * 7)); // 2099-04-11 is a Saturday
    const ok = validateCalendarYear(2099, { ...notice(0), holidays, makeupWorkdays: saturdays });
    expect(ok.holidays).toHaveLength(50);
    expect(ok.makeupWorkdays).toHaveLength(30);
    expect(refusal({ ...notice(0), holidays: [...holidays, { name: '多', start: '2099-12-30', end: '2099-12-30', days: 1 }] }).message).toMatch(
      /holidays: .*51.*at most 50/,
    );
    const thirtyOne = [...saturdays, '2099-12-26'];
    expect(refusal({ ...notice(0), makeupWorkdays: thirtyOne }).message).toMatch(/makeupWorkdays: .*31.*at most 30/);
  });

  it('bounds urls: at most 10, each at most 500 characters', () => {
    const url = 'https://www.gov.cn/zhengce/content/202511/content_7047090.htm';
    expect(validateCalendarYear(2099, notice(1, { urls: Array.from({ length: 10 }, () => url) })).urls).toHaveLength(10);
    expect(refusal(notice(1, { urls: Array.from({ length: 11 }, () => url) })).message).toMatch(/urls: .*at most 10/);
    expect(refusal(notice(1, { urls: [`https://www.gov.cn/${'a'.repeat(500)}`] })).message).toMatch(/urls\[0\]: .*at most 500 characters/);
  });

  it('bounds text: document 200, title 500, holiday name 100 characters', () => {
    expect(validateCalendarYear(2099, notice(0, { document: '号'.repeat(200), title: '题'.repeat(500) })).document).toHaveLength(200);
    expect(refusal(notice(0, { document: '号'.repeat(201) })).message).toMatch(/document: .*at most 200 characters/);
    expect(refusal(notice(0, { title: '题'.repeat(501) })).message).toMatch(/title: .*at most 500 characters/);
    const named = (name: string) => ({ ...notice(0), holidays: [{ name, start: '2099-02-01', end: '2099-02-01', days: 1 }] });
    expect(validateCalendarYear(2099, named('节'.repeat(100))).holidays).toHaveLength(1);
    expect(refusal(named('节'.repeat(101))).message).toMatch(/holidays\[0\]\.name: .*at most 100 characters/);
  });

  it('does not echo a huge non-date back in the answer', () => {
    const err = refusal({ ...notice(0), issued: '2'.repeat(100_000) });
    expect(err.message).toMatch(/issued: "2222.*…" is not a real calendar date/);
    expect(err.message.length).toBeLessThan(1000);
  });
});

describe('the list of problems is cut at 50', () => {
  it('50 identical holidays: the first 50 problems, then how many more there were', () => {
    const err = refusal(notice(50));
    const problems = problemsOf(err);
    expect(problems).toHaveLength(51);
    const more = /^…and (\d+) more problems/.exec(problems[50] ?? '');
    expect(more).not.toBeNull();
    // 49 duplicate names and 49 overlaps (each holiday against the one before), no pairwise blow-up.
    expect(50 + Number(more?.[1])).toBe(98);
    expect(err.details?.['problemCount']).toBe(98);
    expect(err.message).toContain(problems[50]);
    expect(err.message.length).toBeLessThan(20_000);
  });

  it('cuts zod issues as well (50 holidays with four bad fields each)', () => {
    const bad = Array.from({ length: 50 }, () => ({ name: '', start: 'x', end: 'y', days: -1 }));
    const problems = problemsOf(refusal({ ...notice(0), holidays: bad }));
    expect(problems).toHaveLength(51);
    expect(problems[50]).toMatch(/^…and 150 more problems/);
  });

  it('a real notice with a few mistakes still lists each of them', () => {
    const n = structuredClone(calendarJson.years['2026']);
    n.makeupWorkdays.push('2026-01-07'); // a Wednesday
    n.holidays.push({ name: '测试假', start: '2026-04-06', end: '2026-04-08', days: 3 }); // overlaps 清明节
    const problems = problemsOf(expectCode(() => validateCalendarYear(2026, n), 'CALENDAR_NOTICE_INVALID'));
    expect(problems).toHaveLength(3); // and offDayCount no longer adds up
    expect(problems.join('\n')).toMatch(/清明节.*overlaps.*测试假/);
    expect(problems.join('\n')).toMatch(/2026-01-07.*Saturday or Sunday/);
    expect(problems.join('\n')).toMatch(/offDayCount is 33 but the holidays' days add up to 36/);
  });
});

describe('overlaps and make-up days are found without comparing all pairs', () => {
  it('reports each overlapping holiday once, against the one reaching furthest before it', () => {
    // A 01-01..01-31 contains B and C; D starts the day after A ends; E overlaps D only.
    const holidays = [
      { name: 'A', start: '2099-01-01', end: '2099-01-31', days: 31 },
      { name: 'C', start: '2099-01-20', end: '2099-01-21', days: 2 },
      { name: 'B', start: '2099-01-02', end: '2099-01-03', days: 2 },
      { name: 'D', start: '2099-02-01', end: '2099-02-05', days: 5 },
      { name: 'E', start: '2099-02-05', end: '2099-02-06', days: 2 },
    ];
    const problems = problemsOf(refusal({ ...notice(0), holidays }));
    expect(problems).toEqual([
      'holidays[0] (A, 2099-01-01..2099-01-31) overlaps holidays[2] (B, 2099-01-02..2099-01-03)',
      'holidays[0] (A, 2099-01-01..2099-01-31) overlaps holidays[1] (C, 2099-01-20..2099-01-21)',
      'holidays[3] (D, 2099-02-01..2099-02-05) overlaps holidays[4] (E, 2099-02-05..2099-02-06)',
    ]);
  });

  it('finds a make-up day inside a long holiday that a later-starting, shorter one does not cover', () => {
    const holidays = [
      { name: '长假', start: '2099-01-01', end: '2099-01-31', days: 31 },
      { name: '短假', start: '2099-01-02', end: '2099-01-03', days: 2 },
    ];
    const problems = problemsOf(refusal({ ...notice(0), holidays, makeupWorkdays: ['2099-01-10', '2099-02-07'] })); // Saturdays
    expect(problems).toEqual([
      'holidays[0] (长假, 2099-01-01..2099-01-31) overlaps holidays[1] (短假, 2099-01-02..2099-01-03)',
      'makeupWorkdays[0] (2099-01-10): falls inside holiday 长假 (2099-01-01..2099-01-31)',
    ]);
  });

  it('findOverlaps handles 100,000 identical spans in linear time', () => {
    const spans = Array.from({ length: 100_000 }, () => ({ start: 10, end: 20 }));
    const { value: pairs, ms } = timed(() => findOverlaps(spans));
    expect(pairs).toHaveLength(99_999);
    expect(ms).toBeLessThan(1000);
  });
});

/** The date `n` days after 1 January of `year`. */
function day(year: number, n: number): string {
  return new Date(Date.UTC(year, 0, 1 + n)).toISOString().slice(0, 10);
}
