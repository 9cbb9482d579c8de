// The shape of one year's State Council holiday notice (国务院办公厅关于X年部分节假日安排的通知)
// as stored in shared/data/cn-calendar-*.json, and the checks a notice must pass before any
// deadline is computed from it. A wrong notice would silently move every deadline in the city,
// so every inconsistency is refused with a message that names it.

import { z } from 'zod';
import { AppError } from '../errors';
import { isIsoDate, isWeekendDayNumber, toDayNumber, yearOf, type IsoDate } from './dates';

export const ZIsoDate = z
  .string()
  .refine(isIsoDate, { error: (issue) => `${JSON.stringify(issue.input)} is not a real calendar date in the form YYYY-MM-DD` });

export const ZHoliday = z.object({
  /** Name as printed in the notice, e.g. '春节' or '国庆节、中秋节'. */
  name: z.string().trim().min(1),
  /** First day off (inclusive). */
  start: ZIsoDate,
  /** Last day off (inclusive). */
  end: ZIsoDate,
  /** Calendar days from start to end inclusive (放假调休共N天), weekends included. */
  days: z.number().int().positive(),
});
export type THoliday = z.infer<typeof ZHoliday>;

export const ZCalendarYear = z.object({
  /** Document number, e.g. '国办发明电〔2025〕7号'. */
  document: z.string().trim().min(1),
  title: z.string().trim().min(1),
  /** Date the notice was issued (normally in the previous year). */
  issued: ZIsoDate,
  urls: z.array(z.url()),
  holidays: z.array(ZHoliday),
  /** 调休 make-up working days: Saturdays or Sundays that are working days. */
  makeupWorkdays: z.array(ZIsoDate),
  /** Total days off announced, the sum of the holidays' `days`. */
  offDayCount: z.number().int().nonnegative().optional(),
});
export type TCalendarYear = z.infer<typeof ZCalendarYear>;

/** Readable 'path: message' lines for a zod error. */
export function describeZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
      .join('');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

function noticeInvalid(year: number, problems: string[]): AppError {
  return new AppError(
    'CALENDAR_NOTICE_INVALID',
    `The holiday notice for ${year} is invalid: ${problems.join('; ')}`,
    { year, problems },
  );
}

function isPlausibleYear(year: number): boolean {
  return Number.isInteger(year) && year >= 1000 && year <= 9999;
}

/**
 * Parses and checks one year's notice. Returns the parsed notice, or throws
 * AppError('CALENDAR_NOTICE_INVALID') listing every problem found: a date that is not a real
 * YYYY-MM-DD date, a date outside `year`, a holiday that starts after it ends or whose `days`
 * disagrees with its span, overlapping holidays, a make-up workday that is not a Saturday or
 * Sunday or that falls inside a holiday, duplicates, and an `offDayCount` that is not the sum of
 * the holidays' days.
 */
export function validateCalendarYear(year: number, data: unknown): TCalendarYear {
  if (!isPlausibleYear(year)) {
    throw noticeInvalid(year, [`${String(year)} is not a four-digit calendar year`]);
  }
  const parsed = ZCalendarYear.safeParse(data);
  if (!parsed.success) {
    throw noticeInvalid(year, describeZodIssues(parsed.error));
  }
  const notice = parsed.data;
  const problems: string[] = [];
  const inYear = (date: IsoDate): boolean => yearOf(date) === year;

  // Holidays, each on its own.
  notice.holidays.forEach((h, i) => {
    const label = `holidays[${i}] (${h.name})`;
    if (!inYear(h.start)) problems.push(`${label}: start ${h.start} is outside ${year}`);
    if (!inYear(h.end)) problems.push(`${label}: end ${h.end} is outside ${year}`);
    const span = toDayNumber(h.end) - toDayNumber(h.start) + 1;
    if (span < 1) {
      problems.push(`${label}: start ${h.start} is after end ${h.end}`);
    } else if (span !== h.days) {
      problems.push(`${label}: days is ${h.days} but ${h.start}..${h.end} spans ${span} days`);
    }
  });

  // Holidays against each other: duplicate names, overlapping spans.
  const seenNames = new Map<string, number>();
  notice.holidays.forEach((h, i) => {
    const first = seenNames.get(h.name);
    if (first !== undefined) problems.push(`holidays[${i}]: duplicate holiday name '${h.name}' (also holidays[${first}])`);
    else seenNames.set(h.name, i);
  });
  const ordered = notice.holidays
    .map((h, i) => ({ h, i, start: toDayNumber(h.start), end: toDayNumber(h.end) }))
    .filter((x) => x.start <= x.end)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (let a = 0; a < ordered.length; a++) {
    const x = ordered[a];
    if (!x) continue;
    for (let b = a + 1; b < ordered.length; b++) {
      const y = ordered[b];
      if (!y || y.start > x.end) break;
      problems.push(
        `holidays[${x.i}] (${x.h.name}, ${x.h.start}..${x.h.end}) overlaps holidays[${y.i}] (${y.h.name}, ${y.h.start}..${y.h.end})`,
      );
    }
  }

  // Make-up working days.
  const seenMakeup = new Set<string>();
  notice.makeupWorkdays.forEach((date, i) => {
    const label = `makeupWorkdays[${i}] (${date})`;
    if (seenMakeup.has(date)) problems.push(`${label}: duplicate make-up workday`);
    seenMakeup.add(date);
    if (!inYear(date)) problems.push(`${label}: outside ${year}`);
    const day = toDayNumber(date);
    if (!isWeekendDayNumber(day)) problems.push(`${label}: a make-up workday must be a Saturday or Sunday`);
    for (const x of ordered) {
      if (day >= x.start && day <= x.end) problems.push(`${label}: falls inside holiday ${x.h.name} (${x.h.start}..${x.h.end})`);
    }
  });

  if (notice.offDayCount !== undefined) {
    const sum = notice.holidays.reduce((acc, h) => acc + h.days, 0);
    if (sum !== notice.offDayCount) {
      problems.push(`offDayCount is ${notice.offDayCount} but the holidays' days add up to ${sum}`);
    }
  }

  if (problems.length > 0) throw noticeInvalid(year, problems);
  return notice;
}
