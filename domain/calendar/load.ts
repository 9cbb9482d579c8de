// Loading a calendar file (shared/data/cn-calendar-*.json): the file shape is checked with zod,
// then every year's notice with validateCalendarYear. The caller reads the file (or receives it
// as workflow input); this module never does I/O.

import { z } from 'zod';
import { AppError } from '../errors';
import { describeZodIssues, listProblems, validateCalendarYear, type TCalendarYear } from './schema';
import { WorkCalendar } from './work-calendar';

export const CALENDAR_FILE_SCHEMA = 'cn-work-calendar/1';

export const ZCalendarFile = z.object({
  schema: z.literal(CALENDAR_FILE_SCHEMA),
  region: z.literal('CN-mainland'),
  /** The years the file covers; must be exactly the keys of `years`. */
  coverage: z.array(z.number().int()),
  /** Year ('2026') → that year's notice, validated separately with validateCalendarYear. */
  years: z.record(z.string().regex(/^\d{4}$/, 'a year key must be four digits'), z.unknown()),
});
export type TCalendarFile = z.infer<typeof ZCalendarFile>;

/** Parses a whole calendar file and returns its WorkCalendar. Throws CALENDAR_NOTICE_INVALID. */
export function loadBundledCalendar(json: unknown): WorkCalendar {
  const parsed = ZCalendarFile.safeParse(json);
  if (!parsed.success) {
    // Cut like a notice's problems (a file's coverage list, for one, has no bound of its own).
    const all = describeZodIssues(parsed.error);
    const problems = listProblems(all);
    throw new AppError('CALENDAR_NOTICE_INVALID', `The calendar file is invalid: ${problems.join('; ')}`, { problems, problemCount: all.length });
  }
  const notices: Record<number, TCalendarYear> = {};
  for (const [key, raw] of Object.entries(parsed.data.years)) {
    const year = Number(key);
    notices[year] = validateCalendarYear(year, raw);
  }
  const keys = Object.keys(notices).map(Number).sort((a, b) => a - b);
  const coverage = [...new Set(parsed.data.coverage)].sort((a, b) => a - b);
  if (coverage.length !== parsed.data.coverage.length || keys.join(',') !== coverage.join(',')) {
    throw new AppError(
      'CALENDAR_NOTICE_INVALID',
      `The calendar file is invalid: coverage [${parsed.data.coverage.join(', ')}] does not list exactly the years present [${keys.join(', ')}]`,
      { coverage: parsed.data.coverage, years: keys },
    );
  }
  return new WorkCalendar(notices);
}
