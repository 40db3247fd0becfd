import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  DeEscalateBody,
  EscalateBody,
  EscalationReportJson,
  NextTicketJson,
} from '../../../../../src/http/schemas/routing.js';
import { api } from '../../../shared/api/client';
import { refreshAfterWrite, type TicketView } from '../ticket/api';

/** Wire types of escalation, "Next ticket" and the escalation report, inferred from the server's schemas. */
export type EscalateInput = z.input<typeof EscalateBody>;
export type DeEscalateInput = z.input<typeof DeEscalateBody>;
export type NextTicketResult = Omit<z.infer<typeof NextTicketJson>, 'ticket'> & { ticket: TicketView | null };
export type EscalationReport = z.infer<typeof EscalationReportJson>;
export type TierReportRow = EscalationReport['tiers'][number];
export type RequiredSkill = NonNullable<EscalateInput['required_skills']>[number];
export type SkillLevel = RequiredSkill['level'];

export const SKILL_LEVELS = [1, 2, 3] as const satisfies readonly SkillLevel[];

/** POST /tickets/:id/escalate or /de-escalate, then refresh what moved (the ticket, lists, queue counts). */
export function useMoveTicket(ticketId: string) {
  const qc = useQueryClient();
  return async (move: { direction: 'up'; body: EscalateInput } | { direction: 'down'; body: DeEscalateInput }) => {
    const path = move.direction === 'up' ? 'escalate' : 'de-escalate';
    const ticket = await api.post<TicketView>(`/tickets/${ticketId}/${path}`, move.body);
    await refreshAfterWrite(qc, ticketId, ticket);
    return ticket;
  };
}

/** The last "Next ticket" answer, kept so the ticket page it opens can say why this one. */
export const takenKey = (ticketId: string) => ['next-ticket', ticketId] as const;

export function takeNextTicket(teamId: string | null): Promise<NextTicketResult> {
  return api.post<NextTicketResult>('/queue/next', teamId ? { team_id: teamId } : {});
}

export interface EscalationFilters {
  from: string;
  to: string;
  timeZone: string;
  teamId: string;
}

export function useEscalationReport(f: EscalationFilters, enabled: boolean) {
  return useQuery({
    queryKey: ['reports', 'escalations', f] as const,
    queryFn: () =>
      api.get<EscalationReport>('/reports/escalations', {
        from: f.from, to: f.to, time_zone: f.timeZone, team_id: f.teamId || undefined,
      }),
    enabled,
    placeholderData: keepPreviousData,
  });
}
