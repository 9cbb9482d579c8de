// Calendar dates as 'YYYY-MM-DD' strings. No Date objects: the quote is a pure function of
// its inputs (asOf is always passed in), and ISO strings compare correctly as text.
import { z } from 'zod';

const IsoDate = z.iso.date();

export function isIsoDate(value: unknown): value is string {
  return IsoDate.safeParse(value).success;
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The same calendar day `years` later; 29 February falls back to 28 February in a common
 * year (the anniversary cannot be later than the month allows).
 */
export function addYears(date: string, years: number): string {
  const year = yearOf(date) + years;
  const month = date.slice(5, 7);
  let day = date.slice(8, 10);
  if (month === '02' && day === '29' && !isLeapYear(year)) day = '28';
  return `${String(year).padStart(4, '0')}-${month}-${day}`;
}
