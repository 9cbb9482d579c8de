// Work calendar: every expectation below was counted by hand from the State Council notices
// (国办发明电〔2024〕12号 for 2025, 国办发明电〔2025〕7号 for 2026). Day 0 is the Asia/Shanghai
// date of the start instant and is not counted (民法典 art. 201); the deadline is 24:00 Shanghai
// (= 16:00Z) of the Nth working day (民法典 art. 203, 行政许可法 art. 82).
//
// Weekday anchors used in the comments: 2025-12-28 Sun, 2026-01-01 Thu, 2026-02-01 Sun,
// 2026-03-01 Sun, 2026-04-05 Sun, 2026-05-03 Sun, 2026-06-21 Sun, 2026-09-20 Sun,
// 2026-10-04 Sun, 2026-12-27 Sun, 2027-01-01 Fri.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import calendarJson from '../../../shared/data/cn-calendar-2025-2026.json';
import { AppError, type ErrorCode } from '../../domain/errors';
import {
  endOfLocalDay,
  loadBundledCalendar,
  localDateOf,
  validateCalendarYear,
  WorkCalendar,
  type TCalendarYear,
} from '../../domain/calendar';

const cal = loadBundledCalendar(calendarJson);

/** 10:00 Shanghai on `date` (02:00Z), an ordinary office-hours acceptance instant. */
function at10(date: string): Date {
  return new Date(`${date}T10:00:00+08:00`);
}

function deadline(fromDate: string, workingDays: number, extra: { startDayCounts?: boolean; allowProvisional?: boolean } = {}) {
  return cal.addWorkingDays({ from: at10(fromDate), workingDays, ...extra });
}

function catchAppError(fn: () => unknown, code: ErrorCode): AppError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(AppError);
  const appErr = caught as AppError;
  expect(appErr.code).toBe(code);
  return appErr;
}

/** A deep copy of the real 2026 notice, to be broken on purpose. */
function notice2026(): TCalendarYear {
  return structuredClone(calendarJson.years['2026']) as TCalendarYear;
}

function holidays(...names: string[]) {
  return (dates: string[]) => dates.map((date, i) => ({ date, reason: 'holiday', holidayName: names[i] ?? names[0] }));
}

describe('loading the bundled file', () => {
  it('covers 2025 and 2026', () => {
    expect(cal.years()).toEqual([2025, 2026]);
    expect(cal.hasYear(2025)).toBe(true);
    expect(cal.hasYear(2026)).toBe(true);
    expect(cal.hasYear(2027)).toBe(false);
    expect(cal.notice(2026)?.document).toBe('国办发明电〔2025〕7号');
  });

  it('rejects a file whose coverage does not match its years', () => {
    const bad = { ...structuredClone(calendarJson), coverage: [2025, 2026, 2027] };
    const err = catchAppError(() => loadBundledCalendar(bad), 'CALENDAR_NOTICE_INVALID');
    expect(err.message).toMatch(/coverage/);
  });

  it('rejects a file with the wrong schema tag or a bad year inside', () => {
    catchAppError(() => loadBundledCalendar({ ...structuredClone(calendarJson), schema: 'cn-work-calendar/0' }), 'CALENDAR_NOTICE_INVALID');
    const broken = structuredClone(calendarJson);
    broken.years['2026'].makeupWorkdays.push('2026-01-07');
    const err = catchAppError(() => loadBundledCalendar(broken), 'CALENDAR_NOTICE_INVALID');
    expect(err.message).toMatch(/2026-01-07/);
    catchAppError(() => loadBundledCalendar(null), 'CALENDAR_NOTICE_INVALID');
  });
});

describe('dayInfo', () => {
  it('gives the reason and the holiday name', () => {
    // 2026-02-17 Tue is inside 春节 2026-02-15..02-23.
    expect(cal.dayInfo('2026-02-17')).toEqual({ date: '2026-02-17', working: false, reason: 'holiday', holidayName: '春节', provisional: false });
    // 2026-02-14 Sat is a 调休 make-up working day before 春节.
    expect(cal.dayInfo('2026-02-14')).toEqual({ date: '2026-02-14', working: true, reason: 'makeup_workday', provisional: false });
    // 2026-03-07 is an ordinary Saturday, 2026-03-09 an ordinary Monday.
    expect(cal.dayInfo('2026-03-07')).toEqual({ date: '2026-03-07', working: false, reason: 'weekend', provisional: false });
    expect(cal.dayInfo('2026-03-09')).toEqual({ date: '2026-03-09', working: true, reason: 'workday', provisional: false });
    // 2026-04-04 is a Saturday inside 清明节 04-04..04-06: reported as the holiday, not as a weekend.
    expect(cal.dayInfo('2026-04-04')).toMatchObject({ working: false, reason: 'holiday', holidayName: '清明节' });
    // 2025-10-08 Wed: last day of the combined 2025 block 国庆节、中秋节 10-01..10-08.
    expect(cal.dayInfo('2025-10-08')).toMatchObject({ working: false, reason: 'holiday', holidayName: '国庆节、中秋节' });
    // 2025-10-11 Sat: make-up day after National Day 2025.
    expect(cal.dayInfo('2025-10-11')).toMatchObject({ working: true, reason: 'makeup_workday' });
  });

  it('judges a year without a notice on weekdays only, provisionally', () => {
    // 2027-01-01 is a Friday; without the 2027 notice it cannot be known to be 元旦.
    expect(cal.dayInfo('2027-01-01')).toEqual({ date: '2027-01-01', working: true, reason: 'workday', provisional: true });
    expect(cal.dayInfo('2027-01-02')).toEqual({ date: '2027-01-02', working: false, reason: 'weekend', provisional: true });
  });

  it('refuses a malformed date', () => {
    catchAppError(() => cal.dayInfo('2026-02-30'), 'VALIDATION_FAILED');
    catchAppError(() => cal.dayInfo('2026-2-3'), 'VALIDATION_FAILED');
  });
});

describe('instants and Asia/Shanghai days', () => {
  it('converts an instant to its Shanghai date', () => {
    // 2026-03-02T17:00Z is 2026-03-03 01:00 in Shanghai.
    expect(localDateOf(new Date('2026-03-02T17:00:00Z'))).toBe('2026-03-03');
    // 15:59:59.999Z is still 23:59:59.999 on the same Shanghai day; 16:00Z is the next day's midnight.
    expect(localDateOf(new Date('2026-03-02T15:59:59.999Z'))).toBe('2026-03-02');
    expect(localDateOf(new Date('2026-03-02T16:00:00Z'))).toBe('2026-03-03');
  });

  it('uses the Shanghai date of the start instant as day 0', () => {
    // Day 0 = 03-03 Tue (not 03-02), so day 1 = 03-04 Wed.
    const r = cal.addWorkingDays({ from: new Date('2026-03-02T17:00:00Z'), workingDays: 1 });
    expect(r.deadlineDate).toBe('2026-03-04');
    // Same UTC date but 23:59 in Shanghai: day 0 = 03-02 Mon, day 1 = 03-03 Tue.
    expect(cal.addWorkingDays({ from: new Date('2026-03-02T15:59:00Z'), workingDays: 1 }).deadlineDate).toBe('2026-03-03');
  });

  it('ends the deadline at 24:00 Shanghai, i.e. 16:00Z of the deadline date', () => {
    const r = cal.addWorkingDays({ from: new Date('2026-03-02T17:00:00Z'), workingDays: 1 });
    expect(r.deadlineAt.toISOString()).toBe('2026-03-04T16:00:00.000Z');
    expect(r.deadlineAt.getTime()).toBe(new Date('2026-03-05T00:00:00+08:00').getTime());
    expect(endOfLocalDay('2026-03-04').toISOString()).toBe('2026-03-04T16:00:00.000Z');
    // Across a month end and a year end.
    expect(endOfLocalDay('2026-02-28').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(endOfLocalDay('2025-12-31').toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it('refuses an invalid instant', () => {
    catchAppError(() => localDateOf(new Date('not a date')), 'VALIDATION_FAILED');
    catchAppError(() => cal.addWorkingDays({ from: new Date(Number.NaN), workingDays: 1 }), 'VALIDATION_FAILED');
  });
});

describe('addWorkingDays through the 2026 holidays', () => {
  it('元旦 and the 2025→2026 year boundary', () => {
    // Day 0 2025-12-30 Tue. 12-31 Wed = 1; 01-01..01-03 元旦 off; 01-04 Sun make-up = 2;
    // 01-05 Mon = 3, 01-06 = 4, 01-07 Wed = 5.
    const r = deadline('2025-12-30', 5);
    expect(r.deadlineDate).toBe('2026-01-07');
    expect(r.deadlineAt.toISOString()).toBe('2026-01-07T16:00:00.000Z');
    expect(r.provisional).toBe(false);
    expect(r.missingYears).toEqual([]);
    expect(r.skipped).toEqual(holidays('元旦')(['2026-01-01', '2026-01-02', '2026-01-03']));
  });

  it('春节: start on the day before the holiday, which is itself a make-up Saturday', () => {
    // Day 0 2026-02-14 Sat (make-up day, but the start day is never counted); 02-15..02-23 春节 off;
    // 02-24 Tue = 1.
    const r = deadline('2026-02-14', 1);
    expect(r.deadlineDate).toBe('2026-02-24');
    expect(r.skipped.map((s) => s.date)).toEqual([
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19',
      '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    ]);
    expect(r.skipped.every((s) => s.reason === 'holiday' && s.holidayName === '春节')).toBe(true);
  });

  it('春节: a make-up Saturday later in the span is counted', () => {
    // Day 0 2026-02-13 Fri. 02-14 Sat make-up = 1; 02-15..02-23 off; 02-24 = 2; 02-25 Wed = 3.
    expect(deadline('2026-02-13', 3).deadlineDate).toBe('2026-02-25');
    // Day 0 2026-02-24 Tue. 02-25 = 1, 02-26 = 2, 02-27 = 3, 02-28 Sat make-up = 4, 03-01 Sun off,
    // 03-02 Mon = 5 (without the make-up day it would be 03-03).
    const r = deadline('2026-02-24', 5);
    expect(r.deadlineDate).toBe('2026-03-02');
    expect(r.skipped).toEqual([{ date: '2026-03-01', reason: 'weekend' }]);
  });

  it('春节: start on a holiday', () => {
    // Day 0 2026-02-18 Wed (春节). 02-19..02-23 still off; 02-24 Tue = 1.
    const r = deadline('2026-02-18', 1);
    expect(r.deadlineDate).toBe('2026-02-24');
    expect(r.skipped.map((s) => s.date)).toEqual(['2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']);
  });

  it('春节: start on the make-up Saturday after the holiday', () => {
    // Day 0 2026-02-28 Sat (make-up, not counted as the start day). 03-01 Sun off; 03-02 Mon = 1.
    const r = deadline('2026-02-28', 1);
    expect(r.deadlineDate).toBe('2026-03-02');
    expect(r.skipped).toEqual([{ date: '2026-03-01', reason: 'weekend' }]);
  });

  it('清明节', () => {
    // Day 0 2026-04-03 Fri. 04-04 Sat..04-06 Mon 清明节 off; 04-07 Tue = 1.
    const r = deadline('2026-04-03', 1);
    expect(r.deadlineDate).toBe('2026-04-07');
    expect(r.skipped).toEqual(holidays('清明节')(['2026-04-04', '2026-04-05', '2026-04-06']));
    // Day 0 2026-04-02 Thu. 04-03 Fri = 1; 04-04..04-06 off; 04-07 Tue = 2.
    expect(deadline('2026-04-02', 2).deadlineDate).toBe('2026-04-07');
  });

  it('劳动节 with its make-up Saturday 05-09', () => {
    // Day 0 2026-04-30 Thu. 05-01 Fri..05-05 Tue 劳动节 off; 05-06 Wed = 1, 05-07 = 2, 05-08 Fri = 3,
    // 05-09 Sat make-up = 4, 05-10 Sun off, 05-11 Mon = 5.
    const r = deadline('2026-04-30', 5);
    expect(r.deadlineDate).toBe('2026-05-11');
    expect(r.skipped).toEqual([
      ...holidays('劳动节')(['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05']),
      { date: '2026-05-10', reason: 'weekend' },
    ]);
    // Day 0 2026-05-08 Fri. 05-09 Sat make-up = 1.
    expect(deadline('2026-05-08', 1).deadlineDate).toBe('2026-05-09');
  });

  it('端午节', () => {
    // Day 0 2026-06-18 Thu. 06-19 Fri..06-21 Sun 端午节 off; 06-22 Mon = 1, 06-23 = 2, 06-24 Wed = 3.
    const r = deadline('2026-06-18', 3);
    expect(r.deadlineDate).toBe('2026-06-24');
    expect(r.skipped).toEqual(holidays('端午节')(['2026-06-19', '2026-06-20', '2026-06-21']));
  });

  it('中秋节, starting on the make-up Sunday 09-20', () => {
    // Day 0 2026-09-20 Sun (make-up for 国庆节, not counted as the start day). 09-21 Mon = 1, 09-22 = 2,
    // 09-23 = 3, 09-24 Thu = 4; 09-25 Fri..09-27 Sun 中秋节 off; 09-28 Mon = 5.
    const r = deadline('2026-09-20', 5);
    expect(r.deadlineDate).toBe('2026-09-28');
    expect(r.skipped).toEqual(holidays('中秋节')(['2026-09-25', '2026-09-26', '2026-09-27']));
    // Day 0 2026-09-18 Fri. 09-19 Sat off; 09-20 Sun make-up = 1: the deadline falls on a Sunday.
    const s = deadline('2026-09-18', 1);
    expect(s.deadlineDate).toBe('2026-09-20');
    expect(s.skipped).toEqual([{ date: '2026-09-19', reason: 'weekend' }]);
  });

  it('国庆节 with its make-up Saturday 10-10', () => {
    // Day 0 2026-09-30 Wed. 10-01 Thu..10-07 Wed 国庆节 off; 10-08 Thu = 1, 10-09 Fri = 2,
    // 10-10 Sat make-up = 3.
    const r = deadline('2026-09-30', 3);
    expect(r.deadlineDate).toBe('2026-10-10');
    expect(r.skipped).toHaveLength(7);
    // Day 0 2026-09-28 Mon. 09-29 = 1, 09-30 = 2; 10-01..10-07 off; 10-08 = 3, 10-09 = 4,
    // 10-10 Sat = 5; 10-11 Sun off; 10-12 Mon = 6 … 10-16 Fri = 10.
    const t = deadline('2026-09-28', 10);
    expect(t.deadlineDate).toBe('2026-10-16');
    expect(t.skipped.map((x) => x.date)).toEqual([
      '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-11',
    ]);
    // Day 0 2026-09-24 Thu, 20 working days through 中秋节 and 国庆节 and both make-up days:
    // 09-25..27 off; 09-28 = 1, 09-29 = 2, 09-30 = 3; 10-01..07 off; 10-08 = 4, 10-09 = 5,
    // 10-10 Sat = 6; 10-12..10-16 = 7..11; 10-19..10-23 = 12..16; 10-26..10-29 = 17..20.
    expect(deadline('2026-09-24', 20).deadlineDate).toBe('2026-10-29');
  });

  it('a 2025 case: 春节 2025 with make-up days 01-26 and 02-08', () => {
    // Day 0 2025-01-24 Fri. 01-25 Sat off; 01-26 Sun make-up = 1; 01-27 Mon = 2; 01-28..02-04 春节 off;
    // 02-05 Wed = 3, 02-06 = 4, 02-07 Fri = 5, 02-08 Sat make-up = 6.
    expect(deadline('2025-01-24', 6).deadlineDate).toBe('2025-02-08');
  });
});

describe('startDayCounts', () => {
  it('counts a working start day as day 1', () => {
    // 2026-03-02 Mon is working: day 1 = 03-02; 5 days = 03-02..03-06 Fri.
    expect(deadline('2026-03-02', 1, { startDayCounts: true }).deadlineDate).toBe('2026-03-02');
    expect(deadline('2026-03-02', 5, { startDayCounts: true }).deadlineDate).toBe('2026-03-06');
    // 2026-02-28 Sat is a make-up working day, so it is day 1 itself.
    expect(deadline('2026-02-28', 1, { startDayCounts: true }).deadlineDate).toBe('2026-02-28');
  });

  it('does not count a non-working start day', () => {
    // 2026-03-07 Sat: not working; 03-08 Sun off; 03-09 Mon = 1. The start day is listed as skipped.
    const r = deadline('2026-03-07', 1, { startDayCounts: true });
    expect(r.deadlineDate).toBe('2026-03-09');
    expect(r.skipped.map((s) => s.date)).toEqual(['2026-03-07', '2026-03-08']);
    // 2026-02-15 (春节): 02-15..02-23 off; 02-24 = 1.
    expect(deadline('2026-02-15', 1, { startDayCounts: true }).deadlineDate).toBe('2026-02-24');
  });
});

describe('years without a notice', () => {
  it('2026→2027 throws CALENDAR_YEAR_MISSING', () => {
    // Day 0 2026-12-30 Wed. 12-31 Thu = 1; the next candidate 2027-01-01 has no notice.
    const err = catchAppError(() => deadline('2026-12-30', 5), 'CALENDAR_YEAR_MISSING');
    expect(err.message).toMatch(/2027/);
    expect(err.message).toMatch(/administrator must load/);
    expect(err.details).toMatchObject({ year: 2027 });
  });

  it('2026→2027 with allowProvisional counts weekdays in 2027', () => {
    // 12-31 Thu = 1; 2027-01-01 Fri = 2 (weekday rule only; it may well be 元旦); 01-02/01-03 weekend;
    // 01-04 Mon = 3, 01-05 = 4, 01-06 Wed = 5.
    const r = deadline('2026-12-30', 5, { allowProvisional: true });
    expect(r.deadlineDate).toBe('2027-01-06');
    expect(r.provisional).toBe(true);
    expect(r.missingYears).toEqual([2027]);
    expect(r.skipped).toEqual([
      { date: '2027-01-02', reason: 'weekend' },
      { date: '2027-01-03', reason: 'weekend' },
    ]);
  });

  it('does not need the next year when the deadline stays inside the loaded one', () => {
    // Day 0 2026-12-29 Tue. 12-30 = 1, 12-31 = 2: no day of 2027 is examined.
    const r = deadline('2026-12-29', 2);
    expect(r.deadlineDate).toBe('2026-12-31');
    expect(r.provisional).toBe(false);
  });

  it('refuses a year before the loaded ones too', () => {
    // Day 0 2024-12-30: 2024-12-31 is the first candidate, and 2024 has no notice.
    const err = catchAppError(() => deadline('2024-12-30', 1), 'CALENDAR_YEAR_MISSING');
    expect(err.message).toMatch(/2024/);
  });
});

describe('addWorkingDays input checks', () => {
  it.each([0, -1, 1.5, Number.NaN, 3661])('rejects workingDays = %p', (n) => {
    catchAppError(() => cal.addWorkingDays({ from: at10('2026-03-02'), workingDays: n }), 'VALIDATION_FAILED');
  });

  it('accepts the upper bound (provisionally, as it runs for years past 2026)', () => {
    const r = cal.addWorkingDays({ from: at10('2026-03-02'), workingDays: 3660, allowProvisional: true });
    expect(r.provisional).toBe(true);
    expect(r.missingYears[0]).toBe(2027);
  });
});

describe('countWorkingDays', () => {
  it('counts across a holiday, excluding the from day and including the to day', () => {
    // (02-13, 02-25]: 02-14 Sat make-up, 02-24, 02-25 → 3.
    expect(cal.countWorkingDays('2026-02-13', '2026-02-25')).toEqual({ count: 3, provisional: false, missingYears: [] });
    // (09-30, 10-10]: 10-08, 10-09, 10-10 Sat make-up → 3.
    expect(cal.countWorkingDays('2026-09-30', '2026-10-10').count).toBe(3);
    // (04-30, 05-08]: 05-06, 05-07, 05-08 → 3.
    expect(cal.countWorkingDays('2026-04-30', '2026-05-08').count).toBe(3);
  });

  it('is 0 when toDate is not after fromDate', () => {
    expect(cal.countWorkingDays('2026-03-02', '2026-03-02').count).toBe(0);
    expect(cal.countWorkingDays('2026-03-05', '2026-03-02').count).toBe(0);
  });

  it('counts whole years', () => {
    // 2026: 365 days from a Thursday → 104 weekend days, 261 weekdays. Of the 33 holiday days,
    // 14 are weekend days (元旦 1, 春节 3, 清明 2, 劳动 2, 端午 2, 中秋 2, 国庆 2) → 19 weekdays off.
    // Plus 6 make-up days: 261 − 19 + 6 = 248.
    expect(cal.countWorkingDays('2025-12-31', '2026-12-31').count).toBe(248);
    // 2025: 365 days from a Wednesday → 261 weekdays. Of the 28 holiday days, 10 are weekend days
    // (元旦 0, 春节 2, 清明 2, 劳动 2, 端午 2, 国庆中秋 2) → 18 weekdays off. Plus 5 make-up days: 248.
    expect(cal.countWorkingDays('2024-12-31', '2025-12-31').count).toBe(248);
  });

  it('has the same missing-year behaviour', () => {
    const err = catchAppError(() => cal.countWorkingDays('2026-12-30', '2027-01-04'), 'CALENDAR_YEAR_MISSING');
    expect(err.message).toMatch(/2027/);
    // 12-31 Thu, 2027-01-01 Fri (provisional), 2027-01-04 Mon → 3.
    expect(cal.countWorkingDays('2026-12-30', '2027-01-04', { allowProvisional: true })).toEqual({
      count: 3,
      provisional: true,
      missingYears: [2027],
    });
  });

  it('agrees with addWorkingDays for every start day of 2026', () => {
    for (let d = 0; d < 335; d++) {
      const from = new Date(Date.UTC(2026, 0, 1 + d, 2));
      const day0 = localDateOf(from);
      for (const n of [1, 5, 20]) {
        const r = cal.addWorkingDays({ from, workingDays: n });
        expect(cal.countWorkingDays(day0, r.deadlineDate).count).toBe(n);
        expect(cal.dayInfo(r.deadlineDate).working).toBe(true);
      }
    }
  });
});

describe('validateCalendarYear', () => {
  it('accepts the real notices', () => {
    expect(validateCalendarYear(2025, calendarJson.years['2025']).holidays).toHaveLength(6);
    expect(validateCalendarYear(2026, calendarJson.years['2026']).makeupWorkdays).toHaveLength(6);
  });

  it('rejects a make-up workday on a Wednesday', () => {
    const n = notice2026();
    n.makeupWorkdays.push('2026-01-07'); // 2026-01-07 is a Wednesday
    const err = catchAppError(() => validateCalendarYear(2026, n), 'CALENDAR_NOTICE_INVALID');
    expect(err.message).toMatch(/2026-01-07.*Saturday or Sunday/);
  });

  it('rejects a make-up workday inside a holiday', () => {
    const n = notice2026();
    n.makeupWorkdays.push('2026-02-22'); // a Sunday, but inside 春节 02-15..02-23
    expect(catchAppError(() => validateCalendarYear(2026, n), 'CALENDAR_NOTICE_INVALID').message).toMatch(/inside holiday 春节/);
  });

  it('rejects a duplicate make-up workday', () => {
    const n = notice2026();
    n.makeupWorkdays.push('2026-02-14');
    expect(catchAppError(() => validateCalendarYear(2026, n), 'CALENDAR_NOTICE_INVALID').message).toMatch(/duplicate/);
  });

  it('rejects overlapping holidays', () => {
    const n = notice2026();
    n.holidays.push({ name: '测试假', start: '2026-04-06', end: '2026-04-08', days: 3 }); // overlaps 清明节 04-04..04-06
    expect(catchAppError(() => validateCalendarYear(2026, n), 'CALENDAR_NOTICE_INVALID').message).toMatch(/清明节.*overlaps.*测试假/);
  });

  it('rejects a date outside the year', () => {
    const n = notice2026();
    n.makeupWorkdays.push('2025-12-28'); // a Sunday, but in 2025
    expect(catchAppError(() => validateCalendarYear(2026, n), 'CALENDAR_NOTICE_INVALID').message).toMatch(/2025-12-28.*outside 2026/);
    const m = notice2026();
    m.holidays[0] = { name: '元旦', start: '2025-12-31', end: '2026-01-03', days: 4 };
    expect(catchAppError(() => validateCalendarYear(2026, m), 'CALENDAR_NOTICE_INVALID').message).toMatch(/start 2025-12-31 is outside 2026/);
    // The real 2026 notice is not a valid 2025 notice.
    catchAppError(() => validateCalendarYear(2025, calendarJson.years['2026']), 'CALENDAR_NOTICE_INVALID');
  });

  it('rejects a holiday that starts after it ends', () => {
    const n = notice2026();
    n.holidays[2] = { name: '清明节', start: '2026-04-06', end: '2026-04-04', days: 3 };
    expect(catchAppError(() => validateCalendarYear(2026, n), 'CALENDAR_NOTICE_INVALID').message).toMatch(/start 2026-04-06 is after end 2026-04-04/);
  });

  it('rejects days that disagree with the span', () => {
    const n = notice2026();
    n.holidays[1] = { name: '春节', start: '2026-02-15', end: '2026-02-23', days: 8 };
    expect(catchAppError(() => validateCalendarYear(2026, n), 'CALENDAR_NOTICE_INVALID').message).toMatch(/days is 8 but .* spans 9 days/);
  });

  it('rejects a date that does not exist', () => {
    const n = notice2026();
    n.holidays[1] = { name: '春节', start: '2026-02-23', end: '2026-02-30', days: 8 };
    const err = catchAppError(() => validateCalendarYear(2026, n), 'CALENDAR_NOTICE_INVALID');
    expect(err.message).toMatch(/holidays\[1\]\.end: "2026-02-30" is not a real calendar date/);
  });

  it('rejects an offDayCount that is not the sum of the days', () => {
    const n = notice2026();
    n.offDayCount = 32;
    expect(catchAppError(() => validateCalendarYear(2026, n), 'CALENDAR_NOTICE_INVALID').message).toMatch(/offDayCount is 32 .* 33/);
  });

  it('rejects a malformed notice and lists the field', () => {
    const err = catchAppError(() => validateCalendarYear(2026, { document: 'x' }), 'CALENDAR_NOTICE_INVALID');
    expect(err.message).toMatch(/holidays/);
  });

  it('is applied by the WorkCalendar constructor as well', () => {
    const n = notice2026();
    n.makeupWorkdays.push('2026-01-07');
    catchAppError(() => new WorkCalendar({ 2026: n }), 'CALENDAR_NOTICE_INVALID');
    const ok = new WorkCalendar({ 2026: notice2026() });
    expect(ok.years()).toEqual([2026]);
    // Without the 2025 notice, a start on 2025-12-31 needs no 2025 day: 2026-01-01..03 off, 01-04 Sun make-up = 1.
    expect(ok.addWorkingDays({ from: at10('2025-12-31'), workingDays: 1 }).deadlineDate).toBe('2026-01-04');
  });
});

describe('purity of domain/calendar', () => {
  it('uses no clock, randomness, any or Node built-ins', () => {
    const dir = join(__dirname, '../../domain/calendar');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const src = readFileSync(join(dir, file), 'utf8');
      expect({ file, clock: /Date\.now\(|new Date\(\)|Math\.random|performance\.now/.test(src) }).toEqual({ file, clock: false });
      expect({ file, node: /from '(node:)?(fs|path|crypto|os|child_process)'/.test(src) }).toEqual({ file, node: false });
      expect({ file, any: /:\s*any\b|as any\b|<any>/.test(src) }).toEqual({ file, any: false });
    }
  });
});
