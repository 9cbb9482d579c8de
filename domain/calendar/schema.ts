// The shape of one year's State Council holiday notice (国务院办公厅关于X年部分节假日安排的通知)
// as stored in shared/data/cn-calendar-*.json, and the checks a notice must pass before any
// deadline is computed from it. A wrong notice would silently move every deadline in the city,
// so every inconsistency is refused with a message that names it.
//
// An administrator's PUT reaches this code with whatever a 1 MiB body holds (about 16,000
// holidays), so the schema bounds every list and text to far beyond any real notice, the checks
// between holidays never compare all pairs (sorted once, each holiday compared with the one before
// it that reaches furthest), and a refusal lists at most MAX_LISTED_PROBLEMS problems: validation
// can neither block the event loop nor answer megabytes.

import { z } from 'zod';
import { AppError } from '../errors';
import { isIsoDate, isWeekendDayNumber, toDayNumber, yearOf, type IsoDate } from './dates';

/**
 * Upper bounds of a notice. A real one has 6 or 7 holidays, about 6 make-up days, one or two links,
 * a 13-character document number, a 23-character title and holiday names of at most 7 characters;
 * the bounds leave room for an unusual year without letting a body grow the work or the answer.
 */
export const NOTICE_LIMITS = {
  holidays: 50,
  makeupWorkdays: 30,
  urls: 10,
  urlLength: 500,
  documentLength: 200,
  titleLength: 500,
  holidayNameLength: 100,
  /** A holiday's `days`, and the year's `offDayCount`: no more days than a year has. */
  days: 366,
} as const;

/** A refusal lists this many problems and counts the rest: enough to fix a real notice in one go. */
export const MAX_LISTED_PROBLEMS = 50;

/** The value as it appears in a message: quoted, and cut short, since it may be 100,000 characters long. */
function shown(input: string): string {
  return JSON.stringify(input.length > 20 ? `${input.slice(0, 20)}…` : input);
}

export const ZIsoDate = z
  .string()
  .refine(isIsoDate, { error: (issue) => `${typeof issue.input === 'string' ? shown(issue.input) : 'the value'} is not a real calendar date in the form YYYY-MM-DD` });

export const ZHoliday = z.object({
  /** Name as printed in the notice, e.g. '春节' or '国庆节、中秋节'. */
  name: z
    .string()
    .trim()
    .min(1)
    .max(NOTICE_LIMITS.holidayNameLength, `a holiday name is at most ${NOTICE_LIMITS.holidayNameLength} characters; give it as printed in the notice, e.g. 国庆节、中秋节`),
  /** First day off (inclusive). */
  start: ZIsoDate,
  /** Last day off (inclusive). */
  end: ZIsoDate,
  /** Calendar days from start to end inclusive (放假调休共N天), weekends included. */
  days: z.number().int().positive().max(NOTICE_LIMITS.days, `a holiday lasts at most ${NOTICE_LIMITS.days} days`),
});
export type THoliday = z.infer<typeof ZHoliday>;

/** One link to the published notice. */
export const ZNoticeUrl = z.url().max(NOTICE_LIMITS.urlLength, `a url is at most ${NOTICE_LIMITS.urlLength} characters; link to the page of the notice itself`);

/**
 * A list of at most `max` items whose refusal says how many came: an administrator sees at once
 * that, say, 1,000 holidays came from a list pasted many times over. (zod 4 checks a maximum
 * length before the items, so an oversized list costs one issue, not one per item.)
 */
export function boundedList<T extends z.ZodType>(item: T, max: number, what: string, advice: string) {
  return z.array(item).max(max, {
    error: (issue) => `${Array.isArray(issue.input) ? issue.input.length : 'so many'} ${what} is too many: ${advice}`,
  });
}

export const ZHolidayList = boundedList(
  ZHoliday,
  NOTICE_LIMITS.holidays,
  'holidays',
  `a year's notice lists at most ${NOTICE_LIMITS.holidays} holidays (the State Council's has about 7); check that the list was not repeated`,
);
const MAKEUP_ADVICE = `a year's notice lists at most ${NOTICE_LIMITS.makeupWorkdays} (the State Council's has about 6); check that the list was not repeated`;
export const ZMakeupList = boundedList(ZIsoDate, NOTICE_LIMITS.makeupWorkdays, 'make-up workdays', MAKEUP_ADVICE);
/** The same bound over plain strings, for the API edge, which leaves checking the dates to validateCalendarYear. */
export const ZMakeupStringList = boundedList(z.string(), NOTICE_LIMITS.makeupWorkdays, 'make-up workdays', MAKEUP_ADVICE);
export const ZUrlList = boundedList(ZNoticeUrl, NOTICE_LIMITS.urls, 'urls', `list at most ${NOTICE_LIMITS.urls} links to the notice`);

/** Document number, e.g. '国办发明电〔2025〕7号'. */
export const ZNoticeDocument = z
  .string()
  .trim()
  .min(1)
  .max(NOTICE_LIMITS.documentLength, `a document number is at most ${NOTICE_LIMITS.documentLength} characters, e.g. 国办发明电〔2025〕7号`);
export const ZNoticeTitle = z
  .string()
  .trim()
  .min(1)
  .max(NOTICE_LIMITS.titleLength, `a title is at most ${NOTICE_LIMITS.titleLength} characters; give the notice's title as printed`);

export const ZCalendarYear = z.object({
  /** Document number, e.g. '国办发明电〔2025〕7号'. */
  document: ZNoticeDocument,
  title: ZNoticeTitle,
  /** Date the notice was issued (normally in the previous year). */
  issued: ZIsoDate,
  urls: ZUrlList,
  holidays: ZHolidayList,
  /** 调休 make-up working days: Saturdays or Sundays that are working days. */
  makeupWorkdays: ZMakeupList,
  /** Total days off announced, the sum of the holidays' `days`. */
  offDayCount: z.number().int().nonnegative().max(NOTICE_LIMITS.days, `a year has at most ${NOTICE_LIMITS.days} days off`).optional(),
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

/**
 * The first MAX_LISTED_PROBLEMS problems, then one line saying how many more there are: a notice
 * with a systematic mistake gets a readable answer of a few kilobytes, not one line per holiday.
 */
export function listProblems(problems: readonly string[]): string[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return [...problems];
  const more = problems.length - MAX_LISTED_PROBLEMS;
  return [
    ...problems.slice(0, MAX_LISTED_PROBLEMS),
    `…and ${more} more problems; correct the ones above and submit the notice again to see the rest`,
  ];
}

function noticeInvalid(year: number, problems: readonly string[]): AppError {
  const listed = listProblems(problems);
  return new AppError(
    'CALENDAR_NOTICE_INVALID',
    `The holiday notice for ${year} is invalid: ${listed.join('; ')}`,
    { year, problems: listed, problemCount: problems.length },
  );
}

/** A holiday's first and last day as day numbers. */
export interface DaySpan {
  start: number;
  end: number;
}

/**
 * Every span that overlaps an earlier-starting one, as [index of the earlier span, index of the
 * span], in order of start. Sorting once and keeping the span that reaches furthest so far finds
 * each overlapping span in O(n log n) and reports it once, against a span it really overlaps:
 * comparing all pairs made 1,000 identical holidays cost 500,000 lines and seconds of CPU.
 * Spans whose start is after their end are left out (they are reported on their own).
 */
export function findOverlaps(spans: readonly DaySpan[]): Array<[number, number]> {
  const ordered = sortedSpans(spans);
  const pairs: Array<[number, number]> = [];
  let reach: IndexedSpan | undefined;
  for (const x of ordered) {
    if (reach && x.start <= reach.end) pairs.push([reach.i, x.i]);
    if (!reach || x.end > reach.end) reach = x;
  }
  return pairs;
}

interface IndexedSpan extends DaySpan {
  i: number;
}

function sortedSpans(spans: readonly DaySpan[]): IndexedSpan[] {
  return spans
    .map((s, i) => ({ i, start: s.start, end: s.end }))
    .filter((x) => x.start <= x.end)
    .sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
}

/**
 * Answers "which span contains this day?" in O(log n): the spans sorted by start, and for each
 * position the span reaching furthest among it and those before it. A day is inside some span
 * exactly when the furthest-reaching span among those starting on or before it reaches it.
 */
function spanLookup(spans: readonly DaySpan[]): (day: number) => number | undefined {
  const ordered = sortedSpans(spans);
  const reachAt: IndexedSpan[] = [];
  for (const x of ordered) {
    const prev = reachAt[reachAt.length - 1];
    reachAt.push(prev && prev.end >= x.end ? prev : x);
  }
  return (day) => {
    // The last position whose span starts on or before `day`.
    let lo = 0;
    let hi = ordered.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = ordered[mid];
      if (m && m.start <= day) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    const reach = reachAt[found];
    return reach && reach.end >= day ? reach.i : undefined;
  };
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
 * the holidays' days. The message and `details.problems` list the first MAX_LISTED_PROBLEMS of
 * them and say how many more there are (`details.problemCount` is the total).
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

  // Holidays against each other: duplicate names (a map), overlapping spans (sorted once).
  const seenNames = new Map<string, number>();
  notice.holidays.forEach((h, i) => {
    const first = seenNames.get(h.name);
    if (first !== undefined) problems.push(`holidays[${i}]: duplicate holiday name '${h.name}' (also holidays[${first}])`);
    else seenNames.set(h.name, i);
  });
  const spans = notice.holidays.map((h) => ({ start: toDayNumber(h.start), end: toDayNumber(h.end) }));
  const describe = (i: number): string => {
    const h = notice.holidays[i];
    return h ? `holidays[${i}] (${h.name}, ${h.start}..${h.end})` : `holidays[${i}]`;
  };
  for (const [a, b] of findOverlaps(spans)) problems.push(`${describe(a)} overlaps ${describe(b)}`);

  // Make-up working days.
  const holidayAt = spanLookup(spans);
  const seenMakeup = new Set<string>();
  notice.makeupWorkdays.forEach((date, i) => {
    const label = `makeupWorkdays[${i}] (${date})`;
    if (seenMakeup.has(date)) problems.push(`${label}: duplicate make-up workday`);
    seenMakeup.add(date);
    if (!inYear(date)) problems.push(`${label}: outside ${year}`);
    const day = toDayNumber(date);
    if (!isWeekendDayNumber(day)) problems.push(`${label}: a make-up workday must be a Saturday or Sunday`);
    const inside = holidayAt(day);
    const h = inside === undefined ? undefined : notice.holidays[inside];
    if (h) problems.push(`${label}: falls inside holiday ${h.name} (${h.start}..${h.end})`);
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
