import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/client';
import type { Page, QueueCount, SavedView, Ticket } from '../../../shared/api/types';

/**
 * `QueueCount`: one entry of `GET /queues`, a built-in queue (name null: the app translates
 * `queues.builtin.<key>`) or a saved view (key = view id), with its live count and the exact query of
 * GET /tickets that lists it. `SavedView`: own or shared view, with its owner.
 */
export type { QueueCount, SavedView };

export const BUILTIN_QUEUES = ['mine', 'team_unassigned', 'open', 'pending', 'recent'] as const;
export type BuiltinQueue = (typeof BUILTIN_QUEUES)[number];
export const isBuiltinQueue = (key: string): key is BuiltinQueue => (BUILTIN_QUEUES as readonly string[]).includes(key);

export const PAGE_SIZE = 50;

/**
 * Query keys follow the realtime convention: on `ticket.changed` the RealtimeProvider invalidates ['tickets']
 * (every list below) and ['queues'] (the counts), so lists and counts refetch by themselves.
 */
export const queueKeys = {
  counts: ['queues'] as const,
  views: ['views'] as const,
  list: (query: Record<string, string>) => ['tickets', 'list', query] as const,
};

export function useQueues() {
  return useQuery({
    queryKey: queueKeys.counts,
    queryFn: () => api.get<{ data: QueueCount[] }>('/queues').then((r) => r.data),
  });
}

/** Own and shared views, with their owners (to know which ones the agent may rename or delete). */
export function useViews() {
  return useQuery({
    queryKey: queueKeys.views,
    queryFn: () => api.get<{ data: SavedView[] }>('/views').then((r) => r.data),
  });
}

/** A ticket list, a page at a time (keyset pagination: `next_cursor`). */
export function useTicketList(query: Record<string, string> | null) {
  return useInfiniteQuery({
    queryKey: queueKeys.list(query ?? {}),
    queryFn: ({ pageParam }) =>
      api.get<Page<Ticket>>('/tickets', { ...query, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: query !== null,
    // A live refetch or a new filter keeps the rows on screen until the new ones arrive (no flash of "loading").
    placeholderData: keepPreviousData,
  });
}

/**
 * View changes refresh the sidebar (['queues']) and the owners list (['views']). `awaitRefresh`: the caller's
 * own onSuccess runs once the sidebar knows the change (a new view is listed before the page opens it).
 */
function useViewMutation<V, R>(fn: (vars: V) => Promise<R>, awaitRefresh = true) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      const refresh = Promise.all([
        qc.invalidateQueries({ queryKey: queueKeys.counts }),
        qc.invalidateQueries({ queryKey: queueKeys.views }),
      ]);
      if (awaitRefresh) await refresh;
    },
  });
}

export function useCreateView() {
  return useViewMutation((body: { name: string; query: Record<string, string>; shared: boolean }) =>
    api.post<SavedView>('/views', body),
  );
}

export function useUpdateView() {
  return useViewMutation(({ id, ...patch }: { id: string; name?: string; query?: Record<string, string>; shared?: boolean }) =>
    api.patch<SavedView>(`/views/${id}`, patch),
  );
}

export function useDeleteView() {
  // The page leaves the deleted view at once; the sidebar catches up.
  return useViewMutation((id: string) => api.delete(`/views/${id}`), false);
}
