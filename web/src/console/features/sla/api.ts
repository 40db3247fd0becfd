import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { SlaHistoryJson, SlaMetricJson, TicketSlaStateJson } from '../../../../../src/http/schemas/sla.js';
import { api } from '../../../shared/api/client';

/** Wire types of a ticket's SLA, inferred from the server's schemas (type-only imports). */
export type TicketSla = NonNullable<z.infer<typeof TicketSlaStateJson>>;
export type SlaTarget = z.infer<typeof SlaMetricJson>;
export type SlaMetric = SlaTarget['metric'];
export type SlaTargetStatus = SlaTarget['status'];
export type SlaHistory = z.infer<typeof SlaHistoryJson>;
export type SlaHistoryEvent = SlaHistory['history'][number];
export type SlaMeasure = SlaHistory['now'][number];

export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const satisfies readonly SlaMetric[];

export const isSlaMetric = (v: unknown): v is SlaMetric => (SLA_METRICS as readonly unknown[]).includes(v);

/**
 * GET /tickets/:id/sla: the clock now (business minutes used and left) and its history. Under the ticket's
 * query key, so `ticket.changed` and every write on the ticket refetch it with the ticket; every minute too,
 * since time left moves on its own.
 */
export function useTicketSla(ticketId: string, enabled = true) {
  return useQuery({
    queryKey: ['ticket', ticketId, 'sla'] as const,
    queryFn: () => api.get<SlaHistory>(`/tickets/${ticketId}/sla`),
    enabled,
    refetchInterval: 60_000,
  });
}
