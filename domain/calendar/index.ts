// Public API of the mainland-China work calendar. Pure and deterministic: safe in workflow code.
export {
  addDays,
  endOfLocalDay,
  isIsoDate,
  localDateOf,
  startOfLocalDay,
  weekdayOf,
  SHANGHAI_OFFSET_MS,
  type IsoDate,
} from './dates';
export {
  MAX_LISTED_PROBLEMS,
  NOTICE_LIMITS,
  ZCalendarYear,
  ZHoliday,
  ZHolidayList,
  ZIsoDate,
  ZMakeupList,
  ZMakeupStringList,
  ZNoticeDocument,
  ZNoticeTitle,
  ZNoticeUrl,
  ZUrlList,
  validateCalendarYear,
  type TCalendarYear,
  type THoliday,
} from './schema';
export {
  WorkCalendar,
  calendarYearMissing,
  MAX_COUNT_SPAN_DAYS,
  MAX_WORKING_DAYS,
  type AddWorkingDaysInput,
  type CountOptions,
  type DayInfo,
  type DayReason,
  type SkippedDay,
  type WorkingDayCount,
  type WorkingDeadline,
} from './work-calendar';
export { CALENDAR_FILE_SCHEMA, ZCalendarFile, loadBundledCalendar, type TCalendarFile } from './load';
