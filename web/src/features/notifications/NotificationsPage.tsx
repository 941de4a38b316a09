import { type Notification, type NotificationKind, notificationKinds } from '@relate/common';
import { Button, Card, Segmented, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PagedTable } from '../../components/PagedTable';
import { notificationLink } from './notification-links';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications, useUnreadCount } from './queries';

type Filters = { page: number; pageSize: number; unread?: boolean; kind?: NotificationKind };

/** Every notification of the signed-in user, newest first: unread or all, by kind, each opening what it is about. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({ page: 1, pageSize: 20 });
  const list = useNotifications({
    page: filters.page,
    pageSize: filters.pageSize,
    unread: filters.unread,
    kind: filters.kind ? [filters.kind] : undefined,
  });
  const unread = useUnreadCount();
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();
  const change = (next: Partial<Filters>) => setFilters((f) => ({ ...f, page: 1, ...next }));
  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    const link = notificationLink(n);
    if (link) void navigate(link);
  };
  return (
    <Card
      title={t('notifications.title')}
      extra={
        <Button
          disabled={!unread.data?.unread}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
          data-testid="mark-all-read"
        >
          {t('notifications.markAllRead')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          value={filters.unread ? 'unread' : 'all'}
          onChange={(value) => change({ unread: value === 'unread' || undefined })}
          options={[
            { value: 'all', label: t('notifications.all') },
            { value: 'unread', label: t('notifications.unreadOnly', { count: unread.data?.unread ?? 0 }) },
          ]}
        />
        <Select
          allowClear
          placeholder={t('notifications.kind')}
          style={{ width: 200 }}
          value={filters.kind}
          onChange={(kind?: NotificationKind) => change({ kind })}
          options={notificationKinds.map((kind) => ({ value: kind, label: t(`notifications.kindNames.${kind}`) }))}
          data-testid="notification-kind"
        />
      </Space>
      <PagedTable<Notification>
        list={list.data}
        loading={list.isFetching}
        page={filters.page}
        pageSize={filters.pageSize}
        empty={filters.unread || filters.kind ? t('common.noMatches') : t('notifications.none')}
        onPageChange={({ page, pageSize }) => setFilters((f) => ({ ...f, page, pageSize }))}
        onRow={(n) => ({ onClick: () => open(n), style: { cursor: 'pointer' } })}
        data-testid="notifications"
        columns={[
          {
            title: t('notifications.message'),
            render: (_, n) => (
              <Typography.Text strong={!n.readAt}>
                {t(`notifications.kinds.${n.kind}`, { ...n.params, defaultValue: n.kind })}
              </Typography.Text>
            ),
          },
          {
            title: t('notifications.kind'),
            dataIndex: 'kind',
            render: (kind: string) => t(`notifications.kindNames.${kind}`, { defaultValue: kind }),
          },
          {
            title: t('notifications.receivedAt'),
            dataIndex: 'createdAt',
            width: 160,
            render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
          },
          {
            title: t('notifications.readAt'),
            dataIndex: 'readAt',
            width: 160,
            render: (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : t('notifications.unread')),
          },
        ]}
      />
    </Card>
  );
}
