import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/client';

/**
 * An in-app notification (GET /notifications). The server's zod schema for it lives unexported in
 * src/http/routes/notifications.ts, so this mirrors it by hand; exporting it would let the type be inferred.
 */
export interface AgentNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  ticket: { id: string; number: number } | null;
  data: Record<string, unknown>;
  created_at: string;
  read_at: string | null;
}

export interface NotificationPage {
  data: AgentNotification[];
  unread_count: number;
  next_cursor: string | null;
}

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  list: ['notifications', 'list'] as const,
};

export const LIST_SIZE = 20;

/** The unread count for the bell: one row asked for, refreshed every minute (and on ticket.changed, by the bell). */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: () => api.get<NotificationPage>('/notifications', { unread: 'true', limit: 1 }).then((r) => r.unread_count),
    refetchInterval: 60_000,
  });
}

/** The latest notifications, read or not, while the list is open. */
export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.list,
    queryFn: () => api.get<NotificationPage>('/notifications', { limit: LIST_SIZE }),
    enabled,
  });
}

/** Marks some notifications read, or all of them; the count comes back with the answer. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (which: { ids: string[] } | { all: true }) =>
      api.post<{ updated: number; unread_count: number }>('/notifications/read', which),
    onSuccess: (r) => {
      qc.setQueryData(notificationKeys.unread, r.unread_count);
      return qc.invalidateQueries({ queryKey: notificationKeys.list });
    },
  });
}
