import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ComplianceJson } from '../../../../../src/http/schemas/sla.js';
import { api } from '../../../shared/api/client';

/** GET /reports/sla-compliance, inferred from the server's schema. */
export type ComplianceReport = z.infer<typeof ComplianceJson>;
export type ComplianceRow = ComplianceReport['rows'][number];

export interface ComplianceFilters {
  from: string;
  to: string;
  timeZone: string;
  teamId: string;
}

export function useCompliance(f: ComplianceFilters, enabled: boolean) {
  return useQuery({
    queryKey: ['reports', 'sla-compliance', f] as const,
    queryFn: () =>
      api.get<ComplianceReport>('/reports/sla-compliance', {
        from: f.from, to: f.to, time_zone: f.timeZone, team_id: f.teamId || undefined,
      }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The calendar date of `at` in a time zone, as YYYY-MM-DD. */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The last three months, whole: from the first day of the month two months back, to today. */
export function defaultPeriod(at: Date, timeZone: string): { from: string; to: string } {
  const to = localDate(at, timeZone);
  const [y, m] = to.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1 - 2, 1));
  return { from: `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, '0')}-01`, to };
}
