// The State Council holiday notices, one row per year. The table is tiny (one row a year), so
// every reader builds its WorkCalendar fresh: a notice an administrator loads is seen at once
// by every API process and worker.
import type { PrismaClient, Prisma } from '../../generated/prisma/client';
import { WorkCalendar, validateCalendarYear, type TCalendarYear } from '../../domain/calendar';

export interface StoredCalendarYear {
  year: number;
  notice: TCalendarYear;
  source: 'bundled' | 'admin';
  loadedBy: string | null;
  loadedAt: Date;
}

/** The validated notice as the JSON column keeps it, field by field (an absent offDayCount stays absent). */
function noticeJson(n: TCalendarYear): Prisma.InputJsonObject {
  return {
    document: n.document,
    title: n.title,
    issued: n.issued,
    urls: [...n.urls],
    holidays: n.holidays.map((h) => ({ name: h.name, start: h.start, end: h.end, days: h.days })),
    makeupWorkdays: [...n.makeupWorkdays],
    ...(n.offDayCount === undefined ? {} : { offDayCount: n.offDayCount }),
  };
}

/** The columns of a notice's row (the notice itself is kept whole as validated JSON). */
function noticeColumns(notice: TCalendarYear) {
  return {
    document: notice.document,
    title: notice.title,
    issued: new Date(`${notice.issued}T00:00:00Z`),
    notice: noticeJson(notice),
  };
}

export function createCalendarRepository(prisma: PrismaClient) {
  const toStored = (r: { year: number; notice: unknown; source: string; loadedBy: string | null; loadedAt: Date }): StoredCalendarYear => ({
    year: r.year,
    notice: validateCalendarYear(r.year, r.notice),
    source: r.source === 'admin' ? 'admin' : 'bundled',
    loadedBy: r.loadedBy,
    loadedAt: r.loadedAt,
  });

  return {
    listYears: async (): Promise<StoredCalendarYear[]> =>
      (await prisma.calendarYear.findMany({ orderBy: { year: 'asc' } })).map(toStored),

    getYear: async (year: number): Promise<StoredCalendarYear | null> => {
      const r = await prisma.calendarYear.findUnique({ where: { year } });
      return r ? toStored(r) : null;
    },

    /** The calendar with every loaded year. */
    loadCalendar: async (): Promise<WorkCalendar> => {
      const rows = await prisma.calendarYear.findMany();
      return new WorkCalendar(Object.fromEntries(rows.map((r) => [r.year, validateCalendarYear(r.year, r.notice)])));
    },

    /** Bundled notices are inserted only where no year exists: an administrator's load wins. */
    insertBundledIfMissing: async (year: number, notice: TCalendarYear, at: Date): Promise<boolean> => {
      const result = await prisma.calendarYear.createMany({
        data: [{ year, ...noticeColumns(notice), source: 'bundled', loadedAt: at }],
        skipDuplicates: true,
      });
      return result.count === 1;
    },

    upsertFromAdmin: (year: number, notice: TCalendarYear, by: string, at: Date) => {
      const data = { ...noticeColumns(notice), source: 'admin', loadedBy: by, loadedAt: at };
      return prisma.calendarYear.upsert({ where: { year }, create: { year, ...data }, update: data });
    },
  };
}
export type CalendarRepository = ReturnType<typeof createCalendarRepository>;
