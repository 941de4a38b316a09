import type { SmsMessage } from '@relate/common';
import { Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

const statusColor: Record<SmsMessage['status'], string> = {
  sending: 'blue',
  sent: 'geekblue',
  delivered: 'green',
  failed: 'red',
  received: 'purple',
};

/** An SMS on the customer's timeline: sent to or received from a contact, its text and delivery status. */
export function SmsEntry({ sms }: { sms: SmsMessage }) {
  const { t } = useTranslation();
  return (
    <div data-testid="timeline-sms">
      <Space wrap size={4}>
        <Tag color={statusColor[sms.status]}>{t(`sms.statuses.${sms.status}`)}</Tag>
        <Typography.Text strong>
          {sms.direction === 'out'
            ? t('sms.sentTo', { name: sms.contactName ?? sms.phone })
            : t('sms.receivedFrom', { name: sms.contactName ?? sms.phone })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {sms.phone} · {sms.userName ?? '-'} · {dayjs(sms.createdAt).format('YYYY-MM-DD HH:mm')}
        </Typography.Text>
      </Space>
      <div style={{ fontSize: 13 }}>{sms.content}</div>
      {sms.error && <Typography.Text type="danger">{sms.error}</Typography.Text>}
    </div>
  );
}
