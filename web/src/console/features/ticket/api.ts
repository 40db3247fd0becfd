import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../shared/api/client';
import type { Organization, Page, Requester, Ticket, TicketLink, TimelineEntry, UpdateTicketInput } from '../../../shared/api/types';
import type { MessageId } from '../../../shared/i18n/ids';
import type { MessageValues } from '../../../shared/i18n/I18nProvider';

/** A ticket as the API shows it; `requester` is the summary the server adds to every ticket. */
export type TicketView = Ticket & { requester?: { id: string; name: string; email: string | null } };

/**
 * Query keys of one ticket follow the realtime convention (['ticket', id, …]) so that a `ticket.changed`
 * message refetches the header, the timeline and the links at once.
 */
export const ticketKeys = {
  all: (id: string) => ['ticket', id] as const,
  details: (id: string) => ['ticket', id, 'details'] as const,
  timeline: (id: string) => ['ticket', id, 'timeline'] as const,
  links: (id: string) => ['ticket', id, 'links'] as const,
  followers: (id: string) => ['ticket', id, 'followers'] as const,
};

/** Someone who receives the ticket's public replies by e-mail (GET /tickets/:id/followers). */
export interface Follower {
  email: string;
  name: string | null;
  source: 'email_cc' | 'agent';
  added_at: string;
}

/**
 * The ticket of a `/tickets/:number` page. The number is resolved to the id once (it never changes); the
 * ticket itself lives under ['ticket', id, 'details'], which realtime invalidates.
 */
export function useTicketByNumber(number: number) {
  const valid = Number.isInteger(number) && number > 0;
  const ref = useQuery({
    queryKey: ['ticket-ref', number],
    queryFn: () => api.get<TicketView>(`/tickets/${number}`),
    enabled: valid,
    staleTime: Infinity,
  });
  const id = ref.data?.id;
  const details = useQuery({
    queryKey: ticketKeys.details(id ?? ''),
    queryFn: () => api.get<TicketView>(`/tickets/${id}`),
    enabled: Boolean(id),
    initialData: ref.data,
    initialDataUpdatedAt: ref.dataUpdatedAt,
  });
  return {
    ticket: details.data,
    notFound: !valid || (ref.error instanceof ApiError && ref.error.status === 404),
    error: ref.error ?? details.error,
  };
}

export function useTimeline(ticketId: string) {
  return useQuery({
    queryKey: ticketKeys.timeline(ticketId),
    queryFn: () => api.get<{ data: TimelineEntry[] }>(`/tickets/${ticketId}/timeline`).then((r) => r.data),
  });
}

export function useLinks(ticketId: string) {
  return useQuery({
    queryKey: ticketKeys.links(ticketId),
    queryFn: () => api.get<{ data: TicketLink[] }>(`/tickets/${ticketId}/links`).then((r) => r.data),
  });
}

export function useFollowers(ticketId: string) {
  return useQuery({
    queryKey: ticketKeys.followers(ticketId),
    queryFn: () => api.get<{ data: Follower[] }>(`/tickets/${ticketId}/followers`).then((r) => r.data),
  });
}

export function addFollower(ticketId: string, email: string): Promise<Follower> {
  return api.post<Follower>(`/tickets/${ticketId}/followers`, { email });
}

export function removeFollower(ticketId: string, email: string): Promise<void> {
  return api.delete(`/tickets/${ticketId}/followers/${encodeURIComponent(email)}`);
}

export function useRequester(id: string) {
  return useQuery({ queryKey: ['requester', id], queryFn: () => api.get<Requester>(`/requesters/${id}`), staleTime: 60_000 });
}

export function useOrganization(id: string | null | undefined) {
  return useQuery({
    queryKey: ['organization', id],
    queryFn: () => api.get<Organization>(`/organizations/${id}`),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}

/** A requester's tickets, every channel; a ticket list, so it follows the ['tickets', …] convention. */
export function useRequesterTickets(requesterId: string) {
  const query = { requester: requesterId, sort: '-updated_at', limit: 20 };
  return useQuery({
    queryKey: ['tickets', query],
    queryFn: () => api.get<Page<TicketView>>('/tickets', query),
  });
}

/** After any write on a ticket: the ticket itself, every list and the queue counts may have moved. */
export function refreshAfterWrite(qc: QueryClient, ticketId: string, ticket?: TicketView): Promise<unknown> {
  if (ticket) qc.setQueryData(ticketKeys.details(ticketId), ticket);
  return Promise.all([
    qc.invalidateQueries({ queryKey: ticketKeys.all(ticketId) }),
    qc.invalidateQueries({ queryKey: ['tickets'] }),
    qc.invalidateQueries({ queryKey: ['queues'] }),
  ]);
}

/** PATCH /tickets/:id, then refresh what it changes. */
export function useUpdateTicket(ticketId: string) {
  const qc = useQueryClient();
  return async (patch: UpdateTicketInput): Promise<TicketView> => {
    const ticket = await api.patch<TicketView>(`/tickets/${ticketId}`, patch);
    await refreshAfterWrite(qc, ticketId, ticket);
    return ticket;
  };
}

/** Error codes the server can answer on this page, with their own wording; anything else shows its message. */
const KNOWN_ERRORS: Partial<Record<string, MessageId>> = {
  TICKET_NOT_FOUND: 'ticket.error.TICKET_NOT_FOUND',
  TICKET_CLOSED: 'ticket.error.TICKET_CLOSED',
  TICKET_MERGED: 'ticket.error.TICKET_MERGED',
  TRANSITION_NOT_ALLOWED: 'ticket.error.TRANSITION_NOT_ALLOWED',
  INVALID_ASSIGNMENT: 'ticket.error.INVALID_ASSIGNMENT',
  MERGE_NOT_ALLOWED: 'ticket.error.MERGE_NOT_ALLOWED',
  LINK_NOT_ALLOWED: 'ticket.error.LINK_NOT_ALLOWED',
  LINK_EXISTS: 'ticket.error.LINK_EXISTS',
  FOLLOWER_EXISTS: 'ticket.error.FOLLOWER_EXISTS',
  FOLLOWER_NOT_FOUND: 'ticket.error.FOLLOWER_NOT_FOUND',
  FORBIDDEN: 'ticket.error.FORBIDDEN',
  VALIDATION_FAILED: 'ticket.error.VALIDATION_FAILED',
  MACRO_NOT_FOUND: 'macros.error.notFound',
};

/** A failed request, in the user's language. */
export function errorText(t: (id: MessageId, values?: MessageValues) => string, err: unknown): string {
  if (err instanceof ApiError) {
    const id = KNOWN_ERRORS[err.code];
    if (id) return t(id);
  }
  return t('common.error', { message: err instanceof Error ? err.message : String(err) });
}
