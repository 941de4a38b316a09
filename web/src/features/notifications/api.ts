import type { Notification, NotificationQuery, Page, QueryOf } from '@relate/common';
import { api } from '../../app/api';

export type UnreadCount = { unread: number };

export const notificationsApi = {
  list: (query: QueryOf<typeof NotificationQuery>) => api.get<Page<Notification>>('/api/v1/notifications', query),
  unreadCount: () => api.get<UnreadCount>('/api/v1/notifications/unread-count'),
  markRead: (id: number) => api.post(`/api/v1/notifications/${id}/read`),
  markAllRead: () => api.post('/api/v1/notifications/read-all'),
};
