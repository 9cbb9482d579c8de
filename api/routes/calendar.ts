import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZHoliday, ZHolidayList, ZMakeupStringList, ZNoticeDocument, ZNoticeTitle, ZUrlList } from '../../domain/calendar';
import { actorOf } from '../plugins/auth';
import { protectedErrors, zDecimal, ZErrorBody } from '../schemas/common';
import type { CalendarService } from '../services/calendar-service';

const ZYearParam = z.object({ year: zDecimal(z.int().min(1990).max(2100)) });
const ZFlag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');

const ZYearView = z.object({
  year: z.number(),
  document: z.string(),
  title: z.string(),
  issued: z.string(),
  urls: z.array(z.string()),
  holidays: z.array(ZHoliday),
  makeupWorkdays: z.array(z.string()),
  offDayCount: z.number().optional(),
  workingDays: z.number().describe('working days in the year'),
  source: z.enum(['bundled', 'admin']),
  loadedBy: z.string().nullable(),
  loadedAt: z.string(),
});

// The notice's own bounds (domain/calendar/schema.ts) apply at the edge too, so the OpenAPI
// document states them and an oversized body is refused before any work is done on it. Dates
// that are well-formed strings are checked by the service (CALENDAR_NOTICE_INVALID, naming them).
const ZNoticeBody = z.object({
  document: ZNoticeDocument.describe('document number, e.g. 国办发明电〔2025〕7号'),
  title: ZNoticeTitle,
  issued: z.string().describe('date of the notice, YYYY-MM-DD'),
  urls: ZUrlList.default([]),
  holidays: ZHolidayList,
  makeupWorkdays: ZMakeupStringList.describe('调休 make-up working days (Saturdays or Sundays)'),
  offDayCount: z.number().int().nonnegative().optional(),
});

export const calendarRoutes: FastifyPluginAsyncZod<{ calendar: CalendarService }> = async (app, { calendar }) => {
  const security = [{ bearer: [] }];

  app.get(
    '/api/v1/calendar/:year',
    { schema: { tags: ['calendar'], summary: "A year's holiday notice and its working days", security, params: ZYearParam, response: { 200: ZYearView, ...protectedErrors } } },
    async (request) => calendar.getYear(request.params.year),
  );

  app.get(
    '/api/v1/calendar/days/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Whether a date is a working day, and why',
        security,
        params: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD') }),
        response: {
          200: z.object({
            date: z.string(),
            working: z.boolean(),
            reason: z.enum(['workday', 'weekend', 'holiday', 'makeup_workday']),
            holidayName: z.string().nullable(),
            provisional: z.boolean(),
          }),
          ...protectedErrors,
        },
      },
    },
    async (request) => calendar.day(request.params.date),
  );

  app.get(
    '/api/v1/calendar/deadline',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The deadline N working days after an instant (the start day is not counted; the deadline is 24:00 Asia/Shanghai)',
        security,
        querystring: z.object({
          from: z.string().min(1).describe('ISO instant'),
          workingDays: zDecimal(z.int().min(1).max(3660)),
          allowProvisional: ZFlag,
        }),
        response: {
          200: z.object({
            from: z.string(),
            workingDays: z.number(),
            deadlineDate: z.string(),
            deadlineAt: z.string(),
            provisional: z.boolean(),
            missingYears: z.array(z.number()),
            skipped: z.array(z.object({ date: z.string(), reason: z.enum(['weekend', 'holiday']), holidayName: z.string().nullable() })),
          }),
          ...protectedErrors,
        },
      },
    },
    async (request) => calendar.deadline(request.query),
  );

  app.get(
    '/api/v1/calendar/working-days',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Working days after `from` up to and including `to`',
        security,
        querystring: z.object({ from: z.string(), to: z.string(), allowProvisional: ZFlag }),
        response: {
          200: z.object({ from: z.string(), to: z.string(), workingDays: z.number(), provisional: z.boolean(), missingYears: z.array(z.number()) }),
          ...protectedErrors,
        },
      },
    },
    async (request) => calendar.workingDays(request.query),
  );

  app.put(
    '/api/v1/calendar/:year',
    {
      schema: {
        tags: ['calendar', 'admin'],
        summary: "Load a year's State Council notice (admin); open cases whose deadline it moves are re-projected",
        security,
        params: ZYearParam,
        body: ZNoticeBody,
        // 503: the notice is saved but open cases could not all be told (repeat the PUT).
        response: { 200: ZYearView.extend({ reprojectedCases: z.number(), endOfYear: z.string() }), ...protectedErrors, 503: ZErrorBody },
      },
    },
    async (request) => calendar.loadYear(actorOf(request), request.params.year, request.body),
  );
};
