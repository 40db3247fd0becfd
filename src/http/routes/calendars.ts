import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { createCalendar } from '../../usecases/calendars/create-calendar.js';
import { removeCalendar } from '../../usecases/calendars/delete-calendar.js';
import { getCalendar } from '../../usecases/calendars/get-calendar.js';
import { importHolidays } from '../../usecases/calendars/import-holidays.js';
import { listCalendarsFor } from '../../usecases/calendars/list-calendars.js';
import { previewCalendar } from '../../usecases/calendars/preview-calendar.js';
import { makeDefaultCalendar } from '../../usecases/calendars/set-default-calendar.js';
import { updateCalendar } from '../../usecases/calendars/update-calendar.js';
import type { Deps } from '../../usecases/deps.js';
import { principalOf } from '../auth.js';
import { presentCalendar, presentPreview } from '../presenters/calendars.js';
import {
  CalendarJson, CalendarList, CreateCalendarBody, ImportQuery, ImportResultJson, PreviewJson, PreviewQuery, UpdateCalendarBody,
} from '../schemas/calendars.js';
import { ErrorResponse } from '../schemas/common.js';
import { IdParams } from '../schemas/directory.js';

const Errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const authenticated = { auth: 'authenticated' } as const;
const tags = ['calendars'];
/** Holiday feeds are a few kilobytes; a megabyte leaves room for decades of events. */
const ICS_MAX_BYTES = 1024 * 1024;

function calendarInput(b: z.infer<typeof UpdateCalendarBody>) {
  return { name: b.name, timeZone: b.time_zone, weekly: b.weekly, holidays: b.holidays, frenchHolidays: b.french_holidays, version: b.version };
}

/** Business-hours calendars: managers read them, administrators change them. */
export function calendarRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/calendars', {
      config: authenticated,
      schema: { tags, summary: 'List business-hours calendars (managers)', response: { 200: CalendarList, ...Errors } },
    }, async (req) => ({ data: (await listCalendarsFor(deps, principalOf(req))).map(presentCalendar) }));

    app.post('/calendars', {
      config: authenticated,
      schema: {
        tags, summary: 'Create a calendar (admins)',
        description: 'The first calendar becomes the default. Bad times, dates or zone: 400 INVALID_CALENDAR with a path per problem.',
        body: CreateCalendarBody, response: { 201: CalendarJson, ...Errors },
      },
    }, async (req, reply) => {
      const b = req.body;
      const row = await createCalendar(deps, principalOf(req), {
        name: b.name, timeZone: b.time_zone, weekly: b.weekly, holidays: b.holidays ?? [], frenchHolidays: b.french_holidays ?? 'none',
      });
      return reply.status(201).send(presentCalendar(row));
    });

    app.get('/calendars/:id', {
      config: authenticated,
      schema: { tags, summary: 'Get a calendar (managers)', params: IdParams, response: { 200: CalendarJson, ...Errors } },
    }, async (req) => presentCalendar(await getCalendar(deps, principalOf(req), req.params.id)));

    app.patch('/calendars/:id', {
      config: authenticated,
      schema: {
        tags, summary: 'Change a calendar (admins)', description: 'Lists (weekly, holidays) are replaced whole. Bumps `version`.',
        params: IdParams, body: UpdateCalendarBody, response: { 200: CalendarJson, ...Errors },
      },
    }, async (req) => presentCalendar(await updateCalendar(deps, principalOf(req), req.params.id, calendarInput(req.body))));

    app.delete('/calendars/:id', {
      config: authenticated,
      schema: {
        tags, summary: 'Delete a calendar (admins)',
        description: 'Refused (409 CALENDAR_IN_USE) for the default calendar and while a team, SLA policy or rule uses it.',
        params: IdParams, response: { 204: z.null(), ...Errors },
      },
    }, async (req, reply) => {
      await removeCalendar(deps, principalOf(req), req.params.id);
      return reply.status(204).send(null);
    });

    app.post('/calendars/:id/default', {
      config: authenticated,
      schema: { tags, summary: 'Make a calendar the default (admins)', params: IdParams, response: { 200: CalendarJson, ...Errors } },
    }, async (req) => presentCalendar(await makeDefaultCalendar(deps, principalOf(req), req.params.id)));

    app.get('/calendars/:id/preview', {
      config: authenticated,
      schema: {
        tags, summary: 'Opening hours day by day (managers)',
        description: 'Each local date with its opening spans (instants and local times) and the holiday closing it, if any.',
        params: IdParams, querystring: PreviewQuery, response: { 200: PreviewJson, ...Errors },
      },
    }, async (req) => presentPreview(await previewCalendar(deps, principalOf(req), req.params.id, req.query)));

    // The body is the .ics file itself: a parser for text/calendar in this scope only.
    await app.register(async (ics) => {
      ics.addContentTypeParser('text/calendar', { parseAs: 'string', bodyLimit: ICS_MAX_BYTES }, (_req, body, done) => done(null, body));
      ics.withTypeProvider<ZodTypeProvider>().post('/calendars/:id/import', {
        config: authenticated,
        bodyLimit: ICS_MAX_BYTES,
        schema: {
          tags, summary: 'Import closed days from an iCalendar file (admins)',
          description:
            'Body: the .ics file, `Content-Type: text/calendar` (1 MiB at most). All-day events become closed dates, ' +
            'multi-day events each of their dates, recurring events are expanded from this year through 5 years on. ' +
            'A file that does not parse changes nothing (400 INVALID_CALENDAR).',
          params: IdParams, querystring: ImportQuery, response: { 200: ImportResultJson, ...Errors, 413: ErrorResponse, 415: ErrorResponse },
        },
      }, async (req) => {
        if (typeof req.body !== 'string') {
          throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the .ics file itself with Content-Type: text/calendar.');
        }
        const r = await importHolidays(deps, principalOf(req), req.params.id, { text: req.body, mode: req.query.mode });
        return { ...r, calendar: presentCalendar(r.calendar) };
      });
    });
  };
}
