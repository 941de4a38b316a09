import type { NotificationQuery, QueryOf } from '@relate/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onLiveEvent } from '../../app/live-events';
import { keysFor, useRefresh } from '../../app/query-keys';
import { notificationsApi, type UnreadCount } from './api';

export const notificationKeys = { ...keysFor('notifications'), unread: ['notifications', 'unread'] as const };

/**
 * The unread count. The server pushes it as it changes; polling stays as the fallback when the stream is
 * cut. A new count also refreshes the lists of notifications.
 */
export function useUnreadCount() {
  const queryClient = useQueryClient();
  useEffect(() => {
    return onLiveEvent('unread', (data) => {
      const { unread } = data as UnreadCount;
      if (unread !== queryClient.getQueryData<UnreadCount>(notificationKeys.unread)?.unread)
        void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      queryClient.setQueryData<UnreadCount>(notificationKeys.unread, { unread });
    });
  }, [queryClient]);
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: notificationsApi.unreadCount,
    refetchInterval: 60_000,
  });
}

export function useNotifications(query: QueryOf<typeof NotificationQuery>, { enabled = true } = {}) {
  return useQuery({ queryKey: notificationKeys.list(query), queryFn: () => notificationsApi.list(query), enabled });
}

export function useMarkNotificationRead() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: notificationsApi.markRead, onSuccess: () => refresh('notifications') });
}

export function useMarkAllNotificationsRead() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: notificationsApi.markAllRead, onSuccess: () => refresh('notifications') });
}
