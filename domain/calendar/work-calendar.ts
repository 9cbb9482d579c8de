/**
 * Working-day calendar of mainland China, and deadline arithmetic in working days.
 *
 * Which days are working days
 *   Monday to Friday are working days, Saturday and Sunday are not, except as the State Council
 *   decides each year in its holiday notice (国务院办公厅关于X年部分节假日安排的通知): the days of
 *   a statutory holiday block (including weekend days inside it) are off, and the 调休 make-up
 *   days (a Saturday or Sunday named in the notice) are working days. Those notices come as data
 *   (shared/data/cn-calendar-*.json), one per year; a year without a loaded notice is never
 *   guessed silently: counting into it throws CALENDAR_YEAR_MISSING, or, when the caller allows
 *   it, counts Monday-Friday only and marks the result `provisional`.
 *
 * How a deadline of N working days is counted
 *   - 民法典 art. 201: a period counted in days starts on the next day; the day on which it begins
 *     (the day of acceptance, 受理之日) is not counted. So the Asia/Shanghai calendar day that
 *     contains the starting instant is day 0 and is not counted.
 *   - 行政许可法 art. 82: administrative-licensing periods are working days, statutory holidays
 *     excluded. So only working days are counted: day 1 is the first working day after day 0
 *     (a start on a holiday or a weekend simply has its next working day as day 1), and a 调休
 *     make-up Saturday or Sunday inside the span counts like any working day.
 *   - 民法典 art. 203: the last day of a period ends at 24:00. So the deadline is the end of the
 *     Nth working day: 24:00 Asia/Shanghai, which is 16:00Z of that date.
 *   - (art. 200 民法典: periods follow the Gregorian calendar; Asia/Shanghai is a fixed UTC+8 with
 *     no daylight saving time, so dates are computed on plain UTC day numbers, never with the
 *     time zone of the machine that runs the code.)
 *   `startDayCounts: true` exists for the few rules that do count the start day: then the start
 *   day is day 1 when it is itself a working day.
 *
 * Purity: no I/O, no clock, no randomness. Temporal workflow code may import this module.
 */

import { AppError } from '../errors';
import {
  endOfLocalDay,
  fromDayNumber,
  isWeekendDayNumber,
  localDateOf,
  toDayNumber,
  yearOf,
  type IsoDate,
} from './dates';
import { validateCalendarYear, type TCalendarYear } from './schema';

/** Most working days a single deadline may span (about ten years of working days). */
export const MAX_WORKING_DAYS = 3660;
/** Longest span countWorkingDays accepts, in calendar days (about 100 years). */
export const MAX_COUNT_SPAN_DAYS = 36_600;

export type DayReason = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  reason: DayReason;
  /** Set when reason is 'holiday'. */
  holidayName?: string;
  /** True when the day's year has no loaded notice, so only the day of the week was considered. */
  provisional: boolean;
}

export interface SkippedDay {
  date: IsoDate;
  reason: 'weekend' | 'holiday';
  holidayName?: string;
}

export interface AddWorkingDaysInput {
  /** The instant the period starts (e.g. acceptance); its Asia/Shanghai date is day 0. */
  from: Date;
  /** N, an integer from 1 to MAX_WORKING_DAYS. */
  workingDays: number;
  /** Count the start day as day 1 when it is a working day. Default false (民法典 art. 201). */
  startDayCounts?: boolean;
  /** Count weekdays only in years without a notice instead of throwing. Default false. */
  allowProvisional?: boolean;
}

export interface WorkingDeadline {
  /** Date of the Nth working day. */
  deadlineDate: IsoDate;
  /** End of deadlineDate: 24:00 Asia/Shanghai = 16:00Z of deadlineDate. */
  deadlineAt: Date;
  /** True when a day in a year without a notice was counted on weekdays only. */
  provisional: boolean;
  /**
   * Every non-working day examined as a candidate and passed over, in order: the days after the
   * start day up to the deadline day (and the start day itself when startDayCounts is true and it
   * is not a working day).
   */
  skipped: SkippedDay[];
  /** Years, ascending, that had no notice and were counted provisionally. */
  missingYears: number[];
}

export interface CountOptions {
  allowProvisional?: boolean;
}

export interface WorkingDayCount {
  count: number;
  provisional: boolean;
  missingYears: number[];
}

type Special = { kind: 'holiday'; name: string } | { kind: 'makeup' };

/** The AppError thrown when counting reaches a year whose notice has not been loaded. */
export function calendarYearMissing(year: number, date: IsoDate): AppError {
  return new AppError(
    'CALENDAR_YEAR_MISSING',
    `No State Council holiday notice is loaded for ${year} (needed for ${date}): working days in ${year} ` +
      `cannot be determined. An administrator must load the ${year} State Council notice ` +
      `(国务院办公厅关于${year}年部分节假日安排的通知) into the work calendar.`,
    { year, date },
  );
}

export class WorkCalendar {
  private readonly notices = new Map<number, TCalendarYear>();
  private readonly special = new Map<number, Special>();

  /**
   * @param notices year → that year's notice. Every notice is validated again here
   * (CALENDAR_NOTICE_INVALID), so a WorkCalendar never holds an inconsistent year.
   */
  constructor(notices: Readonly<Record<number, TCalendarYear>> | ReadonlyMap<number, TCalendarYear>) {
    const entries: Array<[number, unknown]> =
      notices instanceof Map
        ? [...(notices as ReadonlyMap<number, TCalendarYear>).entries()]
        : Object.entries(notices).map(([k, v]): [number, unknown] => [/^\d{4}$/.test(k) ? Number(k) : Number.NaN, v]);
    for (const [year, raw] of entries) {
      const notice = validateCalendarYear(year, raw);
      this.notices.set(year, notice);
      for (const h of notice.holidays) {
        for (let d = toDayNumber(h.start); d <= toDayNumber(h.end); d++) this.special.set(d, { kind: 'holiday', name: h.name });
      }
      for (const m of notice.makeupWorkdays) this.special.set(toDayNumber(m), { kind: 'makeup' });
    }
  }

  /** True when the notice for `year` is loaded. */
  hasYear(year: number): boolean {
    return this.notices.has(year);
  }

  /** Loaded years, ascending. */
  years(): number[] {
    return [...this.notices.keys()].sort((a, b) => a - b);
  }

  /** The loaded notice for `year`, if any. */
  notice(year: number): TCalendarYear | undefined {
    return this.notices.get(year);
  }

  /** Whether `date` is a working day, and why. Throws VALIDATION_FAILED for a malformed date. */
  dayInfo(date: IsoDate): DayInfo {
    return this.infoOf(toDayNumber(date));
  }

  private infoOf(dayNumber: number): DayInfo {
    const date = fromDayNumber(dayNumber);
    const weekend = isWeekendDayNumber(dayNumber);
    if (!this.notices.has(yearOf(date))) {
      return { date, working: !weekend, reason: weekend ? 'weekend' : 'workday', provisional: true };
    }
    const special = this.special.get(dayNumber);
    if (special?.kind === 'holiday') {
      return { date, working: false, reason: 'holiday', holidayName: special.name, provisional: false };
    }
    if (special?.kind === 'makeup') {
      return { date, working: true, reason: 'makeup_workday', provisional: false };
    }
    return { date, working: !weekend, reason: weekend ? 'weekend' : 'workday', provisional: false };
  }

  /**
   * The deadline N working days after the instant `from` (see the counting rule at the top of
   * this file). Throws VALIDATION_FAILED for a bad `from` or N, and CALENDAR_YEAR_MISSING when a
   * day to be examined lies in a year without a notice (unless allowProvisional).
   */
  addWorkingDays(input: AddWorkingDaysInput): WorkingDeadline {
    const { from, workingDays, startDayCounts = false, allowProvisional = false } = input;
    if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > MAX_WORKING_DAYS) {
      throw new AppError(
        'VALIDATION_FAILED',
        `workingDays must be a whole number from 1 to ${MAX_WORKING_DAYS}, got ${String(workingDays)}`,
        { workingDays },
      );
    }
    const startDay = toDayNumber(localDateOf(from));
    const skipped: SkippedDay[] = [];
    const missing = new Set<number>();
    let counted = 0;

    const examine = (dayNumber: number): boolean => {
      const info = this.infoOf(dayNumber);
      if (info.provisional) {
        const year = yearOf(info.date);
        if (!allowProvisional) throw calendarYearMissing(year, info.date);
        missing.add(year);
      }
      if (info.working) {
        counted++;
        return counted === workingDays;
      }
      const reason = info.reason === 'holiday' ? 'holiday' : 'weekend';
      skipped.push(info.holidayName === undefined ? { date: info.date, reason } : { date: info.date, reason, holidayName: info.holidayName });
      return false;
    };

    // Every week holds at least one working day outside a holiday block, and holiday blocks are
    // validated to lie within one year, so N working days are always found well within this bound.
    const maxScan = workingDays * 7 + 400;
    let deadlineDay: number | undefined;
    if (startDayCounts && examine(startDay)) deadlineDay = startDay;
    for (let offset = 1; deadlineDay === undefined && offset <= maxScan; offset++) {
      if (examine(startDay + offset)) deadlineDay = startDay + offset;
    }
    if (deadlineDay === undefined) {
      throw new AppError(
        'CALENDAR_NOTICE_INVALID',
        `No ${workingDays} working days were found within ${maxScan} days after ${fromDayNumber(startDay)}; the loaded notices cannot be right`,
      );
    }
    const deadlineDate = fromDayNumber(deadlineDay);
    const missingYears = [...missing].sort((a, b) => a - b);
    return { deadlineDate, deadlineAt: endOfLocalDay(deadlineDate), provisional: missingYears.length > 0, skipped, missingYears };
  }

  /**
   * Working days elapsed from day 0 `fromDate` (not counted) to the end of `toDate` (counted):
   * the number of working days d with fromDate < d <= toDate; 0 when toDate <= fromDate.
   * Same missing-year behaviour as addWorkingDays.
   */
  countWorkingDays(fromDate: IsoDate, toDate: IsoDate, options: CountOptions = {}): WorkingDayCount {
    const start = toDayNumber(fromDate);
    const end = toDayNumber(toDate);
    if (end - start > MAX_COUNT_SPAN_DAYS) {
      throw new AppError(
        'VALIDATION_FAILED',
        `countWorkingDays spans at most ${MAX_COUNT_SPAN_DAYS} days; ${fromDate}..${toDate} is longer`,
        { fromDate, toDate },
      );
    }
    const missing = new Set<number>();
    let count = 0;
    for (let d = start + 1; d <= end; d++) {
      const info = this.infoOf(d);
      if (info.provisional) {
        const year = yearOf(info.date);
        if (!options.allowProvisional) throw calendarYearMissing(year, info.date);
        missing.add(year);
      }
      if (info.working) count++;
    }
    const missingYears = [...missing].sort((a, b) => a - b);
    return { count, provisional: missingYears.length > 0, missingYears };
  }
}
