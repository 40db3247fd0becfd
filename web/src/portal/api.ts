import { useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../shared/api/client';
import type { CreateTicketInput, Page, Ticket, TicketStatus, TimelineEntry } from '../shared/api/types';
import type { MessageId } from '../shared/i18n/ids';
import type { MessageValues } from '../shared/i18n/I18nProvider';

/** The list filter of "My tickets": what is still being worked on, what is done, or everything. */
export type TicketFilter = 'open' | 'done' | 'all';
export const TICKET_FILTERS: readonly TicketFilter[] = ['open', 'done', 'all'];

const FILTER_STATUSES: Record<TicketFilter, readonly TicketStatus[] | undefined> = {
  open: ['new', 'open', 'pending', 'on_hold'],
  done: ['resolved', 'closed'],
  all: undefined,
};

/**
 * Query keys follow the realtime convention: ['tickets', …] for lists, ['ticket', id, …] for one ticket, so a
 * `ticket.changed` message refetches whatever the requester is looking at.
 */
export const portalKeys = {
  list: (filter: TicketFilter, q: string) => ['tickets', 'portal', { filter, q }] as const,
  ticket: (id: string) => ['ticket', id] as const,
  details: (id: string) => ['ticket', id, 'details'] as const,
  timeline: (id: string) => ['ticket', id, 'timeline'] as const,
  /** number → ticket, read once (numbers never change); outside ['ticket', …] on purpose. */
  byNumber: (number: number) => ['ticket-ref', number] as const,
};

/** The caller's tickets (the server scopes GET /tickets to what a requester may see), newest activity first. */
export function useMyTickets(filter: TicketFilter, q: string) {
  return useInfiniteQuery({
    queryKey: portalKeys.list(filter, q),
    queryFn: ({ pageParam }) =>
      api.get<Page<Ticket>>('/tickets', {
        status: FILTER_STATUSES[filter],
        q: q || undefined,
        // With a search text the server ranks by relevance; otherwise the latest activity comes first.
        sort: q ? undefined : '-updated_at',
        limit: 25,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/**
 * The ticket of a `/tickets/:number` page: the number is resolved to the id once, then the ticket lives under
 * ['ticket', id, 'details'], which realtime invalidates.
 */
export function useTicketByNumber(number: number) {
  const valid = Number.isInteger(number) && number > 0;
  const ref = useQuery({
    queryKey: portalKeys.byNumber(number),
    queryFn: () => api.get<Ticket>(`/tickets/${number}`),
    enabled: valid,
    staleTime: Infinity,
  });
  const id = ref.data?.id;
  const details = useQuery({
    queryKey: portalKeys.details(id ?? ''),
    queryFn: () => api.get<Ticket>(`/tickets/${id}`),
    enabled: Boolean(id),
    initialData: ref.data,
    initialDataUpdatedAt: ref.dataUpdatedAt,
  });
  const notFound = !valid || (ref.error instanceof ApiError && (ref.error.status === 404 || ref.error.status === 403));
  return {
    ticket: details.data,
    notFound,
    error: notFound ? null : (ref.error ?? details.error),
    isPending: valid && !details.data && !ref.error,
    refetch: () => void (id ? details.refetch() : ref.refetch()),
  };
}

/** The public timeline, oldest first (the server only ever gives requesters public entries). */
export function useTimeline(ticketId: string) {
  return useQuery({
    queryKey: portalKeys.timeline(ticketId),
    queryFn: () => api.get<{ data: TimelineEntry[] }>(`/tickets/${ticketId}/timeline`).then((r) => r.data),
  });
}

export type NewTicket = Pick<
  CreateTicketInput,
  'subject' | 'description' | 'urgency' | 'category_id' | 'equipment_brand' | 'equipment_model'
>;

export function createTicket(body: NewTicket, idempotencyKey: string): Promise<Ticket> {
  return api.post<Ticket>('/tickets', { ...body, channel: 'portal' }, { 'idempotency-key': idempotencyKey });
}

export function sendReply(ticketId: string, body: string, idempotencyKey: string) {
  return api.post<{ entry: TimelineEntry; ticket: Ticket }>(
    `/tickets/${ticketId}/replies`,
    { body },
    { 'idempotency-key': idempotencyKey },
  );
}

/** Requesters may only mark their ticket resolved, or reopen it ('open') once resolved. */
export function changeStatus(ticketId: string, status: 'resolved' | 'open') {
  return api.post<Ticket>(`/tickets/${ticketId}/status`, { status });
}

/** After a write: show the server's answer at once, then let every list and the ticket's queries refetch. */
export function refreshAfterWrite(qc: QueryClient, ticket: Ticket, entry?: TimelineEntry): Promise<unknown> {
  qc.setQueryData(portalKeys.details(ticket.id), ticket);
  if (entry) {
    qc.setQueryData<TimelineEntry[]>(portalKeys.timeline(ticket.id), (old) =>
      old && !old.some((e) => e.id === entry.id) ? [...old, entry] : old,
    );
  }
  return Promise.all([
    qc.invalidateQueries({ queryKey: portalKeys.ticket(ticket.id) }),
    qc.invalidateQueries({ queryKey: ['tickets'] }),
  ]);
}

const KNOWN_ERRORS: Partial<Record<string, MessageId>> = {
  FORBIDDEN: 'portal.error.FORBIDDEN',
  TICKET_NOT_FOUND: 'portal.error.TICKET_NOT_FOUND',
  TICKET_CLOSED: 'portal.error.TICKET_CLOSED',
  TICKET_MERGED: 'portal.error.TICKET_MERGED',
  TRANSITION_NOT_ALLOWED: 'portal.error.TRANSITION_NOT_ALLOWED',
  CATEGORY_NOT_FOUND: 'portal.error.CATEGORY_NOT_FOUND',
  VALIDATION_FAILED: 'portal.error.VALIDATION_FAILED',
  IDEMPOTENCY_IN_PROGRESS: 'portal.error.IDEMPOTENCY_IN_PROGRESS',
};

/** A failed request in plain words: known codes have their own sentence, a network failure says so. */
export function errorText(t: (id: MessageId, values?: MessageValues) => string, err: unknown): string {
  if (err instanceof ApiError) {
    const id = KNOWN_ERRORS[err.code];
    return id ? t(id) : t('common.error', { message: err.message });
  }
  // fetch rejects with a TypeError when the request never reached the server.
  if (err instanceof TypeError) return t('portal.error.network');
  return t('common.error', { message: err instanceof Error ? err.message : String(err) });
}
