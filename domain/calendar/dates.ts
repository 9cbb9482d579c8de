// Plain calendar-date arithmetic on 'YYYY-MM-DD' strings and UTC day numbers.
// Nothing here reads the machine's time zone or the current time: every function is a pure
// function of its arguments, so it is safe inside Temporal's deterministic workflow sandbox.
// China (Asia/Shanghai) has used fixed UTC+8 without daylight saving time since 1991, so the
// local date of an instant is simply the UTC date of (instant + 8 h).

import { AppError } from '../errors';

/** A calendar date written 'YYYY-MM-DD'. */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
/** Asia/Shanghai is UTC+8 all year round (no DST). */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Year, month and day of a 'YYYY-MM-DD' string, or null when it is not a real calendar date. */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const m = ISO_DATE_RE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True when the value is a real calendar date written 'YYYY-MM-DD' (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== null;
}

/** The date's day number: days since 1970-01-01 (which is day 0). Throws VALIDATION_FAILED on a bad date. */
export function toDayNumber(date: IsoDate): number {
  const parts = parseIsoDate(date);
  if (!parts) {
    throw new AppError('VALIDATION_FAILED', `'${date}' is not a real calendar date in the form YYYY-MM-DD`, { date });
  }
  return daysFromCivil(parts.year, parts.month, parts.day);
}

// Day-number conversions in integer arithmetic (H. Hinnant's days_from_civil / civil_from_days),
// valid for every proleptic Gregorian date; Date.UTC would map years 0-99 to 1900-1999.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The 'YYYY-MM-DD' date of a day number (days since 1970-01-01). */
export function fromDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Day of the week of a date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

/** True for Saturday and Sunday. */
export function isWeekendDayNumber(dayNumber: number): boolean {
  const wd = weekdayOfDayNumber(dayNumber);
  return wd === 0 || wd === 6;
}

/** The date `days` days after (or before, when negative) `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** The year of a 'YYYY-MM-DD' date. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

function assertValidInstant(instant: Date, what: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new AppError('VALIDATION_FAILED', `${what} must be a valid instant (a Date that is not Invalid Date)`);
  }
  return ms;
}

/** The Asia/Shanghai calendar date ('YYYY-MM-DD') that contains the instant. */
export function localDateOf(instant: Date): IsoDate {
  const ms = assertValidInstant(instant, 'The instant');
  return fromDayNumber(Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}

/**
 * The instant at which the Asia/Shanghai day `date` ends: 24:00 +08:00, i.e. 00:00 +08:00 of the
 * next day, which is 16:00Z of `date` itself.
 */
export function endOfLocalDay(date: IsoDate): Date {
  return new Date((toDayNumber(date) + 1) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}

/** The instant at which the Asia/Shanghai day `date` begins (00:00 +08:00 = 16:00Z of the day before). */
export function startOfLocalDay(date: IsoDate): Date {
  return new Date(toDayNumber(date) * MS_PER_DAY - SHANGHAI_OFFSET_MS);
}
