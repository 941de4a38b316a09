import { BellOutlined } from '@ant-design/icons';
import type { Notification, Page } from '@relate/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';

const links: Record<string, (id: number) => string> = {
  leads: (id) => `/leads/${id}`,
  customers: (id) => `/customers/${id}`,
  tasks: () => '/tasks',
  approvals: () => '/approvals',
  orders: (id) => `/orders/${id}`,
  products: () => '/inventory?tab=stock',
};

/** The bell in the header: unread count, the latest notifications, each opening what it is about. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => api.get<{ unread: number }>('/api/v1/notifications/unread-count'),
    refetchInterval: 60_000,
  });
  // The server pushes the unread count; polling stays as the fallback when the stream is cut.
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/notifications/stream');
    source.addEventListener('unread', (event) => {
      const { unread: count } = JSON.parse((event as MessageEvent<string>).data) as { unread: number };
      if (count !== queryClient.getQueryData<{ unread: number }>(['notifications', 'unread'])?.unread)
        void queryClient.invalidateQueries({ queryKey: ['notifications'] });
      queryClient.setQueryData(['notifications', 'unread'], { unread: count });
    });
    return () => source.close();
  }, [queryClient]);
  const latest = useQuery({
    queryKey: ['notifications', 'latest'],
    queryFn: () => api.get<Page<Notification>>('/api/v1/notifications', { pageSize: 10 }),
    enabled: open,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = useMutation({
    mutationFn: (id: number) => api.post(`/api/v1/notifications/${id}/read`),
    onSuccess: refresh,
  });
  const markAll = useMutation({ mutationFn: () => api.post('/api/v1/notifications/read-all'), onSuccess: refresh });

  const content = (
    <div style={{ width: 320 }}>
      <List
        size="small"
        loading={latest.isLoading}
        dataSource={latest.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} /> }}
        renderItem={(n) => (
          <List.Item
            style={{ cursor: 'pointer', opacity: n.readAt ? 0.6 : 1 }}
            onClick={() => {
              if (!n.readAt) markRead.mutate(n.id);
              const link = n.entity && n.entityId ? links[n.entity]?.(n.entityId) : undefined;
              setOpen(false);
              if (link) void navigate(link);
            }}
          >
            <div>
              <div>{t(`notifications.kinds.${n.kind}`, { ...n.params, defaultValue: n.kind })}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
      {(unread.data?.unread ?? 0) > 0 && (
        <Button type="link" size="small" onClick={() => markAll.mutate()}>
          {t('notifications.markAllRead')}
        </Button>
      )}
    </div>
  );

  return (
    <Popover
      content={content}
      title={t('notifications.title')}
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
    >
      <Badge count={unread.data?.unread ?? 0} size="small">
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('notifications.title')}
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
