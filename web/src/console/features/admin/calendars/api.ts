import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CalendarJson, CreateCalendarBody, ImportResultJson, PreviewJson, UpdateCalendarBody,
} from '../../../../../../src/http/schemas/calendars.js';
import { api } from '../../../../shared/api/client';

/** Wire types, inferred from the server's schemas (type-only: nothing of the server reaches the bundle). */
export type Calendar = z.infer<typeof CalendarJson>;
export type CalendarBody = z.input<typeof CreateCalendarBody>;
export type CalendarPatch = z.input<typeof UpdateCalendarBody>;
export type ImportReport = z.infer<typeof ImportResultJson>;
export type CalendarPreview = z.infer<typeof PreviewJson>;
export type FrenchHolidays = Calendar['french_holidays'];
export type ImportMode = 'merge' | 'replace';

export const calendarKeys = {
  list: ['admin', 'calendars'] as const,
  preview: (id: string, version: number, from: string) => ['admin', 'calendars', id, 'preview', { version, from }] as const,
};

/** A change to calendars changes what teams show (their calendar's name) and the audit log. */
const CHANGED: QueryKey[] = [calendarKeys.list, ['admin', 'audit-log']];

function useInvalidate() {
  const qc = useQueryClient();
  return () => Promise.all(CHANGED.map((queryKey) => qc.invalidateQueries({ queryKey })));
}

export function useCalendars() {
  return useQuery({
    queryKey: calendarKeys.list,
    queryFn: () => api.get<{ data: Calendar[] }>('/calendars').then((r) => r.data),
  });
}

export function useCreateCalendar() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CalendarBody) => api.post<Calendar>('/calendars', body),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateCalendar() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CalendarPatch }) => api.patch<Calendar>(`/calendars/${id}`, body),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteCalendar() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/calendars/${id}`),
    onSuccess: () => invalidate(),
  });
}

export function useSetDefaultCalendar() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.post<Calendar>(`/calendars/${id}/default`),
    onSuccess: () => invalidate(),
  });
}

/** Sends the .ics file as it is (text/calendar), not as JSON. */
export function useImportHolidays() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ics, mode }: { id: string; ics: string; mode: ImportMode }) =>
      api.upload<ImportReport>(`/calendars/${id}/import`, ics, 'text/calendar', { mode }),
    onSuccess: () => invalidate(),
  });
}

/** The opening hours day by day; keyed by version so that a saved change shows at once. */
export function useCalendarPreview(id: string, version: number, from: string, days: number) {
  return useQuery({
    queryKey: calendarKeys.preview(id, version, from),
    queryFn: () => api.get<CalendarPreview>(`/calendars/${id}/preview`, { from: from || undefined, days }),
  });
}
