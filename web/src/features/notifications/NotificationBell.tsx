import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notificationLink } from './notification-links';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications, useUnreadCount } from './queries';

/** The bell in the header: unread count, the latest notifications, each opening what it is about. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const latest = useNotifications({ pageSize: 10 }, { enabled: open });
  const markRead = useMarkNotificationRead();
  const markAll = useMarkAllNotificationsRead();

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
              const link = notificationLink(n);
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
      <div style={{ display: 'flex', justifyContent: 'space-between' }}>
        <Button
          type="link"
          size="small"
          onClick={() => {
            setOpen(false);
            void navigate('/notifications');
          }}
          data-testid="all-notifications"
        >
          {t('notifications.viewAll')}
        </Button>
        {(unread.data?.unread ?? 0) > 0 && (
          <Button type="link" size="small" onClick={() => markAll.mutate()}>
            {t('notifications.markAllRead')}
          </Button>
        )}
      </div>
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
