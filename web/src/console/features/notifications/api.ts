import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { NotificationJson, NotificationList } from '../../../../../src/http/schemas/notifications.js';
import { api } from '../../../shared/api/client';

/** An in-app notification (GET /notifications), as the server's schema says. */
export type AgentNotification = z.infer<typeof NotificationJson>;
export type NotificationPage = z.infer<typeof NotificationList>;

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
