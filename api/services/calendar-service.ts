// The working-day calendar through the API: reading years and days, computing deadlines, and
// an administrator loading a year's State Council notice, which re-projects the deadlines of
// the open cases it can move (each case records which notice moved its date).
import { endOfLocalDay, isIsoDate, validateCalendarYear, type IsoDate } from '../../domain/calendar';
import { AppError } from '../../domain/errors';
import type { Actor } from '../../domain/roles';
import { calendarChangedSignal } from '../../workflows/sla/messages';
import { requireRole } from '../auth/guards';
import { undeliveredSignals, type TemporalGateway } from '../temporal/gateway';
import type { ServiceDeps } from './deps';
import { auditActor } from './views';

function requireDate(value: string, field: string): IsoDate {
  if (!isIsoDate(value)) throw new AppError('VALIDATION_FAILED', `${field} must be a real date YYYY-MM-DD, got '${value}'.`, { issues: [{ path: field, message: 'not a date' }] });
  return value;
}

export function createCalendarService(deps: ServiceDeps, temporal: TemporalGateway | undefined) {
  const { repos, now } = deps;
  return {
    async getYear(year: number) {
      const stored = await repos.calendar.getYear(year);
      if (!stored) {
        throw new AppError('NOT_FOUND', `No State Council holiday notice is loaded for ${year}; an administrator can load it with PUT /api/v1/calendar/${year}.`);
      }
      const calendar = await repos.calendar.loadCalendar();
      const workingDays = calendar.countWorkingDays(`${year - 1}-12-31`, `${year}-12-31`).count;
      return { year, ...stored.notice, workingDays, source: stored.source, loadedBy: stored.loadedBy, loadedAt: stored.loadedAt.toISOString() };
    },

    async day(date: string) {
      const calendar = await repos.calendar.loadCalendar();
      const info = calendar.dayInfo(requireDate(date, 'date'));
      return { ...info, holidayName: info.holidayName ?? null };
    },

    async deadline(q: { from: string; workingDays: number; allowProvisional: boolean }) {
      const from = new Date(q.from);
      if (Number.isNaN(from.getTime())) throw new AppError('VALIDATION_FAILED', `from must be an ISO instant, got '${q.from}'.`);
      const calendar = await repos.calendar.loadCalendar();
      const d = calendar.addWorkingDays({ from, workingDays: q.workingDays, allowProvisional: q.allowProvisional });
      return {
        from: from.toISOString(),
        workingDays: q.workingDays,
        deadlineDate: d.deadlineDate,
        deadlineAt: d.deadlineAt.toISOString(),
        provisional: d.provisional,
        missingYears: d.missingYears,
        skipped: d.skipped.map((s) => ({ date: s.date, reason: s.reason, holidayName: s.holidayName ?? null })),
      };
    },

    async workingDays(q: { from: string; to: string; allowProvisional: boolean }) {
      const from = requireDate(q.from, 'from');
      const to = requireDate(q.to, 'to');
      if (to < from) throw new AppError('VALIDATION_FAILED', `to (${to}) is before from (${from}).`);
      const calendar = await repos.calendar.loadCalendar();
      const c = calendar.countWorkingDays(from, to, { allowProvisional: q.allowProvisional });
      return { from, to, workingDays: c.count, provisional: c.provisional, missingYears: c.missingYears };
    },

    /** Loads (or replaces) a year's notice and re-projects the open cases it can affect. */
    async loadYear(actor: Actor, year: number, body: unknown) {
      requireRole(actor, ['admin'], 'load a calendar year');
      const notice = validateCalendarYear(year, body);
      const at = now();
      await repos.calendar.upsertFromAdmin(year, notice, actor.username, at);
      await repos.audit.append({
        at,
        ...auditActor(actor),
        action: 'calendar.load_year',
        subjectType: 'calendar',
        subjectId: String(year),
        outcome: 'ok',
        reason: `${notice.document} ${notice.title}`,
        payload: { holidays: notice.holidays.length, makeupWorkdays: notice.makeupWorkdays },
      });
      // Then re-project the open cases it can move (a repeated PUT signals them again). Without
      // Temporal there is no running case to tell.
      let signalled = 0;
      if (temporal) {
        const affected = await repos.cases.openCasesAffectedByYear(year);
        const fanOut = await temporal.signalAll(affected.map((c) => c.workflowId), calendarChangedSignal, { year, document: notice.document });
        const missed = undeliveredSignals(fanOut, `The ${year} notice`);
        if (missed) throw missed;
        signalled = fanOut.signalled;
      }
      return { ...(await this.getYear(year)), reprojectedCases: signalled, endOfYear: endOfLocalDay(`${year}-12-31`).toISOString() };
    },
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
